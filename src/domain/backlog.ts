/**
 * The ordered product backlog: only the Product Owner changes its order and content; everyone
 * reads it, with each item's readiness. Every change writes item_events.
 */
import { z } from 'zod';
import type { Repositories } from '../db/repositories/index.js';
import type { Item, Ranked } from '../db/repositories/items.js';
import type { Team } from '../db/repositories/teams.js';
import { ITEM_TYPES, MOSCOW, type Moscow } from '../db/schema.js';
import type { Clock } from './clock.js';
import { DomainError, invalid, type GuardedAction, type IssueCode } from './errors.js';
import { EVENT } from './events.js';
import { applyFieldChanges, changeStatus, notifyOutcome, type ChangeContext } from './itemChanges.js';
import { moscowIndex, sortByWsjf, STORY_POINTS, WSJF_SCALE, wsjfScore } from './prioritisation.js';
import { evenRanks, rankBetween } from './ranking.js';
import { parseReadyRules, readinessOf, READY_RULE_IDS, type Readiness, type ReadyRule } from './readiness.js';
import { requireRole } from './roles.js';
import { DETAILS_MAX, TITLE_MAX } from './suggestion.js';
import { coded, firstIssue } from './validation.js';
import { serviceKit } from './serviceKit.js';

export type Placement = 'top' | 'priority' | 'bottom';
export type Move = { kind: 'top' } | { kind: 'up' } | { kind: 'down' } | { kind: 'to'; position: number };

export interface BacklogEntry {
  item: Item;
  /** 1-based position in the product backlog. */
  position: number;
  readiness: Readiness;
  wsjf: number | null;
}

export interface BacklogHealth {
  /** How many items the top slice holds (at most 10). */
  top: number;
  ready: number;
  estimated: number;
  /** Ready and estimated: DEEP's "detailed appropriately, estimated" for the next sprints. */
  readyAndEstimated: number;
  total: number;
}

const wsjfValue = z
  .number()
  .refine((n) => (WSJF_SCALE as readonly number[]).includes(n), coded('item.wsjf_not_on_scale'))
  .nullable();
const pointsValue = z
  .number()
  .refine((n) => (STORY_POINTS as readonly number[]).includes(n), coded('item.points_not_on_scale'))
  .nullable();

/** Fields the PO may edit on a backlog item (undefined = unchanged). */
export const itemEditSchema = z
  .object({
    title: z
      .string()
      .transform((value) => value.trim().replace(/\s+/g, ' '))
      .pipe(z.string().min(1, coded('item.title_missing')).max(TITLE_MAX, coded('item.title_too_long'))),
    details: z
      .string()
      .transform((value) => value.trim())
      .pipe(z.string().max(DETAILS_MAX)),
    type: z.enum(ITEM_TYPES),
    moscow: z.enum(MOSCOW).nullable(),
    businessValue: wsjfValue,
    timeCriticality: wsjfValue,
    riskReduction: wsjfValue,
    jobSize: wsjfValue,
    storyPoints: pointsValue,
  })
  .partial()
  .superRefine((edit, ctx) => {
    const keys = ['businessValue', 'timeCriticality', 'riskReduction', 'jobSize'] as const;
    const given = keys.filter((key) => edit[key] !== undefined);
    if (given.length === 0) return;
    const set = keys.filter((key) => edit[key] !== null && edit[key] !== undefined);
    if (set.length > 0 && set.length < 4) {
      ctx.addIssue({ code: 'custom', path: ['jobSize'], message: 'item.wsjf_incomplete' satisfies IssueCode });
    }
  });
export type ItemEdit = z.infer<typeof itemEditSchema>;

export const readyChecklistSchema = z.array(z.enum(READY_RULE_IDS)).max(10);

/** The ordered backlog items of a team. */
export const orderedBacklog = (repos: Repositories, teamId: number): Promise<Item[]> => repos.items.listByStatus(teamId, 'backlog');

