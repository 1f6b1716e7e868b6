/** The cron jobs: each is a thin caller of a service. */
import type { WebClient } from '@slack/web-api';
import type { SlackDeps } from '../slack/deps.js';
import type { Job } from './index.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Refreshes the members' users.info timezone (cached for a day) so the sweep reads current zones. */
async function refreshMemberTimezones(deps: SlackDeps): Promise<void> {
  for (const team of deps.repos.teams.listAll()) {
    // Off the ack path: worth waiting for Slack's real answer.
    for (const userId of deps.repos.teams.members(team.id)) await deps.users.lookup(team.slackTeamId, userId, { waitMs: 15_000 });
  }
}

export function createJobs(deps: SlackDeps, _client: WebClient): Job[] {
  return [
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
