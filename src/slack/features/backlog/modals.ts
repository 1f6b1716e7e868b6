/** /backlog: the ordered product backlog, its icebox, the item edit forms and the Definition of Ready. */
import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Item } from '../../../db/repositories/items.js';
import type { Team } from '../../../db/repositories/teams.js';
import { ITEM_TYPES, MOSCOW } from '../../../db/schema.js';
import type { BacklogEntry } from '../../../domain/backlog.js';
import { STORY_POINTS, WSJF_SCALE } from '../../../domain/prioritisation.js';
import { READY_RULE_IDS, type ReadyRule } from '../../../domain/readiness.js';
import { DETAILS_MAX, TITLE_MAX, truncate } from '../../../domain/suggestion.js';
import { READY_RULE_TEXT } from '../../copy.js';
import { BACKLOG, INFO_MODAL_CALLBACK } from '../../ids.js';
import { escapeMrkdwn } from '../../ui/mrkdwn.js';
import { context, divider, option, plain, section, selectInput } from '../../ui/blocks.js';
import { formatNumber, plural, pts } from '../../ui/format.js';
import { itemModal, itemRef, itemTitleMrkdwn, TYPE_LABELS, MOSCOW_LABELS } from '../../ui/itemLabels.js';

type TeamView = Pick<Team, 'name' | 'itemPrefix'>;

/** One line of facts: type, MoSCoW, points, WSJF, and Ready or what is missing. */
export function entryFacts(entry: Pick<BacklogEntry, 'item' | 'readiness' | 'wsjf'>): string {
  const { item } = entry;
  const facts = [TYPE_LABELS[item.type], item.moscow ? MOSCOW_LABELS[item.moscow] : 'no MoSCoW'];
  facts.push(item.storyPoints !== null ? pts(item.storyPoints) : 'not estimated');
  if (entry.wsjf !== null) facts.push(`WSJF ${formatNumber(entry.wsjf)}`);
  facts.push(
    entry.readiness.ready ? ':white_check_mark: Ready' : `:warning: Missing: ${entry.readiness.missingRules.map((rule) => READY_RULE_TEXT[rule]).join('; ')}`,
  );
  return facts.join(' · ');
}

export interface BacklogModalInput {
  privateMetadata: string;
  team: TeamView;
  entries: BacklogEntry[];
  total: number;
  page: number;
  pageCount: number;
  isPo: boolean;
  rules: ReadyRule[];
}

/** One page of the backlog; the PO gets a menu per item and the whole-backlog actions. */
export function buildBacklogModal(input: BacklogModalInput): ModalView {
  const { team, entries, total, page, pageCount, isPo } = input;
  const dor = input.rules.length > 0 ? input.rules.map((rule) => READY_RULE_TEXT[rule]).join(', ') : 'no checks';
  const blocks: KnownBlock[] = [
    context(`*${escapeMrkdwn(team.name)}*: ${plural(total, 'item')} in order · page ${page + 1} of ${pageCount} · Definition of Ready: ${dor}`),
  ];
  if (entries.length === 0) blocks.push(section('_The product backlog is empty. The Product Owner fills it with `/triage`._'));
  for (const entry of entries) {
    const block: KnownBlock = {
      type: 'section',
      block_id: `item_${entry.item.id}`,
      text: { type: 'mrkdwn', text: truncate(`*${entry.position}.* ${itemTitleMrkdwn(team, entry.item)}\n${entryFacts(entry)}`, 3000) },
      ...(isPo
        ? {
            accessory: {
              type: 'overflow',
              action_id: BACKLOG.actions.item,
              options: [
                option('Move to top', `top:${entry.item.id}`),
                option('Move up', `up:${entry.item.id}`),
                option('Move down', `down:${entry.item.id}`),
                option('Edit, or move to rank…', `edit:${entry.item.id}`),
                option('Icebox or reject…', `remove:${entry.item.id}`),
              ],
            },
          }
        : {}),
    };
    blocks.push(block);
  }
  const nav = [];
  if (page > 0) nav.push({ type: 'button' as const, action_id: `${BACKLOG.actions.page}_prev`, text: plain('◀ Previous', 75), value: String(page - 1) });
  if (page + 1 < pageCount)
    nav.push({ type: 'button' as const, action_id: `${BACKLOG.actions.page}_next`, text: plain('Next ▶', 75), value: String(page + 1) });
  nav.push({ type: 'button' as const, action_id: BACKLOG.actions.openIcebox, text: plain('Icebox', 75), value: 'icebox' });
  nav.push({ type: 'button' as const, action_id: BACKLOG.actions.openReady, text: plain('Definition of Ready', 75), value: 'ready' });
  blocks.push(divider(), { type: 'actions', block_id: BACKLOG.blocks.nav, elements: nav });
  if (isPo && total > 1) {
    blocks.push({
      type: 'actions',
      block_id: BACKLOG.blocks.poActions,
      elements: [
        {
          type: 'button',
          action_id: BACKLOG.actions.sortWsjf,
          text: plain('Sort by WSJF', 75),
          value: 'wsjf',
          confirm: {
            title: plain('Sort by WSJF?', 100),
            text: plain('Items with a WSJF score go first, highest score first; the others keep their order after them.', 300),
            confirm: plain('Sort', 30),
            deny: plain('Cancel', 30),
          },
        },
      ],
    });
  }
  return {
    type: 'modal',
    callback_id: BACKLOG.callbackId,
    private_metadata: input.privateMetadata,
    title: plain('Product backlog', 24),
    close: plain('Close', 24),
    blocks,
  };
}

