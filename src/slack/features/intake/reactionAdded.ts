/** Reacting with the team's capture emoji (default :inbox_tray:) sends a message to the inbox. */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { NO_TEAM_TEXT } from '../../copy.js';
import { captureMessage, fetchMessage, teamForCapture } from './capture.js';

const DEFAULT_CAPTURE_REACTION = 'inbox_tray';

export async function handleReactionAdded(
  { event, body, client, logger }: SlackEventMiddlewareArgs<'reaction_added'> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  if (event.item.type !== 'message') return;
  const slackTeamId = (body as { team_id?: string }).team_id ?? '';
  const eventId = (body as { event_id?: string }).event_id ?? `${event.item.channel}:${event.item.ts}:${event.user}:${event.event_ts}`;
  const { channel, ts } = event.item;
  const reaction = event.reaction.split('::')[0];
  const team = await teamForCapture(deps, slackTeamId, channel, event.user);
  if (!team) {
    if (reaction !== DEFAULT_CAPTURE_REACTION) return;
    const candidates = await deps.repos.teams.listByWorkspace(slackTeamId);
    const text =
      candidates.length === 0
        ? NO_TEAM_TEXT
        : "Several teams use Rituals and I can't tell whose backlog this is. Use the message's *Send to backlog* shortcut to pick the team.";
    await client.chat.postEphemeral({ channel, user: event.user, text }).catch((error) => logger.warn('postEphemeral failed', error));
    return;
  }
  if (reaction !== team.captureReaction) return;
  let message;
  try {
    message = await fetchMessage(client, channel, ts);
  } catch (error) {
    logger.warn(`could not read the reacted message ${channel}/${ts}`, error);
    const code = (error as { data?: { error?: string } }).data?.error;
    const text =
      code === 'not_in_channel' || code === 'channel_not_found'
        ? "I can't read messages in this channel yet. Invite me with `/invite @Rituals` and react again."
        : "I couldn't read that message just now. Please react again in a minute.";
    await client.chat.postEphemeral({ channel, user: event.user, text }).catch(() => undefined);
    return;
  }
  if (!message) return;
  await captureMessage(deps, client, { team, source: 'reaction', channelId: channel, message, capturedBy: event.user, eventId });
}
