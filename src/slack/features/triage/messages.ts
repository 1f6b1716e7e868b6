/** Messages about triage decisions: the requester's DM, the source-thread reply, the question DM. */
import type { KnownBlock } from '@slack/types';
import type { ItemEvent } from '../../../db/repositories/itemEvents.js';
import type { Item } from '../../../db/repositories/items.js';
import type { Team } from '../../../db/repositories/teams.js';
import { truncate } from '../../../domain/suggestion.js';
import { TRIAGE } from '../../ids.js';
import { escapeMrkdwn, mentionUser } from '../../ui/mrkdwn.js';
import { context, plain, section } from '../../ui/blocks.js';
import { itemRef, itemTitleMrkdwn, MOSCOW_LABELS } from '../../ui/itemLabels.js';
import type { SlackMessage } from '../../ui/message.js';

type TeamView = Pick<Team, 'id' | 'name' | 'itemPrefix' | 'productOwnerId'>;

/** One sentence saying what happened to the item, from its status event. */
function outcomeSentence(team: TeamView, item: Item, event: Pick<ItemEvent, 'toValue' | 'fromValue' | 'reason'>, mergedInto: Item | undefined): string {
  const name = escapeMrkdwn(team.name);
  switch (event.toValue) {
    case 'backlog':
      return event.fromValue === 'icebox'
        ? `:recycle: is back from the icebox in the *${name}* product backlog.`
        : `:white_check_mark: was accepted into the *${name}* product backlog${item.moscow ? ` as *${MOSCOW_LABELS[item.moscow]}*` : ''}.`;
    case 'icebox':
      return ':ice_cube: went to the icebox: not now, maybe later. It can be revived from there.';
    case 'rejected':
      if (mergedInto) return `:link: is a duplicate of ${itemTitleMrkdwn(team, mergedInto)}; you now follow that item instead.`;
      return ":no_entry: was rejected (won't have).";
    default:
      return `is now ${escapeMrkdwn(String(event.toValue))}.`;
  }
}

export function buildOutcomeMessage(
  team: TeamView,
  item: Item,
  event: Pick<ItemEvent, 'toValue' | 'fromValue' | 'reason' | 'actorId'>,
  mergedInto: Item | undefined,
  audience: 'requester' | 'thread',
): SlackMessage {
  const sentence = `${itemTitleMrkdwn(team, item)} ${outcomeSentence(team, item, event, mergedInto)}`;
  const lead = audience === 'requester' ? 'Your suggestion ' : 'Update: ';
  const reason = event.reason && !(mergedInto && event.reason.startsWith('duplicate of')) && event.reason !== 'revived' ? event.reason : null;
  const blocks: KnownBlock[] = [section(`${lead}${sentence}`)];
  if (reason)
    blocks.push(
      section(
        `*${event.toValue === 'rejected' && !mergedInto ? 'Reason' : 'Note'} from ${mentionUser(event.actorId)}:* ${escapeMrkdwn(truncate(reason, 2500))}`,
      ),
    );
  if (audience === 'requester') blocks.push(context('Questions? Reply to the Product Owner directly; `/backlog` shows the ordered backlog.'));
  return { text: truncate(`${lead}${itemRef(team, item)} ${escapeMrkdwn(item.title)}: ${outcomeSentence(team, item, event, mergedInto)}`, 3000), blocks };
}

export function buildQuestionMessage(team: TeamView, item: Item, question: string, askedBy: string): SlackMessage {
  return {
    text: truncate(`${mentionUser(askedBy)} has a question about your suggestion ${itemRef(team, item)}: ${escapeMrkdwn(question)}`, 3000),
    blocks: [
      section(`:question: ${mentionUser(askedBy)} (Product Owner) has a question about your suggestion ${itemTitleMrkdwn(team, item)}:`),
      section(`> ${escapeMrkdwn(truncate(question, 2500)).replace(/\n/g, '\n> ')}`),
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: TRIAGE.actions.answerOpen, text: plain('Answer', 75), style: 'primary', value: String(item.id) }],
      },
      context('It stays in the inbox, marked "waiting for answer", until you reply.'),
    ],
  };
}

export function buildAnswerNoticeMessage(team: TeamView, item: Item): SlackMessage {
  return {
    text: truncate(`${mentionUser(item.requesterId)} answered your question on ${itemRef(team, item)}.`, 3000),
    blocks: [
      section(
        `:speech_balloon: Your question on ${itemTitleMrkdwn(team, item)} has an answer:\n> ${escapeMrkdwn(truncate(item.questionAnswer ?? '', 2500)).replace(/\n/g, '\n> ')}`,
      ),
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: TRIAGE.actions.open, text: plain('Triage', 75), value: String(team.id) }],
      },
    ],
  };
}
