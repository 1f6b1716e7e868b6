/** An impediment as blocks, with its resolve button: standup's list and App Home show it. */
import type { KnownBlock } from '@slack/types';
import type { Impediment } from '../../db/repositories/impediments.js';
import { truncate } from '../../domain/suggestion.js';
import { STANDUP } from '../ids.js';
import { button, context, section } from './blocks.js';
import { formatShortDate } from './dates.js';
import { escapeMrkdwn, mentionUser, slackTime } from './mrkdwn.js';

/** One impediment with its resolve button (or who resolved it). */
export function impedimentBlocks(impediment: Impediment): KnownBlock[] {
  const since = impediment.standupDate ? formatShortDate(impediment.standupDate) : slackTime(impediment.openedAt);
  const line = `${mentionUser(impediment.reporterId)} since ${since}: ${truncate(escapeMrkdwn(impediment.text), 2500)}`;
  if (impediment.resolvedAt !== null) {
    return [section(`~${line}~`), context(`:white_check_mark: Resolved${impediment.resolvedBy ? ` by ${mentionUser(impediment.resolvedBy)}` : ''}`)];
  }
  return [
    {
      type: 'section',
      block_id: `standup_impediment_${impediment.id}`,
      text: { type: 'mrkdwn', text: line },
      accessory: button('Mark resolved', STANDUP.actions.resolve, String(impediment.id)),
    },
  ];
}
