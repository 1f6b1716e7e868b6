/** Who someone is to a team; privileged actions check it here, never in Slack code. */
import type { Team } from '../db/repositories/teams.js';
import { DomainError, type DomainErrorCode, type GuardedAction } from './errors.js';

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

/** The refusal of action to someone without the role: who the PO and SM are travel with it. */
export function refusal(team: Pick<Team, 'productOwnerId' | 'scrumMasterId'>, code: DomainErrorCode, action: GuardedAction): DomainError {
  return new DomainError(code, { action, productOwnerId: team.productOwnerId ?? '', scrumMasterId: team.scrumMasterId ?? '' });
}

/** Throws code (naming the action) unless the actor holds one of the roles (workspace admins pass when adminAllowed). */
export function requireRole(
  { team, members, actor }: { team: Team; members: readonly string[]; actor: Actor },
  allowed: readonly Role[],
  code: DomainErrorCode,
  { action, adminAllowed = false }: { action: GuardedAction; adminAllowed?: boolean },
): void {
  if (adminAllowed && actor.isWorkspaceAdmin) return;
  const roles = rolesOf(team, members, actor.userId);
  if (allowed.some((role) => roles.has(role))) return;
  throw refusal(team, code, action);
}
