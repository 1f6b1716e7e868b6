/** Renders standup notifications: prompts, reminders, the channel parent and its thread answers, impediments. */
import { createHash } from 'node:crypto';
import { describeRun } from '../../../domain/standup.js';
import { escapeMrkdwn, mentionChannel, mentionUser } from '../../ui/mrkdwn.js';
import { buildImpedimentDm, buildStandupAnswerMessage, buildStandupParentMessage, buildStandupPromptMessage } from './screens.js';
import { explainChannelError } from '../../outbox/channelErrors.js';
import { RenderDeferred, type RenderContext, type RendererRegistry } from '../../outbox/types.js';

async function loadPrompt(ctx: RenderContext, promptId: number) {
  const prompt = await ctx.repos.standups.findPrompt(promptId);
  const team = prompt ? await ctx.repos.teams.findById(prompt.teamId) : undefined;
  const run = prompt ? await ctx.repos.standups.findRunByDate(prompt.teamId, prompt.date) : undefined;
  return prompt && team && run ? { prompt, team, run } : null;
}

/** Identifies what a day message shows, so an update that would change nothing is not sent. */
function shownDigest(args: Record<string, unknown>): string {
  return createHash('sha256')
    .update(JSON.stringify([args.text, args.blocks]))
    .digest('base64url');
}

/** A reply in the parent's thread needs the parent's ts; wait for it unless the parent failed for good. */
async function requireParentTs(ctx: RenderContext, run: { id: number; parentTs: string | null }): Promise<string | null> {
  if (run.parentTs) return run.parentTs;
  const parent = await ctx.repos.outbox.findByKey(`standup-parent:${run.id}`);
  if (parent?.status === 'failed') return null;
  throw new RenderDeferred(`standup parent ${run.id} not posted yet`);
}

function promptRenderer(reminder: boolean) {
  return {
    async render({ promptId }: { promptId: number }, ctx: RenderContext) {
      const found = await loadPrompt(ctx, promptId);
      // Answered (via /standup) or closed meanwhile: nothing worth sending any more.
      if (!found || found.prompt.answeredAt !== null || found.run.closedAt !== null) return null;
      const message = buildStandupPromptMessage({ teamName: found.team.name, date: found.prompt.date, closesAt: found.run.closesAt, promptId, reminder });
      return { method: 'chat.postMessage', args: { channel: found.prompt.userId, ...message, unfurl_links: false } };
    },
  };
}

