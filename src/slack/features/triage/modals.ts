/** The /triage modal: one inbox item at a time, its likely duplicates, and the decision form. */
import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Team } from '../../../db/repositories/teams.js';
import { ITEM_TYPES, MOSCOW } from '../../../db/schema.js';
import { STORY_POINTS, WSJF_SCALE } from '../../../domain/prioritisation.js';
import { truncate } from '../../../domain/suggestion.js';
import { isWaitingForAnswer, NOTE_MAX, type TriageCard, type TriageDecisionKind } from '../../../domain/triage.js';
import { INFO_MODAL_CALLBACK, TRIAGE, triageCardBlocks, type TriageCardBlocks } from '../../ids.js';
import { escapeMrkdwn, mentionUser, mrkdwnLink } from '../../ui/mrkdwn.js';
import { context, divider, option, plain, section, selectInput } from '../../ui/blocks.js';
import { formatAge, formatNumber, plural } from '../../ui/format.js';
import { itemRef, MOSCOW_LABELS, TYPE_LABELS, URGENCY_LABELS } from '../../ui/itemLabels.js';

const DECISION_LABELS: Record<TriageDecisionKind, string> = {
  accept: 'Accept into the product backlog',
  icebox: 'Icebox (maybe later)',
  reject: "Reject (won't have)",
  merge: 'Merge into an existing item (duplicate)',
  ask: 'Ask the requester a question',
};

const PLACEMENT_LABELS = {
  top: 'Top of the backlog',
  priority: 'By priority (after the last item of its MoSCoW class or higher)',
  bottom: 'Bottom of the backlog',
} as const;

const STATUS_SHORT: Record<string, string> = {
  inbox: 'inbox',
  backlog: 'backlog',
  icebox: 'icebox',
  in_sprint: 'in sprint',
  rejected: 'rejected',
  done: 'done',
};

const WSJF_LABELS = {
  businessValue: 'Business value',
  timeCriticality: 'Time criticality',
  riskReduction: 'Risk reduction / opportunity',
  jobSize: 'Job size',
} as const;

/** An input with a select; clearable ones lead with "Not set", as a picked value can't be removed otherwise. */
const select = (
  blockId: string,
  label: string,
  options: PlainTextOption[],
  {
    initial,
    optional = false,
    clearable = false,
    actionId = TRIAGE.action,
  }: { initial?: PlainTextOption | undefined; optional?: boolean; clearable?: boolean; actionId?: string } = {},
): KnownBlock => selectInput({ blockId, label, actionId, options, initial, optional, notSet: clearable, placeholder: optional ? 'Optional' : 'Pick one' });

