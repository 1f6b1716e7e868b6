/** Renders intake notifications into Slack calls. */
import { mentionChannel } from '../../ui/mrkdwn.js';
import { buildCaptureReplyMessage, buildReceiptMessage, buildTriageNoticeMessage } from './messages.js';
import { explainChannelError } from '../../outbox/channelErrors.js';
import type { RendererRegistry } from '../../outbox/types.js';
import { loadItemAndTeam } from '../../outbox/itemAndTeam.js';

export const intakeRenderers: RendererRegistry = {
  'suggestion.receipt': {
    async render({ itemId, userId }, ctx) {
      const found = await loadItemAndTeam(ctx, itemId);
      if (!found) return null;
      return { method: 'chat.postMessage', args: { channel: userId, ...buildReceiptMessage(found.team, found.item), unfurl_links: false } };
    },
  },
  'suggestion.triage_notice': {
    async render({ itemId, channelId }, ctx) {
      const found = await loadItemAndTeam(ctx, itemId);
      if (!found) return null;
      return { method: 'chat.postMessage', args: { channel: channelId, ...buildTriageNoticeMessage(found.team, found.item), unfurl_links: false } };
    },
    async onPermanentFailure({ itemId, channelId }, error, ctx) {
      const found = await loadItemAndTeam(ctx, itemId);
      const fix = explainChannelError(error, channelId);
      const tell = found?.team.productOwnerId;
      if (!found || !fix || !tell) return null;
      return { kind: 'generic.dm', userId: tell, text: `I couldn't post the new suggestion to the triage channel ${mentionChannel(channelId)}. ${fix}` };
    },
  },
  'capture.thread_reply': {
    async render(notification, ctx) {
      const found = await loadItemAndTeam(ctx, notification.itemId);
      if (!found) return null;
      return {
        method: 'chat.postMessage',
        args: {
          channel: notification.channelId,
          thread_ts: notification.threadTs,
          ...buildCaptureReplyMessage(found.team, found.item, notification),
          unfurl_links: false,
        },
      };
    },
    async onPermanentFailure({ channelId, capturedBy, itemId }, error, ctx) {
      const found = await loadItemAndTeam(ctx, itemId);
      const fix = explainChannelError(error, channelId);
      if (!found || !fix) return null;
      const ref = `${found.team.itemPrefix}-${found.item.number}`;
      return { kind: 'generic.dm', userId: capturedBy, text: `I saved the message as *${ref}*, but couldn't reply in its thread. ${fix}` };
    },
  },
  'generic.dm': {
    render({ userId, text }) {
      return { method: 'chat.postMessage', args: { channel: userId, text } };
    },
  },
  'generic.channel': {
    render({ channelId, text, threadTs }) {
      return { method: 'chat.postMessage', args: { channel: channelId, text, ...(threadTs ? { thread_ts: threadTs } : {}) } };
    },
  },
};
