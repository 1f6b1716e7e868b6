/** Who someone is to a team; privileged actions check it here, never in Slack code. */
import type { Team } from '../db/repositories/teams.js';
import { DomainError, type DomainErrorCode } from './errors.js';

export type Role = 'po' | 'sm' | 'member' | 'outsider';

export interface Actor {
  userId: string;
  /** Workspace admin or owner (users.info is_admin / is_owner). */
  isWorkspaceAdmin: boolean;
}

export function rolesOf(team: Team, members: readonly string[], userId: string): Set<Role> {
  const roles = new Set<Role>();
  if (team.productOwnerId === userId) roles.add('po');
  if (team.scrumMasterId === userId) roles.add('sm');
  if (members.includes(userId)) roles.add('member');
  if (roles.size === 0) roles.add('outsider');
  return roles;
}

/** Throws code unless the actor holds one of the roles (workspace admins pass when adminAllowed). */
export function requireRole(
  { team, members, actor }: { team: Team; members: readonly string[]; actor: Actor },
  allowed: readonly Role[],
  code: DomainErrorCode,
  { adminAllowed = false }: { adminAllowed?: boolean } = {},
): void {
  if (adminAllowed && actor.isWorkspaceAdmin) return;
  const roles = rolesOf(team, members, actor.userId);
  if (allowed.some((role) => roles.has(role))) return;
  throw new DomainError(code, `requires ${allowed.join(' or ')}`, {
    productOwnerId: team.productOwnerId ?? '',
    scrumMasterId: team.scrumMasterId ?? '',
  });
}
