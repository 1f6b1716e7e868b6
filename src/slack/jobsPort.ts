/** The scheduled jobs' outbound port (scheduler/ports.ts), done with Slack. */
import type { JobsPort } from '../scheduler/ports.js';
import type { SlackDeps } from './deps.js';
import { STATE_TTL_MS } from './workspaces/stateStore.js';

/** Slack stops redelivering an event within minutes; a day of finished events is plenty (and room to inspect a failed one). */
const HANDLED_EVENTS_KEPT_MS = 24 * 60 * 60 * 1000;
/** A job may wait this long for users.info: it is off every ack path. */
const LOOKUP_WAIT_MS = 15_000;

export function createSlackJobsPort(deps: Pick<SlackDeps, 'reports' | 'users' | 'outbox' | 'repos'>): JobsPort {
  return {
    postBurndown: (teamId) => deps.reports.postBurndown(teamId),
    postDigest: (teamId, request) => deps.reports.postDigest(teamId, request),
    async refreshMemberTimezone(slackTeamId, userId) {
      await deps.users.lookup(slackTeamId, userId, { waitMs: LOOKUP_WAIT_MS });
    },
    dispatchOutbox: () => deps.outbox.kick(),
    // Promises now (the repositories answer asynchronously): the jobs await them.
    async pruneHandledEvents(now) {
      await deps.repos.eventInbox.pruneDoneBefore(now.getTime() - HANDLED_EVENTS_KEPT_MS);
    },
    async pruneOAuthStates(now) {
      await deps.repos.oauthStates.pruneBefore(now.getTime() - STATE_TTL_MS);
    },
  };
}
