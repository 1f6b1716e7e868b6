/** The cron jobs: each is a thin caller of domain services and of the outbound port. */
import type { Services } from '../domain/index.js';
import { createScheduledPosts } from '../domain/scheduledPosts.js';
import type { AppLogger } from '../logger.js';
import type { Job } from './index.js';
import type { JobsPort } from './ports.js';

export interface JobsDeps {
  services: Services;
  port: JobsPort;
  logger: AppLogger;
  /** Also run the jobs of distribution mode (data retention of uninstalled workspaces, OAuth states). */
  distribution?: boolean;
}

/** Refreshes the members' time zones (the platform caches them for a day) so the sweep reads current zones. */
async function refreshMemberTimezones({ services, port }: JobsDeps): Promise<void> {
  // Off the ack path, one at a time: worth waiting for each real answer.
  for (const member of await services.members.activeMembers()) await port.refreshMemberTimezone(member.slackTeamId, member.userId);
}

export function createJobs(deps: JobsDeps): Job[] {
  const { services, port, logger, distribution = false } = deps;
  const reportsLog = logger.child('reports');
  const scheduledPosts = createScheduledPosts({
    reports: services.reports,
    publisher: port,
    observer: {
      willRetry: (post) => reportsLog.info(`scheduled ${post.kind} for team ${post.teamId} (${post.period}) will be retried`),
      failed: (post, error) => reportsLog.error(`scheduled ${post.kind} for team ${post.teamId} (${post.period}) failed`, error),
    },
  });
  const distributionJobs: Job[] = [
    {
      // Deletes the data of workspaces that uninstalled the app longer ago than DATA_RETENTION_DAYS.
      name: 'workspace-data-retention',
      cron: '41 * * * *',
      run: async (now) => {
        const deleted = await services.workspaces.sweepRetention(now);
        if (deleted > 0) logger.info(`deleted the data of ${deleted} uninstalled workspace(s)`);
      },
    },
    { name: 'prune-oauth-states', cron: '23 * * * *', run: (now) => port.pruneOAuthStates(now) },
  ];
  return [
    ...(distribution ? distributionJobs : []),
    { name: 'prune-processed-events', cron: '17 3 * * *', run: (now) => port.pruneHandledEvents(now) },
    {
      // Every minute; the sweep sends whatever is due (and was missed), each prompt once.
      name: 'standup-sweep',
      cron: '* * * * *',
      run: async (now) => {
        await refreshMemberTimezones(deps);
        const result = await services.standup.sweep(now);
        if (result.closed + result.prompted + result.reminded > 0) port.dispatchOutbox();
      },
    },
    {
      // Sweeps every 15 minutes so a missed tick (or a restart) still prompts on the end date, once.
      name: 'sprint-close-prompts',
      cron: '*/15 * * * *',
      run: async (now) => {
        if ((await services.sprints.sweepClosePrompts(now)) > 0) port.dispatchOutbox();
      },
    },
    {
      // Burndowns, weekly digests and sprint-close digests: each claimed once, missed ones caught up the same day.
      name: 'scheduled-reports',
      cron: '* * * * *',
      run: async (now) => {
        await scheduledPosts.sendDue(now);
      },
    },
  ];
}
