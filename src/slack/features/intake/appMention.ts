/** "@Rituals add <text>" captures the text; "@Rituals add" alone in a thread captures its parent. */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { NO_TEAM_TEXT } from '../../copy.js';
import { captureMessage, fetchMessage, teamForCapture } from './capture.js';

const HELP =
  'Say `@Rituals add <what is needed>` to put something in the backlog inbox, or `@Rituals add` in a thread to send its first message. `/rituals help` lists everything else.';

/** The words after the bot mention: { verb, rest }. */
export function parseMention(text: string, botUserId: string | undefined): { verb: string; rest: string } {
  const withoutBot = botUserId ? text.split(`<@${botUserId}>`).join(' ') : text.replace(/^\s*<@[A-Z0-9]+>/, ' ');
  const match = /^\s*(\S*)\s*([\s\S]*)$/.exec(withoutBot) ?? [];
  return { verb: (match[1] ?? '').toLowerCase(), rest: (match[2] ?? '').trim() };
}

export async function handleAppMention(
  { event, body, client, context, logger }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  const user = event.user;
  if (!user) return;
  const slackTeamId = (body as { team_id?: string }).team_id ?? '';
  const eventId = (body as { event_id?: string }).event_id ?? `${event.channel}:${event.ts}`;
  const { verb, rest } = parseMention(event.text, context.botUserId);
  const replyTs = event.thread_ts ?? event.ts;
  const reply = (text: string) =>
    client.chat.postEphemeral({ channel: event.channel, user, text, thread_ts: replyTs }).catch((error) => logger.warn('postEphemeral failed', error));
  if (verb !== 'add') {
    await reply(HELP);
    return;
  }
  const team = await teamForCapture(deps, slackTeamId, event.channel, user);
  if (!team) {
    await reply(
      (await deps.repos.teams.listByWorkspace(slackTeamId)).length === 0
        ? NO_TEAM_TEXT
        : 'Several teams use Rituals: mention me in your team channel, or use `/suggest`.',
    );
    return;
  }
  if (rest.length > 0) {
    await captureMessage(deps, client, {
      team,
      source: 'mention',
      channelId: event.channel,
      message: { ts: event.ts, user, text: rest, ...(event.thread_ts ? { thread_ts: event.thread_ts } : {}) },
      capturedBy: user,
      eventId,
    });
    return;
  }
  if (!event.thread_ts) {
    await reply(HELP);
    return;
  }
  const parent = await fetchMessage(client, event.channel, event.thread_ts).catch(() => null);
  if (!parent) {
    await reply("I couldn't read this thread's first message. Write `@Rituals add <text>` instead.");
    return;
  }
  await captureMessage(deps, client, { team, source: 'mention', channelId: event.channel, message: parent, capturedBy: user, eventId });
}