export const standupRenderers: RendererRegistry = {
  'standup.prompt': promptRenderer(false),
  'standup.reminder': promptRenderer(true),
  'standup.parent': {
    async render({ runId }, ctx) {
      const summary = await describeRun(ctx.repos, runId);
      if (!summary) return null;
      return { method: 'chat.postMessage', args: { channel: summary.run.channelId, ...buildStandupParentMessage(summary), unfurl_links: false } };
    },
    async onSent({ runId }, result, ctx, call) {
      const run = await ctx.repos.standups.findRun(runId);
      if (!run || !result.ts) return;
      await ctx.repos.standups.setParentTs(runId, result.ts, result.channel ?? run.channelId);
      await ctx.repos.standups.setShownDigest(runId, shownDigest(call.args));
      // Thread answers that waited for this post go out on the next pass, not after their deferral.
      for (const prompt of await ctx.repos.standups.listPromptsForDate(run.teamId, run.date)) {
        if (prompt.answeredAt !== null && !prompt.answerTs) await ctx.repos.outbox.release(`standup-answer:${prompt.id}`, ctx.now());
      }
      // Answers that arrived while the post was in flight: show the current state (skipped if it is shown).
      const payload = { kind: 'standup.parent_update', runId };
      await ctx.repos.outbox.enqueue({ dedupeKey: `standup-parent-posted:${runId}`, kind: payload.kind, payload, at: ctx.now(), teamId: run.teamId });
    },
    async onPermanentFailure({ runId }, error, ctx) {
      const run = await ctx.repos.standups.findRun(runId);
      const team = run ? await ctx.repos.teams.findById(run.teamId) : undefined;
      const fix = run ? explainChannelError(error, run.channelId) : null;
      if (!run || !team?.scrumMasterId || !fix) return null;
      return {
        kind: 'generic.dm',
        userId: team.scrumMasterId,
        text: `I couldn't post today's *${escapeMrkdwn(team.name)}* standup in ${mentionChannel(run.channelId)}. ${fix}`,
      };
    },
  },
  'standup.parent_update': {
    async render({ runId }, ctx) {
      const summary = await describeRun(ctx.repos, runId);
      if (!summary) return null;
      const ts = await requireParentTs(ctx, summary.run);
      if (!ts) return null;
      const message = buildStandupParentMessage(summary);
      // Several causes (an answer, the post's own follow-up, a retry) often come to the same message.
      if (shownDigest({ ...message }) === summary.run.shownDigest) return null;
      return { method: 'chat.update', args: { channel: summary.run.channelId, ts, ...message } };
    },
    async onSent({ runId }, _result, ctx, call) {
      await ctx.repos.standups.setShownDigest(runId, shownDigest(call.args));
    },
  },
  'standup.answer': {
    async render({ promptId }, ctx) {
      const found = await loadPrompt(ctx, promptId);
      if (!found || found.prompt.answeredAt === null) return null;
      const ts = await requireParentTs(ctx, found.run);
      if (!ts) return null;
      const impediment = await ctx.repos.impediments.findFromStandup(found.team.id, found.prompt.userId, found.prompt.date);
      const message = buildStandupAnswerMessage({ prompt: found.prompt, impediment, edited: false });
      // In the thread only: no reply_broadcast, the channel stays quiet.
      return { method: 'chat.postMessage', args: { channel: found.run.channelId, thread_ts: ts, ...message, unfurl_links: false } };
    },
    async onSent({ promptId }, result, ctx) {
      if (result.ts) await ctx.repos.standups.setAnswerTs(promptId, result.ts);
    },
  },
  'standup.answer_update': {
    async render({ promptId }, ctx) {
      const found = await loadPrompt(ctx, promptId);
      if (!found || found.prompt.answeredAt === null) return null;
      if (!found.prompt.answerTs) {
        // The first post renders the latest answer when it goes out; wait only while it is pending.
        if ((await ctx.repos.outbox.findByKey(`standup-answer:${promptId}`))?.status === 'pending') {
          throw new RenderDeferred(`standup answer ${promptId} not posted yet`);
        }
        return null;
      }
      const impediment = await ctx.repos.impediments.findFromStandup(found.team.id, found.prompt.userId, found.prompt.date);
      const message = buildStandupAnswerMessage({ prompt: found.prompt, impediment, edited: true });
      return { method: 'chat.update', args: { channel: found.run.channelId, ts: found.prompt.answerTs, ...message } };
    },
  },
  'standup.impediment': {
    async render({ impedimentId, userId }, ctx) {
      const impediment = await ctx.repos.impediments.findById(impedimentId);
      const team = impediment ? await ctx.repos.teams.findById(impediment.teamId) : undefined;
      if (!impediment || !team || impediment.resolvedAt !== null) return null;
      return { method: 'chat.postMessage', args: { channel: userId, ...buildImpedimentDm(team.name, impediment), unfurl_links: false } };
    },
  },
  'standup.impediment_resolved': {
    async render({ impedimentId, userId }, ctx) {
      const impediment = await ctx.repos.impediments.findById(impedimentId);
      if (!impediment?.resolvedBy || impediment.resolvedAt === null) return null;
      const text = `:white_check_mark: ${mentionUser(impediment.resolvedBy)} marked your blocker resolved: "${escapeMrkdwn(impediment.text).slice(0, 500)}"`;
      return { method: 'chat.postMessage', args: { channel: userId, text } };
    },
  },
};
