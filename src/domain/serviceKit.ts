/** What every service needs, declared once: a team by id (or team.not_found) and a notification queued for a team. */
import type { Repositories } from '../db/repositories/index.js';
import type { Team } from '../db/repositories/teams.js';
import { DomainError } from './errors.js';
import type { Notification } from './notifications.js';

export function serviceKit(repos: Pick<Repositories, 'teams' | 'outbox'>) {
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
  };
}

export type ServiceKit = ReturnType<typeof serviceKit>;