/** Where an item goes: between two neighbours of the list without it (null = that end of the list). */
export interface Slot {
  before: Ranked | null;
  after: Ranked | null;
}

/** The slot at index among the backlog items other than itemId (0 = top, clamped to the bottom). */
async function slotAt(repos: Repositories, teamId: number, itemId: number, index: number): Promise<Slot> {
  const at = Math.max(0, index);
  if (at === 0) return { before: null, after: (await repos.items.rankedSlice(teamId, 'backlog', { excludeId: itemId, limit: 1 }))[0] ?? null };
  const [before, after] = await repos.items.rankedSlice(teamId, 'backlog', { excludeId: itemId, offset: at - 1, limit: 2 });
  if (before) return { before, after: after ?? null };
  return await bottomSlot(repos, teamId, itemId);
}

async function bottomSlot(repos: Repositories, teamId: number, itemId: number): Promise<Slot> {
  return { before: (await repos.items.rankedSlice(teamId, 'backlog', { excludeId: itemId, descending: true, limit: 1 }))[0] ?? null, after: null };
}

const rankedOf = (item: Item): Ranked | null => (item.rank === null ? null : { id: item.id, rank: item.rank });

/**
 * Gives item the rank that puts it in slot, re-spacing the list when the neighbours are too
 * close. Writes one `rank` event for the item.
 */
export async function placeInSlot(ctx: ChangeContext, teamId: number, item: Item, slot: Slot, reason: string): Promise<Item> {
  let rank = rankBetween(slot.before?.rank ?? null, slot.after?.rank ?? null);
  if (rank === null) {
    // Rare: re-space the whole list. It keeps the order, so it is not an order change worth an event.
    const others = (await orderedBacklog(ctx.repos, teamId)).filter((other) => other.id !== item.id);
    const ranks = evenRanks(others.length);
    const respaced = new Map(others.map((other, i) => [other.id, ranks[i]!]));
    for (const other of others) await ctx.repos.items.update(other.id, { rank: respaced.get(other.id)! });
    rank = rankBetween(slot.before ? respaced.get(slot.before.id)! : null, slot.after ? respaced.get(slot.after.id)! : null)!;
  }
  if (rank === item.rank) return item;
  const updated = await ctx.repos.items.update(item.id, { rank, updatedAt: ctx.at });
  await ctx.repos.itemEvents.append({
    teamId,
    itemId: item.id,
    actorId: ctx.actorId,
    kind: EVENT.rank,
    field: 'rank',
    fromValue: item.rank === null ? null : String(item.rank),
    toValue: String(rank),
    reason,
    at: ctx.at,
  });
  return updated;
}

/** Gives item the rank that puts it at index among the other backlog items (0 = top). */
export async function placeAtIndex(ctx: ChangeContext, teamId: number, item: Item, index: number, reason: string): Promise<Item> {
  return await placeInSlot(ctx, teamId, item, await slotAt(ctx.repos, teamId, item.id, index), reason);
}

/**
 * The slot a placement means for an item of class moscow: top, bottom, or "by priority" right
 * after the last item of the same or a higher class (the top when there is none).
 */
export async function placementSlot(repos: Repositories, teamId: number, itemId: number, placement: Placement, moscow: Moscow | null): Promise<Slot> {
  if (placement === 'top') return await slotAt(repos, teamId, itemId, 0);
  if (placement === 'bottom' || !moscow) return await bottomSlot(repos, teamId, itemId);
  // One index seek per class (must, should...) beats walking the list for the last one of them.
  const lasts: Ranked[] = [];
  for (const cls of MOSCOW.filter((cls) => moscowIndex(cls) <= moscowIndex(moscow))) {
    const last = (await repos.items.rankedSlice(teamId, 'backlog', { excludeId: itemId, moscow: cls, descending: true, limit: 1 }))[0];
    if (last !== undefined) lasts.push(last);
  }
  if (lasts.length === 0) return await slotAt(repos, teamId, itemId, 0);
  const before = lasts.reduce((a, b) => (b.rank > a.rank || (b.rank === a.rank && b.id > a.id) ? b : a));
  return { before, after: (await repos.items.rankedSlice(teamId, 'backlog', { excludeId: itemId, after: before, limit: 1 }))[0] ?? null };
}

