/** How item fields read to people. */
import type { KnownBlock, ModalView } from '@slack/types';
import type { Item } from '../../db/repositories/items.js';
import type { Team } from '../../db/repositories/teams.js';
import type { ItemStatus, ItemType, Moscow, Urgency } from '../../db/schema.js';
import { formatItemRef } from '../../domain/itemRef.js';
import { plain, section } from './blocks.js';
import { escapeMrkdwn, mrkdwnLink } from './mrkdwn.js';

export const TYPE_LABELS: Record<ItemType, string> = {
  story: 'Story',
  bug: 'Bug',
  task: 'Task',
  'tech-debt': 'Tech debt',
  epic: 'Epic',
};

export const URGENCY_LABELS: Record<Urgency, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  critical: 'Critical: something is broken',
};

export const MOSCOW_LABELS: Record<Moscow, string> = { must: 'Must have', should: 'Should have', could: 'Could have', wont: "Won't have" };

export const STATUS_LABELS: Record<ItemStatus, string> = {
  inbox: 'in the inbox, waiting for triage',
  backlog: 'in the product backlog',
  icebox: 'in the icebox',
  rejected: 'rejected',
  in_sprint: 'in the current sprint',
  done: 'done',
};

export const itemRef = (team: Pick<Team, 'itemPrefix'>, item: Pick<Item, 'number'>) => formatItemRef(team.itemPrefix, item.number);

/** "*R-42* Fix login timeout", escaped, linked to the source message when there is one. */
export function itemTitleMrkdwn(team: Pick<Team, 'itemPrefix'>, item: Pick<Item, 'number' | 'title' | 'permalink'>): string {
  const title = item.permalink ? mrkdwnLink(item.permalink, item.title) : escapeMrkdwn(item.title);
  return `*${itemRef(team, item)}* ${title}`;
}

/**
 * A form about one item: "<verb> R-42" as its title, the item's title on top, then its inputs
 * (Back rather than Cancel: these open on top of a list).
 */
export function itemModal(
  {
    callbackId,
    privateMetadata,
    titleVerb,
    submit,
    team,
    item,
  }: {
    callbackId: string;
    privateMetadata: string;
    titleVerb: string;
    submit: string;
    team: Pick<Team, 'itemPrefix'>;
    item: Pick<Item, 'number' | 'title' | 'permalink'>;
  },
  inputs: KnownBlock[],
): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: privateMetadata,
    title: plain(`${titleVerb} ${itemRef(team, item)}`, 24),
    submit: plain(submit, 24),
    close: plain('Back', 24),
    blocks: [section(itemTitleMrkdwn(team, item)), ...inputs],
  };
}
