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
import { closeDigestPeriod, POST_KIND, type BurndownReport, type DuePost } from '../domain/reports.js';
import type { AppLogger } from '../logger.js';
import { uploadImage } from './imageUpload.js';
import { escapeMrkdwn, mentionChannel } from './ui/mrkdwn.js';
import { classifySlackError, type Failure } from './outbox/dispatcher.js';
import { explainChannelError } from './outbox/channelErrors.js';
import { buildBurndownFallbackText, burndownSummary, chartAltText, chartLabels } from './features/reports/burndownMessages.js';
import { buildDigestMessage } from './features/reports/digestMessage.js';
import type { WorkspaceTokens } from './workspaces/workspaceAuth.js';

/** 'failed': Slack refused for good (the PO is told how to fix it); 'retry': a passing failure. */
export type BurndownPostResult = 'uploaded' | 'fallback' | 'failed' | 'retry';
export type DigestPostResult = 'posted' | 'skipped' | 'failed' | 'retry';

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
    const team = repos.teams.findById(teamId);
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
  function reportChannelProblem(teamId: number, channelId: string, error: string, what: string): void {
    const team = repos.teams.findById(teamId);
    const fix = explainChannelError(error, channelId);
    if (!team?.productOwnerId || !fix) return;
    const at = clock().getTime();
    repos.outbox.enqueue({
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
    const report = services.reports.burndown(teamId);
    const auth = await tokenOf(teamId);
    if (!auth) return 'failed';
    const channelId = report.team.teamChannelId;
    const uploadError = await uploadChart(auth, channelId, report, escapeMrkdwn(burndownSummary(report)));
    if (!uploadError) return 'uploaded';
    const textError = await postText(auth, channelId, { text: buildBurndownFallbackText(report) });
    if (!textError) return 'fallback';
    if (!textError.permanent) return 'retry';
    reportChannelProblem(teamId, channelId, textError.reason, 'the burndown');
    return 'failed';
  }

  /** Posts a digest to the stakeholder channel, then its burndown chart. False when nothing went out. */
  async function postDigest(teamId: number, options: { kind: 'weekly' } | { kind: 'sprint_close'; sprintId: number }): Promise<DigestPostResult> {
    const data = services.reports.digest(teamId, options);
    const channelId = data.team.stakeholderChannelId;
    if (!channelId) return 'skipped';
    const auth = await tokenOf(teamId);
    if (!auth) return 'failed';
    const error = await postText(auth, channelId, buildDigestMessage(data));
    if (error && !error.permanent) return 'retry';
    if (error) {
      reportChannelProblem(teamId, channelId, error.reason, 'the stakeholder digest');
      return 'failed';
    }
    if (data.sprint) {
      const report: BurndownReport = { team: data.team, sprint: data.sprint.sprint, burndown: data.sprint.burndown, timezone: data.timezone, now: Math.min(data.now, data.periodEnd) };
      await uploadChart(auth, channelId, report, `Burndown of Sprint ${data.sprint.sprint.number} (see the digest above).`);
    }
    return 'posted';
  }

  /**
   * Claims one due post, sends it, and marks it done; returns whether this run sent it. A passing
   * Slack failure gives the claim back so the next sweep (a minute later, same day) tries again.
   */
  async function runClaimed(post: DuePost): Promise<boolean> {
    if (!services.reports.claim(post)) return false;
    try {
      const outcome =
        post.kind === POST_KIND.burndown
          ? await postBurndown(post.teamId)
          : post.kind === POST_KIND.weeklyDigest
            ? await postDigest(post.teamId, { kind: 'weekly' })
            : post.sprintId !== undefined
              ? await postDigest(post.teamId, { kind: 'sprint_close', sprintId: post.sprintId })
              : 'skipped';
      if (outcome === 'retry') {
        services.reports.release(post);
        log.info(`scheduled ${post.kind} for team ${post.teamId} (${post.period}) will be retried`);
        return false;
      }
      services.reports.markDone(post);
      return outcome !== 'failed' && outcome !== 'skipped';
    } catch (error) {
      log.error(`scheduled ${post.kind} for team ${post.teamId} (${post.period}) failed`, error);
      return false;
    }
  }

  return {
    postBurndown,
    postDigest,

    /** Posts the digest of a sprint that just closed, once (later calls and the sweep do nothing). */
    postSprintCloseDigest(teamId: number, sprintId: number): Promise<boolean> {
      return runClaimed({ teamId, kind: POST_KIND.sprintCloseDigest, period: closeDigestPeriod(sprintId), sprintId });
    },

    /** Sends every scheduled post that is due and unclaimed (the cron job's body). */
    async runDue(now: Date): Promise<number> {
      let sent = 0;
      for (const post of services.reports.duePosts(now)) {
        if (await runClaimed(post)) sent += 1;
      }
      return sent;
    },
  };
}

export type ReportPoster = ReturnType<typeof createReportPoster>;
