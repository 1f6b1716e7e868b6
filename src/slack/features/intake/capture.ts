/** Shadow-backlog capture from a reaction or an @mention: stored straight into the inbox. */
import type { AllMiddlewareArgs } from '@slack/bolt';
import type { Team } from '../../../db/repositories/teams.js';
import type { ItemSource } from '../../../db/schema.js';
import { suggestionFromText } from '../../capturedSuggestion.js';
import { resolveTeam } from '../../../domain/teamResolution.js';
import type { SlackDeps } from '../../deps.js';
import { slackMarkupToPlain } from '../../ui/mrkdwn.js';

type Client = AllMiddlewareArgs['client'];

export interface SlackMessageLike {
  ts: string;
  text?: string;
  user?: string;
  thread_ts?: string;
}

/** Reads one message by channel and ts, whether it is a top-level message or a thread reply. */
export async function fetchMessage(client: Client, channel: string, ts: string): Promise<SlackMessageLike | null> {
  const history = await client.conversations.history({ channel, latest: ts, oldest: ts, inclusive: true, limit: 1 });
  const top = history.messages?.find((message) => message.ts === ts);
  if (top?.ts) return top as SlackMessageLike;
  const replies = await client.conversations.replies({ channel, ts, latest: ts, oldest: ts, inclusive: true, limit: 1 });
  const reply = replies.messages?.find((message) => message.ts === ts);
  return reply?.ts ? (reply as SlackMessageLike) : null;
}

export interface CaptureRequest {
  team: Team;
  source: Extract<ItemSource, 'reaction' | 'mention'>;
  channelId: string;
  message: SlackMessageLike;
  /** Text to store (defaults to the message's text). */
  text?: string;
  capturedBy: string;
  eventId: string;
}

/** Stores the message (once) and queues the thread reply; fetches the permalink for new items. */
export async function captureMessage(deps: SlackDeps, client: Client, request: CaptureRequest): Promise<void> {
  const { team, channelId, message } = request;
  const existing = await deps.services.intake.findCaptured(team.id, channelId, message.ts);
  let permalink: string | null = existing?.permalink ?? null;
  if (!existing) {
    try {
      permalink = (await client.chat.getPermalink({ channel: channelId, message_ts: message.ts })).permalink ?? null;
    } catch (error) {
      deps.logger.warn(`chat.getPermalink failed for ${channelId}/${message.ts}`, error);
    }
  }
  const text = slackMarkupToPlain(request.text ?? message.text ?? '');
  await deps.services.intake.capture(
    suggestionFromText(text),
    {
      teamId: team.id,
      source: request.source,
      requesterId: message.user ?? request.capturedBy,
      suggestedById: request.capturedBy,
      intakeKey: `message:${channelId}:${message.ts}`,
      permalink,
      sourceChannelId: channelId,
      sourceTs: message.ts,
    },
    { channelId, threadTs: message.thread_ts ?? message.ts, attemptKey: request.eventId },
  );
  deps.outbox.kick();
}

/** The team a capture in this channel belongs to, or null (the person is told why). */
export async function teamForCapture(deps: SlackDeps, slackTeamId: string, channelId: string, userId: string): Promise<Team | null> {
  const resolution = await resolveTeam(deps.repos.teams, { slackTeamId, channelId, userId });
  return resolution.kind === 'one' ? resolution.team : null;
}
