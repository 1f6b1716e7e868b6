/** Slack errors that mean "the bot can't post there", and how to fix each. */
import { mentionChannel } from '../ui/mrkdwn.js';

const CHANNEL_ERRORS: Record<string, (channel: string) => string> = {
  not_in_channel: (channel) => `I'm not a member of ${mentionChannel(channel)}. Invite me there with \`/invite @Rituals\`.`,
  channel_not_found: (channel) =>
    `I can't see ${mentionChannel(channel)}: it may be private or deleted. Invite me with \`/invite @Rituals\`, or pick another channel in \`/rituals setup\`.`,
  is_archived: (channel) => `${mentionChannel(channel)} is archived. Pick another channel in \`/rituals setup\`.`,
  restricted_action: (channel) => `Posting in ${mentionChannel(channel)} is restricted to admins. Pick another channel in \`/rituals setup\`.`,
};

/** A how-to-fix sentence for a channel posting error, or null when the error is not about the channel. */
export function explainChannelError(error: string, channelId: string): string | null {
  return CHANNEL_ERRORS[error]?.(channelId) ?? null;
}
