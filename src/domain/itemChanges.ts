/** Writing item changes together with their item_events rows, so nothing changes unlogged. */
import type { Repositories } from '../db/repositories/index.js';
import type { Item, NewItem } from '../db/repositories/items.js';
import type { ItemStatus } from '../db/schema.js';
import { EVENT } from './events.js';
import { serviceKit } from './serviceKit.js';

/** Item columns edited by people, with their column names as logged in item_events.field. */
export const EDITABLE_FIELDS = {
  title: 'title',
  details: 'details',
  type: 'type',
  moscow: 'moscow',
  businessValue: 'business_value',
  timeCriticality: 'time_criticality',
  riskReduction: 'risk_reduction',
  jobSize: 'job_size',
} as const;
export type EditableField = keyof typeof EDITABLE_FIELDS;
export type ItemFieldChanges = Partial<Pick<Item, EditableField | 'storyPoints'>>;

const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

export interface ChangeContext {
  repos: Repositories;
  actorId: string;
  at: number;
}

/** Applies field edits, one `field` event per changed column and an `estimate` event for points. */
export async function applyFieldChanges(ctx: ChangeContext, item: Item, changes: ItemFieldChanges, estimateReason: string): Promise<Item> {
  const update: Partial<NewItem> = {};
  for (const key of Object.keys(EDITABLE_FIELDS) as EditableField[]) {
    if (!(key in changes) || changes[key] === undefined || changes[key] === item[key]) continue;
    (update as Record<string, unknown>)[key] = changes[key];
    await ctx.repos.itemEvents.append({
      teamId: item.teamId,
      itemId: item.id,
      actorId: ctx.actorId,
      kind: EVENT.field,
      field: EDITABLE_FIELDS[key],
      fromValue: str(item[key]),
      toValue: str(changes[key]),
      at: ctx.at,
    });
  }
  if (changes.storyPoints !== undefined && changes.storyPoints !== item.storyPoints) {
    update.storyPoints = changes.storyPoints;
    await ctx.repos.itemEvents.append({
      teamId: item.teamId,
      itemId: item.id,
      sprintId: item.sprintId,
      actorId: ctx.actorId,
      kind: EVENT.estimate,
      field: 'story_points',
      fromValue: str(item.storyPoints),
      toValue: str(changes.storyPoints),
      points: changes.storyPoints,
      reason: estimateReason,
      at: ctx.at,
    });
  }
  if (Object.keys(update).length === 0) return item;
  return await ctx.repos.items.update(item.id, { ...update, updatedAt: ctx.at });
}

/** Moves an item to a new status with a `status` event; returns the item and the event id. */
export async function changeStatus(
  ctx: ChangeContext,
  item: Item,
  status: ItemStatus,
  reason: string | null,
  extra: Partial<NewItem> = {},
): Promise<{ item: Item; eventId: number }> {
  const updated = await ctx.repos.items.update(item.id, { ...extra, status, updatedAt: ctx.at });
  const event = await ctx.repos.itemEvents.record({
    teamId: item.teamId,
    itemId: item.id,
    sprintId: item.sprintId,
    actorId: ctx.actorId,
    kind: EVENT.status,
    field: 'status',
    fromValue: item.status,
    toValue: status,
    reason,
    points: item.storyPoints,
    at: ctx.at,
  });
  return { item: updated, eventId: event.id };
}

/** Tells the requester what happened (DM), and the original thread for captured messages. */
export async function notifyOutcome(ctx: ChangeContext, item: Item, eventId: number): Promise<void> {
  const { enqueue } = serviceKit(ctx.repos);
  await enqueue(`outcome:${eventId}`, { kind: 'triage.outcome', itemId: item.id, userId: item.requesterId, eventId }, ctx.at, item.teamId);
  if (item.sourceChannelId && item.sourceTs) {
    const threadReply = { kind: 'triage.outcome_thread', itemId: item.id, channelId: item.sourceChannelId, threadTs: item.sourceTs, eventId } as const;
    await enqueue(`outcome-thread:${eventId}`, threadReply, ctx.at, item.teamId);
  }
}
