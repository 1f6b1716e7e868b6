/**
 * message.channels / message.groups: the shadow-backlog watch. Every message of every channel the
 * bot is in arrives here, so the cheap checks come first and an unwatched channel costs one
 * indexed lookup. Only new human messages are scored; edits, joins, bots and the bot itself are not.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';

/** The fields of a message event the watch reads (Bolt's type is a union of every subtype). */
interface ChannelMessage {
  channel?: string;
  channel_type?: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
}

// A reply also posted to the channel is a new message too; every other subtype is an edit, a join, a bot...
const HUMAN_SUBTYPES = new Set([undefined, 'thread_broadcast']);

export async function handleMessage(
  { event, body, client, context, logger }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  const message = event as ChannelMessage;
  if (!HUMAN_SUBTYPES.has(message.subtype) || message.bot_id || !message.user || !message.channel || !message.ts) return;
  if (message.channel_type === 'im' || message.channel_type === 'mpim' || message.user === context.botUserId) return;
  const slackTeamId = (body as { team_id?: string }).team_id ?? '';
  const teamId = await deps.services.shadowWatch.teamWatching(slackTeamId, message.channel);
  if (teamId === undefined) return;
  const text = message.text ?? '';
  // "@Rituals add …" is a capture, handled by app_mention.
  if (context.botUserId && text.includes(`<@${context.botUserId}`)) return;
  const threadTs = message.thread_ts && message.thread_ts !== message.ts ? message.thread_ts : null;
  const decision = await deps.services.shadowWatch.consider({ teamId, channelId: message.channel, ts: message.ts, threadTs, authorId: message.user, text });
  if (decision.kind === 'nudged') deps.outbox.kick();
  if (decision.kind !== 'nudged' && decision.kind !== 'spotted') return;
  // The link lets the PO find a request later without us keeping its text.
  try {
    const permalink = (await client.chat.getPermalink({ channel: message.channel, message_ts: message.ts })).permalink;
    if (permalink) await deps.services.shadowWatch.attachPermalink(decision.request.id, permalink);
  } catch (error) {
    logger.warn(`chat.getPermalink failed for the spotted request ${decision.request.id}`, error);
  }
}