/** The slot one place up (up) or down from where item is now; the same as the index arithmetic on the whole list. */
async function stepSlot(repos: Repositories, teamId: number, item: Item, direction: 'up' | 'down'): Promise<Slot> {
  const pivot = rankedOf(item);
  if (!pivot) {
    // Not ranked (should not happen in the backlog): fall back to its index in the list.
    const current = (await orderedBacklog(repos, teamId)).findIndex((other) => other.id === item.id);
    return await slotAt(repos, teamId, item.id, direction === 'up' ? current - 1 : current + 1);
  }
  if (direction === 'up') {
    const [previous, beforePrevious] = await repos.items.rankedSlice(teamId, 'backlog', { before: pivot, descending: true, limit: 2 });
    if (!previous) return await slotAt(repos, teamId, item.id, 0);
    return { before: beforePrevious ?? null, after: previous };
  }
  const [next, afterNext] = await repos.items.rankedSlice(teamId, 'backlog', { after: pivot, limit: 2 });
  if (next) return { before: next, after: afterNext ?? null };
  // Already last: it stays below its predecessor.
  return { before: (await repos.items.rankedSlice(teamId, 'backlog', { before: pivot, descending: true, limit: 1 }))[0] ?? null, after: null };
}

export function createBacklogService({ repos, clock }: { repos: Repositories; clock: Clock }) {
  const { requireTeam: teamOf, teamTransaction } = serviceKit(repos);

  async function requirePo(team: Team, userId: string, action: GuardedAction): Promise<void> {
    requireRole({ team, members: await repos.teams.members(team.id), actor: { userId, isWorkspaceAdmin: false } }, ['po'], 'backlog.not_po', { action });
  }

  async function itemIn(team: Team, itemId: number, statuses: readonly Item['status'][]): Promise<Item> {
    const item = await repos.items.findById(itemId);
    if (!item || item.teamId !== team.id) throw new DomainError('item.not_found');
    if (!statuses.includes(item.status)) throw new DomainError('item.wrong_status', { reason: 'item.status_changed', status: item.status });
    return item;
  }

  const ctxFor = (actorId: string): ChangeContext => ({ repos, actorId, at: clock().getTime() });

  function entries(team: Team, items: Item[], offset = 0): BacklogEntry[] {
    const rules = parseReadyRules(team.readyChecklist);
    return items.map((item, i) => ({ item, position: offset + i + 1, readiness: readinessOf(item, rules), wsjf: wsjfScore(item) }));
  }

  return {
    /** The whole ordered product backlog with each item's position, readiness and WSJF (used by planning). */
    async listWithReadiness(teamId: number): Promise<BacklogEntry[]> {
      const team = await teamOf(teamId);
      return entries(team, await orderedBacklog(repos, teamId));
    },

    /** One page of the ordered backlog (page is 0-based and clamped). */
    async page(teamId: number, page: number, pageSize: number): Promise<{ entries: BacklogEntry[]; total: number; page: number; pageCount: number }> {
      const team = await teamOf(teamId);
      const total = await repos.items.countByStatus(teamId, 'backlog');
      const pageCount = Math.max(1, Math.ceil(total / pageSize));
      const current = Math.max(0, Math.min(page, pageCount - 1));
      const items = await repos.items.listByStatus(teamId, 'backlog', { limit: pageSize, offset: current * pageSize });
      return { entries: entries(team, items, current * pageSize), total, page: current, pageCount };
    },

    /** The first `limit` icebox items (oldest decision first) and how many it holds. */
    async icebox(teamId: number, limit: number): Promise<{ items: Item[]; total: number }> {
      await teamOf(teamId);
      const items = await repos.items.listByStatus(teamId, 'icebox', { limit });
      const total = items.length < limit ? items.length : await repos.items.countByStatus(teamId, 'icebox');
      return { items, total };
    },

    /** The 1-based position of a backlog item, or null when it is not in the backlog. */
    async position(teamId: number, itemId: number): Promise<number | null> {
      const item = await repos.items.findById(itemId);
      if (!item || item.teamId !== teamId || item.status !== 'backlog') return null;
      const pivot = rankedOf(item);
      if (!pivot) return (await orderedBacklog(repos, teamId)).findIndex((other) => other.id === item.id) + 1;
      return (await repos.items.countBefore(teamId, 'backlog', pivot)) + 1;
    },

    async readyRules(teamId: number): Promise<ReadyRule[]> {
      return parseReadyRules((await teamOf(teamId)).readyChecklist);
    },

    /** PO only: replaces the Definition of Ready checklist. */
    async setReadyChecklist(teamId: number, actorId: string, rules: unknown): Promise<ReadyRule[]> {
      const team = await teamOf(teamId);
      await requirePo(team, actorId, 'backlog.ready_rules');
      const parsed = readyChecklistSchema.safeParse(rules);
      if (!parsed.success) throw new DomainError('item.invalid', { reason: 'item.ready_rule_unknown' });
      const unique = [...new Set(parsed.data)];
      await repos.teams.update(team.id, { readyChecklist: JSON.stringify(unique), updatedAt: clock().getTime() });
      return unique;
    },

    /** PO only: moves an item to the top, one up, one down, or to a 1-based position. */
    async move(teamId: number, itemId: number, actorId: string, move: Move): Promise<Item> {
      const team = await teamOf(teamId);
      await requirePo(team, actorId, 'backlog.reorder');
      return await teamTransaction(teamId, async () => {
        const item = await itemIn(team, itemId, ['backlog']);
        const ctx = ctxFor(actorId);
        switch (move.kind) {
          case 'top':
            return await placeAtIndex(ctx, teamId, item, 0, 'top');
          case 'up':
            return await placeInSlot(ctx, teamId, item, await stepSlot(repos, teamId, item, 'up'), 'up');
          case 'down':
            return await placeInSlot(ctx, teamId, item, await stepSlot(repos, teamId, item, 'down'), 'down');
          case 'to':
            if (!Number.isInteger(move.position) || move.position < 1) throw new DomainError('item.invalid', { reason: 'item.position_invalid' });
            return await placeAtIndex(ctx, teamId, item, move.position - 1, `to ${move.position}`);
        }
      });
    },

    /** PO only: orders the whole backlog by WSJF score (unscored items keep their order, after). */
    async sortByWsjf(teamId: number, actorId: string): Promise<number> {
      const team = await teamOf(teamId);
      await requirePo(team, actorId, 'backlog.reorder');
      return await teamTransaction(teamId, async () => {
        const ctx = ctxFor(actorId);
        const sorted = sortByWsjf(await orderedBacklog(repos, teamId));
        const ranks = evenRanks(sorted.length);
        let moved = 0;
        for (const [i, item] of sorted.entries()) {
          const rank = ranks[i]!;
          if (item.rank === rank) continue;
          await repos.items.update(item.id, { rank, updatedAt: ctx.at });
          await repos.itemEvents.append({
            teamId,
            itemId: item.id,
            actorId,
            kind: EVENT.rank,
            field: 'rank',
            fromValue: item.rank === null ? null : String(item.rank),
            toValue: String(rank),
            reason: 'wsjf',
            at: ctx.at,
          });
          moved += 1;
        }
        return moved;
      });
    },

    /** PO only: edits an item's fields (backlog, icebox or inbox). */
    async edit(teamId: number, itemId: number, actorId: string, edit: unknown): Promise<Item> {
      const team = await teamOf(teamId);
      await requirePo(team, actorId, 'backlog.edit');
      const parsed = itemEditSchema.safeParse(edit);
      if (!parsed.success) throw invalid('item.invalid', firstIssue(parsed.error));
      return await teamTransaction(teamId, async () => {
        const item = await itemIn(team, itemId, ['backlog', 'icebox', 'inbox', 'in_sprint']);
        return await applyFieldChanges(ctxFor(actorId), item, parsed.data, 'edit');
      });
    },

    /** PO only: moves a backlog item to the icebox; the requester is told. */
    async toIcebox(teamId: number, itemId: number, actorId: string, reason: string | null): Promise<Item> {
      const team = await teamOf(teamId);
      await requirePo(team, actorId, 'backlog.icebox');
      return await teamTransaction(teamId, async () => {
        const ctx = ctxFor(actorId);
        const item = await itemIn(team, itemId, ['backlog']);
        const { item: updated, eventId } = await changeStatus(ctx, item, 'icebox', reason?.trim() || null, { rank: null });
        await notifyOutcome(ctx, updated, eventId);
        return updated;
      });
    },

    /** PO only: rejects a backlog or icebox item as won't-have (reason required); the requester is told. */
    async reject(teamId: number, itemId: number, actorId: string, reason: string): Promise<Item> {
      const team = await teamOf(teamId);
      await requirePo(team, actorId, 'backlog.reject');
      const why = reason.trim();
      if (!why) throw new DomainError('item.invalid', { reason: 'item.reason_missing', field: 'reason' });
      return await teamTransaction(teamId, async () => {
        const ctx = ctxFor(actorId);
        const item = await itemIn(team, itemId, ['backlog', 'icebox']);
        const withMoscow = await applyFieldChanges(ctx, item, { moscow: 'wont' }, 'edit');
        const { item: updated, eventId } = await changeStatus(ctx, withMoscow, 'rejected', why, { rank: null, rejectReason: why });
        await notifyOutcome(ctx, updated, eventId);
        return updated;
      });
    },

    /** PO only: brings an icebox item back into the backlog, by priority (bottom when unprioritised). */
    async revive(teamId: number, itemId: number, actorId: string): Promise<Item> {
      const team = await teamOf(teamId);
      await requirePo(team, actorId, 'backlog.revive');
      return await teamTransaction(teamId, async () => {
        const ctx = ctxFor(actorId);
        const item = await itemIn(team, itemId, ['icebox']);
        const slot = await placementSlot(repos, teamId, item.id, 'priority', item.moscow);
        const { item: revived, eventId } = await changeStatus(ctx, item, 'backlog', 'revived');
        await notifyOutcome(ctx, revived, eventId);
        return await placeInSlot(ctx, teamId, revived, slot, item.moscow ? 'priority' : 'bottom');
      });
    },

    /** DEEP health of the top 10: how many are ready and estimated. */
    async health(teamId: number): Promise<BacklogHealth> {
      const team = await teamOf(teamId);
      const total = await repos.items.countByStatus(teamId, 'backlog');
      const top = entries(team, await repos.items.listByStatus(teamId, 'backlog', { limit: 10 }));
      const estimated = top.filter((entry) => entry.item.storyPoints !== null).length;
      const ready = top.filter((entry) => entry.readiness.ready).length;
      const readyAndEstimated = top.filter((entry) => entry.readiness.ready && entry.item.storyPoints !== null).length;
      return { top: top.length, ready, estimated, readyAndEstimated, total };
    },

    /** Throws backlog.not_po unless userId is the team's PO (for UI gating; every change checks again). */
    async requirePo(teamId: number, userId: string, action: GuardedAction): Promise<Team> {
      const team = await teamOf(teamId);
      await requirePo(team, userId, action);
      return team;
    },

    async isPo(teamId: number, userId: string): Promise<boolean> {
      return (await teamOf(teamId)).productOwnerId === userId;
    },
  };
}

export type BacklogService = ReturnType<typeof createBacklogService>;
