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
export const orderedBacklog = (repos: Repositories, teamId: number): Item[] => repos.items.listByStatus(teamId, 'backlog');

/** Where an item goes: between two neighbours of the list without it (null = that end of the list). */
export interface Slot {
  before: Ranked | null;
  after: Ranked | null;
}

/** The slot at index among the backlog items other than itemId (0 = top, clamped to the bottom). */
function slotAt(repos: Repositories, teamId: number, itemId: number, index: number): Slot {
  const at = Math.max(0, index);
  if (at === 0) return { before: null, after: repos.items.rankedSlice(teamId, 'backlog', { excludeId: itemId, limit: 1 })[0] ?? null };
  const [before, after] = repos.items.rankedSlice(teamId, 'backlog', { excludeId: itemId, offset: at - 1, limit: 2 });
  if (before) return { before, after: after ?? null };
  return bottomSlot(repos, teamId, itemId);
}

function bottomSlot(repos: Repositories, teamId: number, itemId: number): Slot {
  return { before: repos.items.rankedSlice(teamId, 'backlog', { excludeId: itemId, descending: true, limit: 1 })[0] ?? null, after: null };
}

const rankedOf = (item: Item): Ranked | null => (item.rank === null ? null : { id: item.id, rank: item.rank });

/**
 * Gives item the rank that puts it in slot, re-spacing the list when the neighbours are too
 * close. Writes one `rank` event for the item.
 */
