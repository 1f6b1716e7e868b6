/** The cron jobs: each is a thin caller of a service. */
import type { WebClient } from '@slack/web-api';
import type { SlackDeps } from '../slack/deps.js';
import { STATE_TTL_MS } from '../slack/workspaces/stateStore.js';
import type { Job } from './index.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Refreshes the members' users.info timezone (cached for a day) so the sweep reads current zones. */
async function refreshMemberTimezones(deps: SlackDeps): Promise<void> {
  for (const team of deps.repos.teams.listActive()) {
    // Off the ack path: worth waiting for Slack's real answer.
    for (const userId of deps.repos.teams.members(team.id)) await deps.users.lookup(team.slackTeamId, userId, { waitMs: 15_000 });
  }
}

/** `distribution`: also run the jobs of distribution mode (data retention of uninstalled workspaces). */
export function createJobs(deps: SlackDeps, _client: WebClient, { distribution = false }: { distribution?: boolean } = {}): Job[] {
  const distributionJobs: Job[] = [
    {
      // Deletes the data of workspaces that uninstalled the app longer ago than DATA_RETENTION_DAYS.
      name: 'workspace-data-retention',
      cron: '41 * * * *',
      run: (now) => {
        const deleted = deps.services.workspaces.sweepRetention(now);
        if (deleted > 0) deps.logger.info(`deleted the data of ${deleted} uninstalled workspace(s)`);
      },
    },
    {
      name: 'prune-oauth-states',
      cron: '23 * * * *',
      run: (now) => deps.repos.oauthStates.pruneBefore(now.getTime() - STATE_TTL_MS),
    },
  ];
  return [
    ...(distribution ? distributionJobs : []),
    {
      name: 'prune-processed-events',
      cron: '17 3 * * *',
      run: (now) => deps.repos.processedEvents.pruneBefore(now.getTime() - DAY_MS),
    },
    {
      // Every minute; the sweep sends whatever is due (and was missed), each prompt once.
      name: 'standup-sweep',
      cron: '* * * * *',
      run: async (now) => {
        await refreshMemberTimezones(deps);
        const result = deps.services.standup.sweep(now);
        if (result.closed + result.prompted + result.reminded > 0) deps.outbox.kick();
      },
    },
    {
      // Sweeps every 15 minutes so a missed tick (or a restart) still prompts on the end date, once.
      name: 'sprint-close-prompts',
      cron: '*/15 * * * *',
      run: (now) => {
        if (deps.services.sprints.sweepClosePrompts(now) > 0) deps.outbox.kick();
      },
    },
    {
      // Burndowns, weekly digests and sprint-close digests: each claimed once, missed ones caught up the same day.
      name: 'scheduled-reports',
      cron: '* * * * *',
      run: async (now) => {
        await deps.reports.runDue(now);
      },
    },
  ];
}