/** How many icebox items the modal lists (within the 100 blocks of a modal). */
export const ICEBOX_SHOWN = 95;

/**
 * The icebox: "maybe later" items; the PO can revive each into the backlog. items is the first
 * page (at least ICEBOX_SHOWN when there are that many), total how many the icebox holds.
 */
export function buildIceboxModal({
  privateMetadata,
  team,
  items,
  total = items.length,
  isPo,
}: {
  privateMetadata: string;
  team: TeamView;
  items: Item[];
  total?: number;
  isPo: boolean;
}): ModalView {
  const shown = items.slice(0, ICEBOX_SHOWN);
  const blocks: KnownBlock[] = [context(`*${escapeMrkdwn(team.name)}* icebox: ${plural(total, 'item')} set aside for later.`)];
  if (total === 0) blocks.push(section('_The icebox is empty._'));
  for (const item of shown) {
    blocks.push({
      type: 'section',
      block_id: `icebox_${item.id}`,
      text: {
        type: 'mrkdwn',
        text: truncate(`${itemTitleMrkdwn(team, item)}\n${TYPE_LABELS[item.type]}${item.moscow ? ` · ${MOSCOW_LABELS[item.moscow]}` : ''}`, 3000),
      },
      ...(isPo ? { accessory: { type: 'button', action_id: BACKLOG.actions.revive, text: plain('Revive', 75), value: String(item.id) } } : {}),
    });
  }
  if (total > shown.length) blocks.push(context(`…and ${total - shown.length} more.`));
  return {
    type: 'modal',
    callback_id: BACKLOG.iceboxCallbackId,
    private_metadata: privateMetadata,
    title: plain('Icebox', 24),
    close: plain('Back', 24),
    blocks,
  };
}

/** An input with a select; optional ones lead with "Not set", since Slack can't clear a picked select. */
const select = (blockId: string, label: string, options: PlainTextOption[], initial: PlainTextOption | undefined, optional = true): KnownBlock =>
  selectInput({ blockId, label, actionId: BACKLOG.action, options, initial, optional, notSet: optional, ...(optional ? { placeholder: 'Not set' } : {}) });