function decisionFields(decision: TriageDecisionKind, card: TriageCard, team: Pick<Team, 'itemPrefix'>, ids: TriageCardBlocks): KnownBlock[] {
  const { item } = card;
  const text = (label: string, optional: boolean, placeholder: string): KnownBlock => ({
    type: 'input',
    block_id: ids.text,
    optional,
    label: plain(label),
    element: { type: 'plain_text_input', action_id: TRIAGE.action, multiline: true, max_length: NOTE_MAX, placeholder: plain(placeholder) },
  });
  switch (decision) {
    case 'accept': {
      const scale = WSJF_SCALE.map((n) => option(String(n), String(n)));
      const wsjfInitial = (value: number | null) =>
        value !== null && (WSJF_SCALE as readonly number[]).includes(value) ? option(String(value), String(value)) : undefined;
      return [
        select(
          ids.type,
          'Type',
          ITEM_TYPES.map((type) => option(TYPE_LABELS[type], type)),
          { initial: option(TYPE_LABELS[item.type], item.type) },
        ),
        select(
          ids.moscow,
          'MoSCoW priority',
          MOSCOW.map((m) => option(MOSCOW_LABELS[m], m)),
          {
            initial: item.moscow ? option(MOSCOW_LABELS[item.moscow], item.moscow) : undefined,
          },
        ),
        select(
          ids.position,
          'Where it goes',
          (Object.keys(PLACEMENT_LABELS) as (keyof typeof PLACEMENT_LABELS)[]).map((p) => option(PLACEMENT_LABELS[p], p)),
          {
            initial: option(PLACEMENT_LABELS.priority, 'priority'),
          },
        ),
        context('*WSJF* (optional, all four or none): score = (business value + time criticality + risk reduction) / job size.'),
        select(ids.businessValue, WSJF_LABELS.businessValue, scale, { optional: true, clearable: true, initial: wsjfInitial(item.businessValue) }),
        select(ids.timeCriticality, WSJF_LABELS.timeCriticality, scale, { optional: true, clearable: true, initial: wsjfInitial(item.timeCriticality) }),
        select(ids.riskReduction, WSJF_LABELS.riskReduction, scale, { optional: true, clearable: true, initial: wsjfInitial(item.riskReduction) }),
        select(ids.jobSize, WSJF_LABELS.jobSize, scale, { optional: true, clearable: true, initial: wsjfInitial(item.jobSize) }),
        select(
          ids.storyPoints,
          'Story points',
          STORY_POINTS.map((n) => option(formatNumber(n), String(n))),
          {
            optional: true,
            clearable: true,
            initial: item.storyPoints !== null ? option(formatNumber(item.storyPoints), String(item.storyPoints)) : undefined,
          },
        ),
        text('Note to the requester', true, 'Optional: why, or what happens next'),
      ];
    }
    case 'icebox':
      return [text('Note to the requester', true, 'Optional: why not now')];
    case 'reject':
      return [text('Reason (sent to the requester)', false, 'Why this will not be done')];
    case 'ask':
      return [text('Question for the requester', false, 'e.g. Which browsers are affected?')];
    case 'merge':
      return [
        ...(card.mergeTargets.length > 0
          ? [
              select(
                ids.mergeTarget,
                'Merge into',
                card.mergeTargets.map((target) =>
                  option(`${itemRef(team, target)} ${target.title} (${STATUS_SHORT[target.status] ?? target.status})`, String(target.number)),
                ),
                {
                  optional: true,
                  initial: card.duplicates[0]
                    ? option(
                        `${itemRef(team, card.duplicates[0].item)} ${card.duplicates[0].item.title} (${STATUS_SHORT[card.duplicates[0].item.status]})`,
                        String(card.duplicates[0].item.number),
                      )
                    : undefined,
                },
              ),
            ]
          : []),
        {
          type: 'input',
          block_id: ids.mergeRef,
          optional: true,
          label: plain('…or the item id'),
          element: { type: 'plain_text_input', action_id: TRIAGE.action, max_length: 20, placeholder: plain(`e.g. ${team.itemPrefix}-12`) },
        },
        text('Note to the requester', true, 'Optional'),
      ];
  }
}

export interface TriageModalInput {
  privateMetadata: string;
  team: Pick<Team, 'name' | 'itemPrefix'>;
  card: TriageCard;
  /** The session's card counter: part of every input's block id (see triageCardBlocks). */
  cardNumber: number;
  decision: TriageDecisionKind;
  now: number;
}

