/** Renders triage notifications (outcomes, questions, answers) into Slack calls. */
import { buildAnswerNoticeMessage, buildOutcomeMessage, buildQuestionMessage } from './messages.js';
import { explainChannelError } from '../../outbox/channelErrors.js';
import type { RenderContext, RendererRegistry } from '../../outbox/types.js';
import { loadItemAndTeam } from '../../outbox/itemAndTeam.js';

async function outcome(ctx: RenderContext, itemId: number, eventId: number | undefined) {
  const found = await loadItemAndTeam(ctx, itemId);
  if (!found) return null;
  const events = (await ctx.repos.itemEvents.listForItem(itemId)).filter((event) => event.kind === 'status');
  const event = (eventId ? events.find((e) => e.id === eventId) : undefined) ?? events[events.length - 1];
  if (!event) return null;
  const mergedInto = found.item.mergedIntoId ? await ctx.repos.items.findById(found.item.mergedIntoId) : undefined;
  return { ...found, event, mergedInto };
}

export const triageRenderers: RendererRegistry = {
  'triage.outcome': {
    async render({ itemId, userId, eventId }, ctx) {
      const found = await outcome(ctx, itemId, eventId);
      if (!found) return null;
      return {
        method: 'chat.postMessage',
        args: { channel: userId, ...buildOutcomeMessage(found.team, found.item, found.event, found.mergedInto, 'requester'), unfurl_links: false },
      };
    },
  },
  'triage.outcome_thread': {
    async render({ itemId, channelId, threadTs, eventId }, ctx) {
      const found = await outcome(ctx, itemId, eventId);
      if (!found) return null;
      return {
        method: 'chat.postMessage',
        args: {
          channel: channelId,
          thread_ts: threadTs,
          ...buildOutcomeMessage(found.team, found.item, found.event, found.mergedInto, 'thread'),
          unfurl_links: false,
        },
      };
    },
    async onPermanentFailure({ itemId, channelId }, error, ctx) {
      const found = await loadItemAndTeam(ctx, itemId);
      const fix = explainChannelError(error, channelId);
      const tell = found?.team.productOwnerId;
      if (!found || !fix || !tell) return null;
      return { kind: 'generic.dm', userId: tell, text: `I couldn't reply in the source thread of ${found.team.itemPrefix}-${found.item.number}. ${fix}` };
    },
  },
  'triage.question': {
    async render({ itemId, userId, question, askedBy }, ctx) {
      const found = await loadItemAndTeam(ctx, itemId);
      if (!found) return null;
      return { method: 'chat.postMessage', args: { channel: userId, ...buildQuestionMessage(found.team, found.item, question, askedBy), unfurl_links: false } };
    },
  },
  'triage.answer_notice': {
    async render({ itemId, userId }, ctx) {
      const found = await loadItemAndTeam(ctx, itemId);
      if (!found) return null;
      return { method: 'chat.postMessage', args: { channel: userId, ...buildAnswerNoticeMessage(found.team, found.item), unfurl_links: false } };
    },
  },
};