/** The PO's edit form for one item, including "move to rank N". */
export function buildEditItemModal(privateMetadata: string, team: TeamView, item: Item, position: number | null): ModalView {
  const scale = WSJF_SCALE.map((n) => option(String(n), String(n)));
  const scaled = (value: number | null) => (value !== null ? option(String(value), String(value)) : undefined);
  return {
    type: 'modal',
    callback_id: BACKLOG.editCallbackId,
    private_metadata: privateMetadata,
    title: plain(`Edit ${itemRef(team, item)}`, 24),
    submit: plain('Save', 24),
    close: plain('Back', 24),
    blocks: [
      {
        type: 'input',
        block_id: BACKLOG.blocks.title,
        label: plain('Title'),
        element: { type: 'plain_text_input', action_id: BACKLOG.action, max_length: TITLE_MAX, initial_value: truncate(item.title, TITLE_MAX) },
      },
      {
        type: 'input',
        block_id: BACKLOG.blocks.details,
        optional: true,
        label: plain('Details / acceptance criteria'),
        element: {
          type: 'plain_text_input',
          action_id: BACKLOG.action,
          multiline: true,
          max_length: DETAILS_MAX,
          ...(item.details ? { initial_value: truncate(item.details, DETAILS_MAX) } : {}),
        },
      },
      select(
        BACKLOG.blocks.type,
        'Type',
        ITEM_TYPES.map((type) => option(TYPE_LABELS[type], type)),
        option(TYPE_LABELS[item.type], item.type),
        false,
      ),
      select(
        BACKLOG.blocks.moscow,
        'MoSCoW priority',
        MOSCOW.map((m) => option(MOSCOW_LABELS[m], m)),
        item.moscow ? option(MOSCOW_LABELS[item.moscow], item.moscow) : undefined,
      ),
      select(
        BACKLOG.blocks.storyPoints,
        'Story points',
        STORY_POINTS.map((n) => option(formatNumber(n), String(n))),
        item.storyPoints !== null ? option(formatNumber(item.storyPoints), String(item.storyPoints)) : undefined,
      ),
      context('*WSJF* (all four or none): (business value + time criticality + risk reduction) / job size.'),
      select(BACKLOG.blocks.businessValue, 'Business value', scale, scaled(item.businessValue)),
      select(BACKLOG.blocks.timeCriticality, 'Time criticality', scale, scaled(item.timeCriticality)),
      select(BACKLOG.blocks.riskReduction, 'Risk reduction / opportunity', scale, scaled(item.riskReduction)),
      select(BACKLOG.blocks.jobSize, 'Job size', scale, scaled(item.jobSize)),
      {
        type: 'input',
        block_id: BACKLOG.blocks.position,
        optional: true,
        label: plain('Move to rank'),
        hint: plain(position !== null ? `Now at rank ${position}. Leave empty to keep it there.` : 'Leave empty to keep its place.'),
        element: { type: 'number_input', is_decimal_allowed: false, min_value: '1', action_id: BACKLOG.action },
      },
    ],
  };
}

/** Icebox or reject one backlog item (reason required to reject). */
export function buildRemoveItemModal(privateMetadata: string, team: TeamView, item: Item): ModalView {
  return itemModal({ callbackId: BACKLOG.removeCallbackId, privateMetadata, titleVerb: 'Take out', submit: 'Confirm', team, item }, [
    {
      type: 'input',
      block_id: BACKLOG.blocks.removeChoice,
      label: plain('What happens to it'),
      element: {
        type: 'radio_buttons',
        action_id: BACKLOG.action,
        options: [option('Icebox (maybe later, revivable)', 'icebox'), option("Reject (won't have)", 'reject')],
        initial_option: option('Icebox (maybe later, revivable)', 'icebox'),
      },
    },
    {
      type: 'input',
      block_id: BACKLOG.blocks.removeReason,
      optional: true,
      label: plain('Reason (sent to the requester; required to reject)'),
      element: { type: 'plain_text_input', action_id: BACKLOG.action, multiline: true, max_length: 1000 },
    },
  ]);
}

/** The Definition of Ready: editable checkboxes for the PO, a read-only list for everyone else. */
export function buildReadyModal(privateMetadata: string, team: TeamView, rules: ReadyRule[], isPo: boolean): ModalView {
  const all = READY_RULE_IDS;
  const intro = context(
    `An item of *${escapeMrkdwn(team.name)}* is *Ready* for planning when it passes every check below. Each backlog item shows Ready or what is missing.`,
  );
  if (!isPo) {
    const list = rules.length > 0 ? rules.map((rule) => `• ${READY_RULE_TEXT[rule]}`).join('\n') : '_No checks: every item counts as ready._';
    return {
      type: 'modal',
      callback_id: INFO_MODAL_CALLBACK,
      title: plain('Definition of Ready', 24),
      close: plain('Close', 24),
      blocks: [intro, section(list), context('The Product Owner edits this list.')],
    };
  }
  const options = all.map((rule) => option(READY_RULE_TEXT[rule], rule));
  const initial = options.filter((o) => rules.includes(o.value as ReadyRule));
  return {
    type: 'modal',
    callback_id: BACKLOG.readyCallbackId,
    private_metadata: privateMetadata,
    title: plain('Definition of Ready', 24),
    submit: plain('Save', 24),
    close: plain('Cancel', 24),
    blocks: [
      intro,
      {
        type: 'input',
        block_id: BACKLOG.blocks.readyRules,
        optional: true,
        label: plain('Checks'),
        element: { type: 'checkboxes', action_id: BACKLOG.action, options, ...(initial.length > 0 ? { initial_options: initial } : {}) },
      },
    ],
  };
}
