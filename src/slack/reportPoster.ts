/**
 * Posts burndowns and stakeholder digests. A chart is one image upload (getUploadURLExternal,
 * POST to the upload URL, completeUploadExternal: imageUpload.ts); if any step fails, the text still goes out
 * with a sparkline. Scheduled posts are claimed first (services.reports.claim), so a crash after
 * the claim skips that post rather than sending it twice.
 */
import type { WebClient } from '@slack/web-api';
import { renderBurndownPng } from '../charts/burndownChart.js';
import type { Repositories } from '../db/repositories/index.js';
import type { Clock } from '../domain/clock.js';
import type { Services } from '../domain/index.js';
import type { BurndownPostResult, DigestPostResult, DigestRequest, ReportPublisher } from '../domain/ports.js';
import { closeDigestPeriod, POST_KIND, type BurndownReport } from '../domain/reports.js';
import { createScheduledPosts } from '../domain/scheduledPosts.js';
import type { AppLogger } from '../logger.js';
import { uploadImage } from './imageUpload.js';
import { escapeMrkdwn, mentionChannel } from './ui/mrkdwn.js';
import { classifySlackError, type Failure } from './outbox/dispatcher.js';
import { explainChannelError } from './outbox/channelErrors.js';
import { buildBurndownFallbackText, burndownSummary, chartAltText, chartLabels } from './features/reports/burndownMessages.js';
import { buildDigestMessage } from './features/reports/digestMessage.js';
import type { WorkspaceTokens } from './workspaces/workspaceAuth.js';

export function createReportPoster({
  client,
  services,
  repos,
  clock,
  logger,
  tokens,
}: {
  client: WebClient;
  services: Services;
  repos: Repositories;
  clock: Clock;
  logger: AppLogger;
  /** Distribution mode: posts go out with the team's workspace token. Omitted: the client's own token. */
  tokens?: WorkspaceTokens;
}) {
  const log = logger.child('reports');

  /** The token override for a team's posts: {} for the client's own, null when no install serves its workspace. */
  async function tokenOf(teamId: number): Promise<{ token?: string } | null> {
    if (!tokens) return {};
    const team = await repos.teams.findById(teamId);
    const token = team ? await tokens.forWorkspace(team.slackTeamId) : null;
    return token ? { token } : null;
  }

  /** Uploads the chart of a report; the Slack error code when it fails. */
  async function uploadChart(auth: { token?: string }, channelId: string, report: BurndownReport, initialComment: string): Promise<string | null> {
    const labels = chartLabels(report);
    try {
      const png = renderBurndownPng({ ...labels, burndown: report.burndown });
      await uploadImage(client, {
        ...auth,
        channelId,
        bytes: png,
        contentType: 'image/png',
        filename: `burndown-sprint-${report.sprint.number}-${new Date(report.now).toISOString().slice(0, 10)}.png`,
        title: labels.title,
        altText: chartAltText(report),
        initialComment,
      });
      return null;
    } catch (error) {
      const reason = classifySlackError(error).reason;
      log.warn(`burndown chart upload to ${channelId} failed: ${reason}`);
      return reason;
    }
  }

  /** Tells the PO (through the outbox) how to fix a channel the bot cannot post to. */
  async function reportChannelProblem(teamId: number, channelId: string, error: string, what: string): Promise<void> {
    const team = await repos.teams.findById(teamId);
    const fix = explainChannelError(error, channelId);
    if (!team?.productOwnerId || !fix) return;
    const at = clock().getTime();
    await repos.outbox.enqueue({
      dedupeKey: `report-channel-problem:${teamId}:${channelId}:${error}:${new Date(at).toISOString().slice(0, 10)}`,
      kind: 'generic.dm',
      payload: { kind: 'generic.dm', userId: team.productOwnerId, text: `I couldn't post ${what} to ${mentionChannel(channelId)}. ${fix}` },
      at,
      teamId,
    });
  }

  async function postText(auth: { token?: string }, channelId: string, message: { text: string; blocks?: unknown[] }): Promise<Failure | null> {
    try {
      await client.chat.postMessage({ ...auth, channel: channelId, ...message, unfurl_links: false } as Parameters<WebClient['chat']['postMessage']>[0]);
      return null;
    } catch (error) {
      const failure = classifySlackError(error);
      log.warn(`post to ${channelId} failed: ${failure.reason}`);
      return failure;
    }
  }

  /** Posts the active sprint's burndown (chart + summary) to the team channel. */
  async function postBurndown(teamId: number): Promise<BurndownPostResult> {
    const report = await services.reports.burndown(teamId);
    const auth = await tokenOf(teamId);
    if (!auth) return 'failed';
    const channelId = report.team.teamChannelId;
    const uploadError = await uploadChart(auth, channelId, report, escapeMrkdwn(burndownSummary(report)));
    if (!uploadError) return 'uploaded';
    const textError = await postText(auth, channelId, { text: buildBurndownFallbackText(report) });
    if (!textError) return 'fallback';
    if (!textError.permanent) return 'retry';
    await reportChannelProblem(teamId, channelId, textError.reason, 'the burndown');
    return 'failed';
  }

  /** Posts a digest to the stakeholder channel, then its burndown chart. False when nothing went out. */
  async function postDigest(teamId: number, options: DigestRequest): Promise<DigestPostResult> {
    const data = await services.reports.digest(teamId, options);
    const channelId = data.team.stakeholderChannelId;
    if (!channelId) return 'skipped';
    const auth = await tokenOf(teamId);
    if (!auth) return 'failed';
    const error = await postText(auth, channelId, buildDigestMessage(data));
    if (error && !error.permanent) return 'retry';
    if (error) {
      await reportChannelProblem(teamId, channelId, error.reason, 'the stakeholder digest');
      return 'failed';
    }
    if (data.sprint) {
      const report: BurndownReport = {
        team: data.team,
        sprint: data.sprint.sprint,
        burndown: data.sprint.burndown,
        timezone: data.timezone,
        now: Math.min(data.now, data.periodEnd),
      };
      await uploadChart(auth, channelId, report, `Burndown of Sprint ${data.sprint.sprint.number} (see the digest above).`);
    }
    return 'posted';
  }

  const publisher: ReportPublisher = { postBurndown, postDigest };
  const scheduled = createScheduledPosts({
    reports: services.reports,
    publisher,
    observer: {
      willRetry: (post) => log.info(`scheduled ${post.kind} for team ${post.teamId} (${post.period}) will be retried`),
      failed: (post, error) => log.error(`scheduled ${post.kind} for team ${post.teamId} (${post.period}) failed`, error),
    },
  });

  return {
    postBurndown,
    postDigest,

    /** Posts the digest of a sprint that just closed, once (later calls and the sweep do nothing). */
    postSprintCloseDigest(teamId: number, sprintId: number): Promise<boolean> {
      return scheduled.sendOnce({ teamId, kind: POST_KIND.sprintCloseDigest, period: closeDigestPeriod(sprintId), sprintId });
    },

    /** Sends every scheduled post that is due and unclaimed (what the scheduled-reports job does). */
    runDue: (now: Date): Promise<number> => scheduled.sendDue(now),
  };
}

export type ReportPoster = ReturnType<typeof createReportPoster>;
