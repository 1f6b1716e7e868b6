/**
 * Burndown and burnup of one sprint, replayed from the item event log (see events.ts).
 *
 * The committed scope is what sprint_added 'planned' put in the sprint; every later add, removal
 * or re-estimate of an item in the sprint is a scope change, kept as its own series so that work
 * added mid-sprint never looks as if it had been there on day 0. Unfinished items returned to the
 * backlog at close are not scope changes. When nothing in the sprint has points, items are counted.
 */
import { EVENT, PLANNED_SCOPE_REASON, RETURNED_AT_CLOSE_REASON } from './events.js';
import { addDays, datesFrom, isoWeekday, startOfLocalDay } from './localTime.js';

export type BurndownUnit = 'points' | 'items';

/** The event kinds the replay reads (tasks, comments on fields, ranks... never move the lines). */
export const BURNDOWN_EVENT_KINDS: readonly string[] = [EVENT.sprintAdded, EVENT.sprintRemoved, EVENT.workState, EVENT.estimate, EVENT.status];
export type WorkStateValue = 'todo' | 'in_progress' | 'done';

/** The columns of an item_events row the replay reads. */
export interface BurndownEvent {
  id?: number;
  itemId: number;
  sprintId: number | null;
  kind: string;
  fromValue: string | null;
  toValue: string | null;
  reason: string | null;
  points: number | null;
  at: number;
}

export interface BurndownInput {
  sprint: { id: number; startDate: string; endDate: string };
  timezone: string;
  /** Events of every item that was ever in the sprint, any order. */
  events: readonly BurndownEvent[];
  now: number;
  /** Whether the team works on an ISO date (the ideal line is flat on the others); Monday to Friday by default. */
  isWorkingDay?: (date: string) => boolean;
}

/** One point of the chart: index 0 is the sprint start, index d the end of day d. */
export interface BurndownPoint {
  /** ISO date of the day this point closes (the start date for index 0). */
  date: string;
  /** False on weekends and holidays (always true for the start point). */
  working: boolean;
  ideal: number;
  /** null for days that have not started yet. */
  remaining: number | null;
  completed: number | null;
  /** Total scope (committed +/- changes) at that point. */
  scope: number | null;
  /** Scope added and removed during this day (not cumulative). */
  addedToday: number;
  removedToday: number;
  /** Items reopened (done -> not done) during this day. */
  reopenedToday: number;
}

export interface ScopeChange {
  itemId: number;
  at: number;
  /** 1-based sprint day it happened on. */
  day: number;
  kind: 'added' | 'removed' | 'estimate';
  /** Change of scope in the series unit (negative for removals). */
  delta: number;
  reason: string | null;
  /** For estimates: old and new points. */
  from?: number | null;
  to?: number | null;
}

export interface ItemOutcome {
  itemId: number;
  /** Points as of now (null when unestimated). */
  points: number | null;
  workState: WorkStateValue;
  /** In the sprint's scope now (removed items are false). */
  inScope: boolean;
  /** Was in the committed scope at the start. */
  committed: boolean;
  reopenedCount: number;
}

export interface Reopen {
  itemId: number;
  at: number;
  day: number;
  value: number;
}

export interface Burndown {
  unit: BurndownUnit;
  /** N + 1 points for an N-day sprint. */
  points: BurndownPoint[];
  /** Scope at the start (planned items). */
  committed: number;
  /** Index of the point for now: 0 before the start, the current day while it runs (N on its last day), N after. */
  todayIndex: number;
  /** Now is past the end of the sprint's last day. */
  ended: boolean;
  /** Working day number of today (1-based) and working days in the sprint. */
  workingDay: number;
  workingDays: number;
  current: { remaining: number; completed: number; scope: number; ideal: number };
  /** remaining - ideal now: positive = behind, negative = ahead. */
  behindIdeal: number;
  addedTotal: number;
  removedTotal: number;
  /** Net change from re-estimates of items already in the sprint. */
  reestimatedTotal: number;
  scopeChanges: ScopeChange[];
  reopened: Reopen[];
  items: ItemOutcome[];
  /** Items in scope with no estimate (counted as 0 in a points burndown). */
  unestimated: number;
}

