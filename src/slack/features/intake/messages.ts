/** Messages about intake: the suggester's receipt, the triage notice, the capture reply. */
import type { Item } from '../../../db/repositories/items.js';
import type { Team } from '../../../db/repositories/teams.js';
import { truncate } from '../../../domain/suggestion.js';
import { escapeMrkdwn, mentionUser, mrkdwnLink } from '../../ui/mrkdwn.js';
import { TRIAGE } from '../../ids.js';
import { context, plain, section } from '../../ui/blocks.js';
import { itemRef, itemTitleMrkdwn, STATUS_LABELS, TYPE_LABELS, URGENCY_LABELS } from '../../ui/itemLabels.js';
import type { SlackMessage } from '../../ui/message.js';

type ItemView = Pick<Item, 'number' | 'title' | 'permalink' | 'type' | 'urgency' | 'requesterId' | 'suggestedById' | 'details' | 'status' | 'source'>;
type TeamView = Pick<Team, 'name' | 'itemPrefix' | 'productOwnerId'> & Partial<Pick<Team, 'id'>>;

export function buildReceiptMessage(team: TeamView, item: ItemView): SlackMessage {
  const owner = team.productOwnerId ? `The Product Owner, ${mentionUser(team.productOwnerId)},` : 'The Product Owner';
  const line = `:inbox_tray: Got it: ${itemTitleMrkdwn(team, item)} is in the *${escapeMrkdwn(team.name)}* inbox.`;
  return {
    text: truncate(`Got it: ${itemRef(team, item)} ${escapeMrkdwn(item.title)} is in the ${escapeMrkdwn(team.name)} inbox.`, 3000),
    blocks: [section(line), context(`${owner} will triage it; you'll hear the outcome here.`)],
  };
}

export function buildTriageNoticeMessage(team: TeamView, item: ItemView): SlackMessage {
  const facts = [TYPE_LABELS[item.type]];
  if (item.urgency) facts.push(`urgency: ${URGENCY_LABELS[item.urgency]}`);
  const who =
    item.requesterId === item.suggestedById
      ? `from ${mentionUser(item.requesterId)}`
      : `from ${mentionUser(item.requesterId)}, sent by ${mentionUser(item.suggestedById)}`;
  const source = item.permalink ? ` · ${mrkdwnLink(item.permalink, 'source message')}` : '';
  return {
    text: truncate(`New suggestion ${itemRef(team, item)}: ${escapeMrkdwn(item.title)}`, 3000),
    blocks: [
      section(`:inbox_tray: New suggestion ${itemTitleMrkdwn(team, item)}`),
      context(`${facts.join(' · ')} · ${who}${source}`),
      // The PO triages from here; anyone else who clicks is told who the PO is.
      ...(team.id !== undefined
        ? [
            {
              type: 'actions' as const,
              elements: [{ type: 'button' as const, action_id: TRIAGE.actions.open, text: plain('Triage', 75), value: String(team.id) }],
            },
          ]
        : []),
    ],
  };
}

export function buildCaptureReplyMessage(
  team: TeamView,
  item: ItemView,
  { capturedBy, alreadyCaptured }: { capturedBy: string; alreadyCaptured: boolean },
): SlackMessage {
  const ref = `*${itemRef(team, item)}*`;
  const text = alreadyCaptured
    ? `This message is already in the backlog as ${ref} (${STATUS_LABELS[item.status]}).`
    : `:inbox_tray: ${mentionUser(capturedBy)} sent this to the *${escapeMrkdwn(team.name)}* inbox as ${ref}: ${escapeMrkdwn(truncate(item.title, 150))}. The Product Owner will triage it.`;
  return { text: truncate(text, 3000) };
}