/** The triage modal for one item. */
export function buildTriageModal({ privateMetadata, team, card, cardNumber, decision, now }: TriageModalInput): ModalView {
  const { item } = card;
  const ids = triageCardBlocks(item.id, cardNumber, decision);
  const facts = [
    TYPE_LABELS[item.type],
    `requested by ${mentionUser(item.requesterId)}${item.suggestedById !== item.requesterId ? ` (sent by ${mentionUser(item.suggestedById)})` : ''}`,
    `waiting ${formatAge(now - item.createdAt)}`,
  ];
  if (item.urgency) facts.push(`urgency: ${URGENCY_LABELS[item.urgency]}`);
  if (item.permalink) facts.push(mrkdwnLink(item.permalink, 'source message'));
  const blocks: KnownBlock[] = [
    context(`*${card.position} of ${card.total}* in the *${escapeMrkdwn(team.name)}* inbox`),
    section(`*${itemRef(team, item)}* ${escapeMrkdwn(truncate(item.title, 500))}`),
    section(item.details ? escapeMrkdwn(truncate(item.details, 2900)) : '_No details given._'),
    context(facts.join(' · ')),
  ];
  if (item.neededBy) blocks.push(context(`*Who needs it / why:* ${escapeMrkdwn(truncate(item.neededBy, 500))}`));
  if (item.openQuestion) {
    const answer = isWaitingForAnswer(item)
      ? ':hourglass_flowing_sand: _Waiting for an answer from the requester._'
      : `:speech_balloon: *Answer:* ${escapeMrkdwn(truncate(item.questionAnswer ?? '', 1200))}`;
    blocks.push(section(`:question: *You asked:* ${escapeMrkdwn(truncate(item.openQuestion, 1200))}\n${answer}`));
  }
  if (card.duplicates.length > 0) {
    const lines = card.duplicates.map(
      ({ item: dup, score }) =>
        `• *${itemRef(team, dup)}* ${escapeMrkdwn(truncate(dup.title, 200))} (${STATUS_SHORT[dup.status] ?? dup.status}, ${Math.round(score * 100)}% alike)`,
    );
    blocks.push(section(`:mag: *Likely duplicates*\n${lines.join('\n')}`));
  }
  blocks.push(divider(), {
    type: 'input',
    block_id: ids.decision,
    dispatch_action: true,
    label: plain('Decision'),
    element: {
      type: 'radio_buttons',
      action_id: TRIAGE.actions.decision,
      options: (Object.keys(DECISION_LABELS) as TriageDecisionKind[]).map((kind) => option(DECISION_LABELS[kind], kind)),
      initial_option: option(DECISION_LABELS[decision], decision),
    },
  });
  blocks.push(...decisionFields(decision, card, team, ids));
  blocks.push({
    type: 'actions',
    block_id: TRIAGE.blocks.nav,
    elements: [{ type: 'button', action_id: TRIAGE.actions.skip, text: plain('Skip for now', 75), value: String(item.id) }],
  });
  return {
    type: 'modal',
    callback_id: TRIAGE.callbackId,
    private_metadata: privateMetadata,
    title: plain('Triage', 24),
    submit: plain('Decide', 24),
    close: plain('Done', 24),
    blocks,
  };
}

/** What the PO sees when nothing (more) is waiting. */
export function buildTriageDoneModal(team: Pick<Team, 'name'>, decided: number, skipped: number): ModalView {
  const lines = [decided > 0 ? `:tada: ${decided} decided in this session.` : ':white_check_mark: The inbox is empty.'];
  if (skipped > 0) lines.push(`${plural(skipped, 'skipped item stays', 'skipped items stay')} in the inbox for next time.`);
  lines.push(`The *${escapeMrkdwn(team.name)}* backlog is in \`/backlog\`.`);
  return { type: 'modal', callback_id: INFO_MODAL_CALLBACK, title: plain('Triage', 24), close: plain('Close', 24), blocks: [section(lines.join('\n'))] };
}

/** The requester's answer form (opened from the question DM). */
export function buildAnswerModal(
  privateMetadata: string,
  team: Pick<Team, 'itemPrefix'>,
  item: { number: number; title: string; openQuestion: string | null },
): ModalView {
  return {
    type: 'modal',
    callback_id: TRIAGE.answerCallbackId,
    private_metadata: privateMetadata,
    title: plain('Answer the PO', 24),
    submit: plain('Send answer', 24),
    close: plain('Cancel', 24),
    blocks: [
      section(`*${itemRef(team, item)}* ${escapeMrkdwn(truncate(item.title, 500))}\n:question: ${escapeMrkdwn(truncate(item.openQuestion ?? '', 2000))}`),
      {
        type: 'input',
        block_id: TRIAGE.blocks.answer,
        label: plain('Your answer'),
        element: { type: 'plain_text_input', action_id: TRIAGE.action, multiline: true, max_length: NOTE_MAX },
      },
    ],
  };
}