export function placeInSlot(ctx: ChangeContext, teamId: number, item: Item, slot: Slot, reason: string): Item {
  let rank = rankBetween(slot.before?.rank ?? null, slot.after?.rank ?? null);
  if (rank === null) {
    // Rare: re-space the whole list. It keeps the order, so it is not an order change worth an event.
    const others = orderedBacklog(ctx.repos, teamId).filter((other) => other.id !== item.id);
    const ranks = evenRanks(others.length);
    const respaced = new Map(others.map((other, i) => [other.id, ranks[i]!]));
    for (const other of others) ctx.repos.items.update(other.id, { rank: respaced.get(other.id)! });
    rank = rankBetween(slot.before ? respaced.get(slot.before.id)! : null, slot.after ? respaced.get(slot.after.id)! : null)!;
  }
  if (rank === item.rank) return item;
  const updated = ctx.repos.items.update(item.id, { rank, updatedAt: ctx.at });
  ctx.repos.itemEvents.append({
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
export function placeAtIndex(ctx: ChangeContext, teamId: number, item: Item, index: number, reason: string): Item {
  return placeInSlot(ctx, teamId, item, slotAt(ctx.repos, teamId, item.id, index), reason);
}

/**
 * The slot a placement means for an item of class moscow: top, bottom, or "by priority" right
 * after the last item of the same or a higher class (the top when there is none).
 */
export function placementSlot(repos: Repositories, teamId: number, itemId: number, placement: Placement, moscow: Moscow | null): Slot {
  if (placement === 'top') return slotAt(repos, teamId, itemId, 0);
  if (placement === 'bottom' || !moscow) return bottomSlot(repos, teamId, itemId);
  // One index seek per class (must, should...) beats walking the list for the last one of them.
  const lasts = MOSCOW.filter((cls) => moscowIndex(cls) <= moscowIndex(moscow))
    .map((cls) => repos.items.rankedSlice(teamId, 'backlog', { excludeId: itemId, moscow: cls, descending: true, limit: 1 })[0])
    .filter((last): last is Ranked => last !== undefined);
  if (lasts.length === 0) return slotAt(repos, teamId, itemId, 0);
  const before = lasts.reduce((a, b) => (b.rank > a.rank || (b.rank === a.rank && b.id > a.id) ? b : a));
  return { before, after: repos.items.rankedSlice(teamId, 'backlog', { excludeId: itemId, after: before, limit: 1 })[0] ?? null };
}

/** The slot one place up (up) or down from where item is now; the same as the index arithmetic on the whole list. */
function stepSlot(repos: Repositories, teamId: number, item: Item, direction: 'up' | 'down'): Slot {
  const pivot = rankedOf(item);
  if (!pivot) {
    // Not ranked (should not happen in the backlog): fall back to its index in the list.
    const current = orderedBacklog(repos, teamId).findIndex((other) => other.id === item.id);
    return slotAt(repos, teamId, item.id, direction === 'up' ? current - 1 : current + 1);
  }
  if (direction === 'up') {
    const [previous, beforePrevious] = repos.items.rankedSlice(teamId, 'backlog', { before: pivot, descending: true, limit: 2 });
    if (!previous) return slotAt(repos, teamId, item.id, 0);
    return { before: beforePrevious ?? null, after: previous };
  }
  const [next, afterNext] = repos.items.rankedSlice(teamId, 'backlog', { after: pivot, limit: 2 });
  if (next) return { before: next, after: afterNext ?? null };
  // Already last: it stays below its predecessor.
  return { before: repos.items.rankedSlice(teamId, 'backlog', { before: pivot, descending: true, limit: 1 })[0] ?? null, after: null };
}

export function createBacklogService({ repos, clock }: { repos: Repositories; clock: Clock }) {
  const { requireTeam: teamOf } = serviceKit(repos);

  function requirePo(team: Team, userId: string, action: GuardedAction): void {
    requireRole({ team, members: repos.teams.members(team.id), actor: { userId, isWorkspaceAdmin: false } }, ['po'], 'backlog.not_po', { action });
  }

  function itemIn(team: Team, itemId: number, statuses: readonly Item['status'][]): Item {
    const item = repos.items.findById(itemId);
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
    listWithReadiness(teamId: number): BacklogEntry[] {
      const team = teamOf(teamId);
      return entries(team, orderedBacklog(repos, teamId));
    },

    /** One page of the ordered backlog (page is 0-based and clamped). */
    page(teamId: number, page: number, pageSize: number): { entries: BacklogEntry[]; total: number; page: number; pageCount: number } {
      const team = teamOf(teamId);
      const total = repos.items.countByStatus(teamId, 'backlog');
      const pageCount = Math.max(1, Math.ceil(total / pageSize));
      const current = Math.max(0, Math.min(page, pageCount - 1));
      const items = repos.items.listByStatus(teamId, 'backlog', { limit: pageSize, offset: current * pageSize });
      return { entries: entries(team, items, current * pageSize), total, page: current, pageCount };
    },

    /** The first `limit` icebox items (oldest decision first) and how many it holds. */
    icebox(teamId: number, limit: number): { items: Item[]; total: number } {
      teamOf(teamId);
      const items = repos.items.listByStatus(teamId, 'icebox', { limit });
      const total = items.length < limit ? items.length : repos.items.countByStatus(teamId, 'icebox');
      return { items, total };
    },

    /** The 1-based position of a backlog item, or null when it is not in the backlog. */
    position(teamId: number, itemId: number): number | null {
      const item = repos.items.findById(itemId);
      if (!item || item.teamId !== teamId || item.status !== 'backlog') return null;
      const pivot = rankedOf(item);
      if (!pivot) return orderedBacklog(repos, teamId).findIndex((other) => other.id === item.id) + 1;
      return repos.items.countBefore(teamId, 'backlog', pivot) + 1;
    },

    readyRules(teamId: number): ReadyRule[] {
      return parseReadyRules(teamOf(teamId).readyChecklist);
    },

    /** PO only: replaces the Definition of Ready checklist. */
    setReadyChecklist(teamId: number, actorId: string, rules: unknown): ReadyRule[] {
      const team = teamOf(teamId);
      requirePo(team, actorId, 'backlog.ready_rules');
      const parsed = readyChecklistSchema.safeParse(rules);
      if (!parsed.success) throw new DomainError('item.invalid', { reason: 'item.ready_rule_unknown' });
      const unique = [...new Set(parsed.data)];
      repos.teams.update(team.id, { readyChecklist: JSON.stringify(unique), updatedAt: clock().getTime() });
      return unique;
    },

    /** PO only: moves an item to the top, one up, one down, or to a 1-based position. */
    move(teamId: number, itemId: number, actorId: string, move: Move): Item {
      const team = teamOf(teamId);
      requirePo(team, actorId, 'backlog.reorder');
      return repos.transaction(() => {
        const item = itemIn(team, itemId, ['backlog']);
        const ctx = ctxFor(actorId);
        switch (move.kind) {
          case 'top':
            return placeAtIndex(ctx, teamId, item, 0, 'top');
          case 'up':
            return placeInSlot(ctx, teamId, item, stepSlot(repos, teamId, item, 'up'), 'up');
          case 'down':
            return placeInSlot(ctx, teamId, item, stepSlot(repos, teamId, item, 'down'), 'down');
          case 'to':
            if (!Number.isInteger(move.position) || move.position < 1) throw new DomainError('item.invalid', { reason: 'item.position_invalid' });
            return placeAtIndex(ctx, teamId, item, move.position - 1, `to ${move.position}`);
        }
      });
    },

    /** PO only: orders the whole backlog by WSJF score (unscored items keep their order, after). */
    sortByWsjf(teamId: number, actorId: string): number {
      const team = teamOf(teamId);
      requirePo(team, actorId, 'backlog.reorder');
      return repos.transaction(() => {
        const ctx = ctxFor(actorId);
        const sorted = sortByWsjf(orderedBacklog(repos, teamId));
        const ranks = evenRanks(sorted.length);
        let moved = 0;
        sorted.forEach((item, i) => {
          const rank = ranks[i]!;
          if (item.rank === rank) return;
          repos.items.update(item.id, { rank, updatedAt: ctx.at });
          repos.itemEvents.append({
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
        });
        return moved;
      });
    },

    /** PO only: edits an item's fields (backlog, icebox or inbox). */
    edit(teamId: number, itemId: number, actorId: string, edit: unknown): Item {
      const team = teamOf(teamId);
      requirePo(team, actorId, 'backlog.edit');
      const parsed = itemEditSchema.safeParse(edit);
      if (!parsed.success) throw invalid('item.invalid', firstIssue(parsed.error));
      return repos.transaction(() => {
        const item = itemIn(team, itemId, ['backlog', 'icebox', 'inbox', 'in_sprint']);
        return applyFieldChanges(ctxFor(actorId), item, parsed.data, 'edit');
      });
    },

    /** PO only: moves a backlog item to the icebox; the requester is told. */
    toIcebox(teamId: number, itemId: number, actorId: string, reason: string | null): Item {
      const team = teamOf(teamId);
      requirePo(team, actorId, 'backlog.icebox');
      return repos.transaction(() => {
        const ctx = ctxFor(actorId);
        const item = itemIn(team, itemId, ['backlog']);
        const { item: updated, eventId } = changeStatus(ctx, item, 'icebox', reason?.trim() || null, { rank: null });
        notifyOutcome(ctx, updated, eventId);
        return updated;
      });
    },

    /** PO only: rejects a backlog or icebox item as won't-have (reason required); the requester is told. */
    reject(teamId: number, itemId: number, actorId: string, reason: string): Item {
      const team = teamOf(teamId);
      requirePo(team, actorId, 'backlog.reject');
      const why = reason.trim();
      if (!why) throw new DomainError('item.invalid', { reason: 'item.reason_missing', field: 'reason' });
      return repos.transaction(() => {
        const ctx = ctxFor(actorId);
        const item = itemIn(team, itemId, ['backlog', 'icebox']);
        const withMoscow = applyFieldChanges(ctx, item, { moscow: 'wont' }, 'edit');
        const { item: updated, eventId } = changeStatus(ctx, withMoscow, 'rejected', why, { rank: null, rejectReason: why });
        notifyOutcome(ctx, updated, eventId);
        return updated;
      });
    },

    /** PO only: brings an icebox item back into the backlog, by priority (bottom when unprioritised). */
    revive(teamId: number, itemId: number, actorId: string): Item {
      const team = teamOf(teamId);
      requirePo(team, actorId, 'backlog.revive');
      return repos.transaction(() => {
        const ctx = ctxFor(actorId);
        const item = itemIn(team, itemId, ['icebox']);
        const slot = placementSlot(repos, teamId, item.id, 'priority', item.moscow);
        const { item: revived, eventId } = changeStatus(ctx, item, 'backlog', 'revived');
        notifyOutcome(ctx, revived, eventId);
        return placeInSlot(ctx, teamId, revived, slot, item.moscow ? 'priority' : 'bottom');
      });
    },

    /** DEEP health of the top 10: how many are ready and estimated. */
    health(teamId: number): BacklogHealth {
      const team = teamOf(teamId);
      const total = repos.items.countByStatus(teamId, 'backlog');
      const top = entries(team, repos.items.listByStatus(teamId, 'backlog', { limit: 10 }));
      const estimated = top.filter((entry) => entry.item.storyPoints !== null).length;
      const ready = top.filter((entry) => entry.readiness.ready).length;
      const readyAndEstimated = top.filter((entry) => entry.readiness.ready && entry.item.storyPoints !== null).length;
      return { top: top.length, ready, estimated, readyAndEstimated, total };
    },

    /** Throws backlog.not_po unless userId is the team's PO (for UI gating; every change checks again). */
    requirePo(teamId: number, userId: string, action: GuardedAction): Team {
      const team = teamOf(teamId);
      requirePo(team, userId, action);
      return team;
    },

    isPo(teamId: number, userId: string): boolean {
      return teamOf(teamId).productOwnerId === userId;
    },
  };
}

export type BacklogService = ReturnType<typeof createBacklogService>;
