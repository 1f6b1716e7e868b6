/**
 * Outbound ports: what the domain asks of the chat platform. src/slack implements them and the
 * composition root (server.ts) wires them; domain code and tests see only these interfaces.
 */

/** 'failed': the platform refused for good (the PO is told how to fix it); 'retry': a passing failure. */
export type BurndownPostResult = 'uploaded' | 'fallback' | 'failed' | 'retry';
export type DigestPostResult = 'posted' | 'skipped' | 'failed' | 'retry';

export type DigestRequest = { kind: 'weekly' } | { kind: 'sprint_close'; sprintId: number };

/** Publishes reports where the team reads them. */
export interface ReportPublisher {
  /** Posts the active sprint's burndown (chart and summary) to the team channel. */
  postBurndown(teamId: number): Promise<BurndownPostResult>;
  /** Posts a digest to the stakeholder channel, then its burndown chart. */
  postDigest(teamId: number, request: DigestRequest): Promise<DigestPostResult>;
}
