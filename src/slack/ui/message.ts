/** What a message-building screen returns: the fallback text and the blocks of one Slack message. */
import type { KnownBlock } from '@slack/types';

export interface SlackMessage {
  /** Fallback text for notifications and screen readers; plain, already escaped. */
  text: string;
  blocks?: KnownBlock[];
}
