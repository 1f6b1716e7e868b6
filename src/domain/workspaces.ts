/**
 * A workspace's life in distribution mode: when it uninstalls the app (or revokes its tokens),
 * its scheduled jobs and queued messages stop at once, and its data is kept for the retention
 * period the operator chose (DATA_RETENTION_DAYS), then deleted; 0 deletes it at once.
 */
import type { Repositories } from '../db/repositories/index.js';
import { UNINSTALLED_ERROR } from '../db/repositories/outbox.js';
import type { Clock } from './clock.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Who uninstalled: one workspace, or (org-wide install on Enterprise Grid) every workspace of an organisation. */
export type Uninstall = { slackTeamId: string } | { enterpriseId: string };

export function createWorkspacesService({ repos, clock, dataRetentionDays }: { repos: Repositories; clock: Clock; dataRetentionDays: number }) {
  async function purge(slackTeamId: string): Promise<number> {
    return await repos.transaction(async () => (await repos.workspaces.purge(slackTeamId)).teams);
  }

  return {
    /** Stops serving the workspace(s) now; returns which workspaces stopped. */
    async uninstalled(who: Uninstall): Promise<string[]> {
      const at = clock().getTime();
      const stopped = await repos.transaction(async () => {
        let workspaces: string[];
        if ('enterpriseId' in who) {
          workspaces = await repos.workspaces.markOrgUninstalled(who.enterpriseId, at);
        } else {
          await repos.workspaces.markUninstalled(who.slackTeamId, at);
          workspaces = [who.slackTeamId];
        }
        const teamIds: number[] = [];
        for (const slackTeamId of workspaces) teamIds.push(...(await repos.teams.idsOfWorkspace(slackTeamId)));
        await repos.outbox.cancelPendingOfTeams(teamIds, UNINSTALLED_ERROR);
        return workspaces;
      });
      if (dataRetentionDays === 0) for (const slackTeamId of stopped) await purge(slackTeamId);
      return stopped;
    },

    /** Deletes the data of workspaces uninstalled longer ago than the retention period; returns how many. */
    async sweepRetention(now: Date): Promise<number> {
      const due = await repos.workspaces.listUninstalledSince(now.getTime() - dataRetentionDays * DAY_MS);
      for (const slackTeamId of due) await purge(slackTeamId);
      return due.length;
    },
  };
}

export type WorkspacesService = ReturnType<typeof createWorkspacesService>;
