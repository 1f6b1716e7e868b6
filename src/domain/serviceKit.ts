/** What every service needs, declared once: a team by id (or team.not_found), a notification queued for a team, a team's transaction. */
import type { Repositories } from '../db/repositories/index.js';
import type { Team } from '../db/repositories/teams.js';
import { DomainError } from './errors.js';
import type { Notification } from './notifications.js';

/**
 * One transaction that holds the team until it ends (see TeamsRepository.lockForUpdate): changes
 * to a team's items, ranks, sprints, poker sessions and standup runs run one at a time across
 * instances. Whatever the writes depend on is read inside `work`, after the lock. Nested in
 * another transaction it becomes a savepoint, and the lock stays until the outer one ends.
 */
export async function teamTransaction<T>(repos: Pick<Repositories, 'teams' | 'transaction'>, teamId: number, work: () => Promise<T>): Promise<T> {
  return await repos.transaction(async () => {
    await repos.teams.lockForUpdate(teamId);
    return await work();
  });
}

export function serviceKit(repos: Pick<Repositories, 'teams' | 'outbox' | 'transaction'>) {
  return {
    /** The team with this id, or team.not_found. */
    async requireTeam(teamId: number): Promise<Team> {
      const team = await repos.teams.findById(teamId);
      if (!team) throw new DomainError('team.not_found');
      return team;
    },

    /** Queues a notification for a team (its workspace's token sends it), once per dedupe key; false when already queued. */
    async enqueue(dedupeKey: string, notification: Notification, at: number, teamId: number): Promise<boolean> {
      return await repos.outbox.enqueue({ dedupeKey, kind: notification.kind, payload: notification, at, teamId });
    },

    /** See teamTransaction. */
    async teamTransaction<T>(teamId: number, work: () => Promise<T>): Promise<T> {
      return await teamTransaction(repos, teamId, work);
    },
  };
}

export type ServiceKit = ReturnType<typeof serviceKit>;