interface ItemState {
  points: number | null;
  inScope: boolean;
  workState: WorkStateValue;
  committed: boolean;
  everInScope: boolean;
  reopenedCount: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Points an estimate event sets: the points column, else the to_value. */
function toPoints(event: BurndownEvent): number | null {
  if (event.points !== null && Number.isFinite(event.points)) return event.points;
  const parsed = event.toValue === null ? NaN : Number(event.toValue);
  return Number.isFinite(parsed) ? parsed : null;
}

function isWorkState(value: string | null): value is WorkStateValue {
  return value === 'todo' || value === 'in_progress' || value === 'done';
}

/** Computes the burndown/burnup series of a sprint from its event log. */
export function computeBurndown(input: BurndownInput): Burndown {
  const { sprint, timezone, now } = input;
  const isWorkingDay = input.isWorkingDay ?? ((date: string) => isoWeekday(date) <= 5);
  const dates = datesFrom(sprint.startDate, sprint.endDate);
  const n = dates.length;
  // boundaries[d] = start of day d+1 (0-based dates), boundaries[n] = end of the sprint.
  const boundaries = dates.map((date) => startOfLocalDay(date, timezone));
  boundaries.push(startOfLocalDay(addDays(sprint.endDate, 1), timezone));

  const ordered = orderEvents(input.events, sprint.id);
  const sawPoints = ordered.some((e) => (e.sprintId === sprint.id || e.kind === EVENT.estimate) && (e.points ?? 0) > 0);
  const unit: BurndownUnit = sawPoints ? 'points' : 'items';

  const state = new Map<number, ItemState>();
  const itemOf = (id: number): ItemState => {
    let item = state.get(id);
    if (!item) {
      item = { points: null, inScope: false, workState: 'todo', committed: false, everInScope: false, reopenedCount: 0 };
      state.set(id, item);
    }
    return item;
  };
  const value = (item: ItemState) => (unit === 'points' ? (item.points ?? 0) : 1);

  let scope = 0;
  let completed = 0;
  let committed = 0;
  let added = 0;
  let removed = 0;
  let reestimated = 0;
  const scopeChanges: ScopeChange[] = [];
  const reopened: Reopen[] = [];
  const daily = Array.from({ length: n + 1 }, () => ({ added: 0, removed: 0, reopened: 0, scope: 0, completed: 0 }));

  const todayIndex = n === 0 ? 0 : now < boundaries[0]! ? 0 : now >= boundaries[n]! ? n : dayOf(now, boundaries);
  let day = 0;
  let cursor = 0;
  const snapshot = (d: number) => {
    daily[d]!.scope = scope;
    daily[d]!.completed = completed;
  };

  for (const event of ordered) {
    const planned = event.kind === EVENT.sprintAdded && event.sprintId === sprint.id && event.reason === PLANNED_SCOPE_REASON;
    const eventDay = planned || n === 0 || event.at < boundaries[0]! ? 0 : event.at >= boundaries[n]! ? n + 1 : dayOf(event.at, boundaries);
    if (eventDay > n || event.at > now) continue;
    const target = Math.max(eventDay, day);
    while (cursor < target) {
      snapshot(cursor);
      cursor += 1;
    }
    day = target;
    const item = itemOf(event.itemId);
    switch (event.kind) {
      case EVENT.sprintAdded: {
        if (event.sprintId !== sprint.id || item.inScope) break;
        if (event.points !== null) item.points = event.points;
        item.inScope = true;
        item.everInScope = true;
        const v = value(item);
        scope += v;
        if (item.workState === 'done') completed += v;
        if (day === 0 && (planned || event.at < boundaries[0]!)) {
          item.committed = true;
          committed += v;
        } else {
          added += v;
          daily[day]!.added += v;
          scopeChanges.push({ itemId: event.itemId, at: event.at, day, kind: 'added', delta: v, reason: event.reason });
        }
        break;
      }
      case EVENT.sprintRemoved: {
        if (event.sprintId !== sprint.id || !item.inScope) break;
        // Unfinished work handed back at close is not a scope change: it stays "not done".
        if (event.reason === RETURNED_AT_CLOSE_REASON) break;
        const v = value(item);
        item.inScope = false;
        scope -= v;
        if (item.workState === 'done') completed -= v;
        if (day === 0) {
          committed -= v;
        } else {
          removed += v;
          daily[day]!.removed += v;
          scopeChanges.push({ itemId: event.itemId, at: event.at, day, kind: 'removed', delta: -v, reason: event.reason });
        }
        break;
      }
      case EVENT.workState: {
        if (event.sprintId !== null && event.sprintId !== sprint.id) break;
        const to = isWorkState(event.toValue) ? event.toValue : null;
        if (!to || to === item.workState) break;
        const v = item.inScope ? value(item) : 0;
        if (to === 'done') {
          completed += v;
        } else if (item.workState === 'done') {
          completed -= v;
          item.reopenedCount += 1;
          if (item.inScope) {
            reopened.push({ itemId: event.itemId, at: event.at, day, value: v });
            daily[day]!.reopened += 1;
          }
        }
        item.workState = to;
        break;
      }
      case EVENT.estimate: {
        const pts = toPoints(event);
        const before = item.points;
        item.points = pts;
        if (!item.inScope || unit !== 'points') break;
        const delta = (pts ?? 0) - (before ?? 0);
        if (delta === 0) break;
        scope += delta;
        if (item.workState === 'done') completed += delta;
        if (day === 0) {
          if (item.committed) committed += delta;
        } else {
          reestimated += delta;
          scopeChanges.push({ itemId: event.itemId, at: event.at, day, kind: 'estimate', delta, reason: event.reason, from: before, to: pts });
        }
        break;
      }
      default:
        break;
    }
  }
  while (cursor <= n) {
    snapshot(cursor);
    cursor += 1;
  }

  const working = dates.map(isWorkingDay);
  const totalWorking = working.filter(Boolean).length;
  const workedThrough: number[] = [0];
  for (let d = 1; d <= n; d += 1) workedThrough.push(workedThrough[d - 1]! + (working[d - 1] ? 1 : 0));
  const idealAt = (d: number) => (totalWorking === 0 ? (d >= n ? 0 : committed) : committed * (1 - workedThrough[d]! / totalWorking));

  const points: BurndownPoint[] = [];
  for (let d = 0; d <= n; d += 1) {
    const known = d <= todayIndex;
    points.push({
      date: d === 0 ? (dates[0] ?? sprint.startDate) : dates[d - 1]!,
      working: d === 0 ? true : working[d - 1]!,
      ideal: round(idealAt(d)),
      remaining: known ? round(daily[d]!.scope - daily[d]!.completed) : null,
      completed: known ? round(daily[d]!.completed) : null,
      scope: known ? round(daily[d]!.scope) : null,
      addedToday: round(daily[d]!.added),
      removedToday: round(daily[d]!.removed),
      reopenedToday: daily[d]!.reopened,
    });
  }

  const currentPoint = points[todayIndex]!;
  const current = {
    remaining: currentPoint.remaining ?? 0,
    completed: currentPoint.completed ?? 0,
    scope: currentPoint.scope ?? 0,
    ideal: currentPoint.ideal,
  };
  const items: ItemOutcome[] = [...state.entries()]
    .filter(([, item]) => item.everInScope)
    .map(([itemId, item]) => ({
      itemId,
      points: item.points,
      workState: item.workState,
      inScope: item.inScope,
      committed: item.committed,
      reopenedCount: item.reopenedCount,
    }));
  return {
    unit,
    points,
    committed: round(committed),
    todayIndex,
    ended: n > 0 && now >= boundaries[n]!,
    workingDay: workedThrough[todayIndex] ?? 0,
    workingDays: totalWorking,
    current,
    behindIdeal: round(current.remaining - current.ideal),
    addedTotal: round(added),
    removedTotal: round(removed),
    reestimatedTotal: round(reestimated),
    scopeChanges,
    reopened,
    items,
    unestimated: [...state.values()].filter((item) => item.inScope && item.points === null).length,
  };
}

/** 1-based day whose [start, end) holds at (assumes boundaries[0] <= at < boundaries[n]). */
function dayOf(at: number, boundaries: readonly number[]): number {
  let lo = 1;
  let hi = boundaries.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at < boundaries[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Planned adds first (they are the day-0 baseline), then by time and id; skips the sort when already ordered. */
function orderEvents(events: readonly BurndownEvent[], sprintId: number): BurndownEvent[] {
  const planned: BurndownEvent[] = [];
  const rest: BurndownEvent[] = [];
  for (const e of events) {
    (e.kind === EVENT.sprintAdded && e.sprintId === sprintId && e.reason === PLANNED_SCOPE_REASON ? planned : rest).push(e);
  }
  const byTime = (a: BurndownEvent, b: BurndownEvent) => a.at - b.at || (a.id ?? 0) - (b.id ?? 0);
  const sorted = (list: BurndownEvent[]) => list.every((e, i) => i === 0 || byTime(list[i - 1]!, e) <= 0);
  if (!sorted(planned)) planned.sort(byTime);
  if (!sorted(rest)) rest.sort(byTime);
  return planned.concat(rest);
}
