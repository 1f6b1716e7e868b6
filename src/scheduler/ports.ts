/**
 * The outbound port of the scheduled jobs: what they ask of the chat platform. src/slack implements
 * it (slack/jobsPort.ts) and server.ts wires it; the jobs' tests use a fake.
 */
import type { ReportPublisher } from '../domain/ports.js';

export interface JobsPort extends ReportPublisher {
  /** Re-reads a member's time zone from the platform, so the standup sweep uses current zones. */
  refreshMemberTimezone(slackTeamId: string, userId: string): Promise<void>;
  /** Sends queued notifications soon, without waiting for them. */
  dispatchOutbox(): void;
  /** Forgets inbound event ids older than the platform's redelivery window. */
  pruneHandledEvents(now: Date): Promise<void> | void;
  /** Forgets OAuth install states that expired (distribution mode). */
  pruneOAuthStates(now: Date): Promise<void> | void;
}
