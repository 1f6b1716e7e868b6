/** The cron jobs: each is a thin caller of a service. */
import type { WebClient } from '@slack/web-api';
import type { SlackDeps } from '../slack/deps.js';
import type { Job } from './index.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export function createJobs(deps: SlackDeps, _client: WebClient): Job[] {
  return [
    {
      name: 'prune-processed-events',
      cron: '17 3 * * *',
      run: (now) => deps.repos.processedEvents.pruneBefore(now.getTime() - DAY_MS),
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
