import { describe, expect, it } from 'vitest';
import { computeBurndown, type BurndownEvent } from '../../src/domain/burndown.js';
import { teamCalendar } from '../../src/domain/calendar.js';

const SPRINT = { id: 7, startDate: '2026-11-16', endDate: '2026-11-27' }; // Mon .. Fri next week
const at = (iso: string) => Date.parse(iso);

let nextId = 1;
function ev(kind: string, itemId: number, iso: string, fields: Partial<BurndownEvent> = {}): BurndownEvent {
  return { id: nextId++, itemId, sprintId: SPRINT.id, kind, fromValue: null, toValue: null, reason: null, points: null, at: at(iso), ...fields };
}
const planned = (itemId: number, points: number | null, iso = '2026-11-16T09:00:00Z') =>
  ev('sprint_added', itemId, iso, { fromValue: null, toValue: String(SPRINT.id), reason: 'planned', points });
const done = (itemId: number, iso: string, points: number | null = null) =>
  ev('work_state', itemId, iso, { fromValue: 'in_progress', toValue: 'done', reason: 'standup', points });
const reopen = (itemId: number, iso: string) => ev('work_state', itemId, iso, { fromValue: 'done', toValue: 'in_progress', reason: 'standup' });

function run(events: BurndownEvent[], now: string, extra: { timezone?: string; holidays?: string[] } = {}) {
  return computeBurndown({
    sprint: SPRINT,
    timezone: extra.timezone ?? 'UTC',
    events,
    now: at(now),
    isWorkingDay: teamCalendar({ holidays: JSON.stringify(extra.holidays ?? []) }).isWorkingDay,
  });
}

describe('computeBurndown', () => {
  it('burns down at the end of each day and keeps the ideal line flat over the weekend', () => {
    const events = [planned(1, 5), planned(2, 3), planned(3, 2), done(1, '2026-11-17T15:00:00Z'), done(2, '2026-11-23T10:00:00Z')];
    const b = run(events, '2026-11-24T17:00:00Z');
    expect(b.unit).toBe('points');
    expect(b.committed).toBe(10);
    expect(b.points).toHaveLength(13);
    expect(b.points.map((p) => p.remaining)).toEqual([10, 10, 5, 5, 5, 5, 5, 5, 2, 2, null, null, null]);
    // 10 working days: 1 point a day, nothing over Sat 21 / Sun 22.
    expect(b.points.map((p) => p.ideal)).toEqual([10, 9, 8, 7, 6, 5, 5, 5, 4, 3, 2, 1, 0]);
    expect(b.points[6]).toMatchObject({ date: '2026-11-21', working: false });
    expect(b.todayIndex).toBe(9);
    expect(b.workingDay).toBe(7);
    expect(b.workingDays).toBe(10);
    expect(b.current).toEqual({ remaining: 2, completed: 8, scope: 10, ideal: 3 });
    expect(b.behindIdeal).toBe(-1);
  });

  it('treats holidays like weekends for the ideal line', () => {
    const b = run([planned(1, 9)], '2026-11-17T12:00:00Z', { holidays: ['2026-11-20'] });
    expect(b.workingDays).toBe(9);
    expect(b.points[4]!.ideal).toBe(b.points[5]!.ideal);
  });

  it('shows added scope as its own series from the day it was added, never on day 0', () => {
    const events = [
      planned(1, 5),
      planned(2, 5),
      ev('sprint_added', 3, '2026-11-18T11:00:00Z', { toValue: '7', reason: 'prod incident', points: 3 }),
      ev('sprint_removed', 2, '2026-11-19T11:00:00Z', { fromValue: '7', reason: 'descoped by PO', points: 5 }),
    ];
    const b = run(events, '2026-11-20T12:00:00Z');
    expect(b.committed).toBe(10);
    expect(b.points[0]!.scope).toBe(10);
    expect(b.points.map((p) => p.scope).slice(0, 6)).toEqual([10, 10, 10, 13, 8, 8]);
    expect(b.points[3]!.addedToday).toBe(3);
    expect(b.points[4]!.removedToday).toBe(5);
    expect(b.addedTotal).toBe(3);
    expect(b.removedTotal).toBe(5);
    expect(b.scopeChanges).toMatchObject([
      { itemId: 3, day: 3, kind: 'added', delta: 3, reason: 'prod incident' },
      { itemId: 2, day: 4, kind: 'removed', delta: -5, reason: 'descoped by PO' },
    ]);
    // The ideal line follows the commitment, not the changed scope.
    expect(b.points[0]!.ideal).toBe(10);
    expect(b.items.find((i) => i.itemId === 2)).toMatchObject({ inScope: false, committed: true });
    expect(b.items.find((i) => i.itemId === 3)).toMatchObject({ inScope: true, committed: false });
  });

  it('unburns reopened items and records them', () => {
    const events = [planned(1, 5), planned(2, 3), done(1, '2026-11-16T15:00:00Z'), reopen(1, '2026-11-17T10:00:00Z'), done(1, '2026-11-18T10:00:00Z')];
    const b = run(events, '2026-11-18T20:00:00Z');
    expect(b.points.slice(0, 4).map((p) => p.remaining)).toEqual([8, 3, 8, 3]);
    expect(b.points.slice(0, 4).map((p) => p.completed)).toEqual([0, 5, 0, 5]);
    expect(b.reopened).toMatchObject([{ itemId: 1, day: 2, value: 5 }]);
    expect(b.points[2]!.reopenedToday).toBe(1);
    expect(b.items.find((i) => i.itemId === 1)).toMatchObject({ workState: 'done', reopenedCount: 1 });
  });

  it('counts a re-estimate mid-sprint as a scope change, and one before the start as commitment', () => {
    const events = [
      ev('estimate', 1, '2026-11-13T10:00:00Z', { sprintId: null, fromValue: '2', toValue: '3', reason: 'poker', points: 3 }),
      planned(1, 3),
      planned(2, 2),
      ev('estimate', 2, '2026-11-17T10:00:00Z', { fromValue: '2', toValue: '8', reason: 'poker', points: 8 }),
      done(1, '2026-11-18T10:00:00Z'),
      ev('estimate', 1, '2026-11-19T10:00:00Z', { fromValue: '3', toValue: '5', reason: 'edit', points: 5 }),
    ];
    const b = run(events, '2026-11-19T20:00:00Z');
    expect(b.committed).toBe(5);
    expect(b.points.slice(0, 5).map((p) => p.scope)).toEqual([5, 5, 11, 11, 13]);
    expect(b.points.slice(0, 5).map((p) => p.completed)).toEqual([0, 0, 0, 3, 5]);
    expect(b.reestimatedTotal).toBe(8);
    expect(b.scopeChanges.map((c) => [c.kind, c.delta, c.from, c.to])).toEqual([
      ['estimate', 6, 2, 8],
      ['estimate', 2, 3, 5],
    ]);
  });

  it('counts items when the sprint has no points at all, and says so', () => {
    const events = [planned(1, null), planned(2, null), planned(3, null), done(2, '2026-11-17T10:00:00Z')];
    const b = run(events, '2026-11-17T18:00:00Z');
    expect(b.unit).toBe('items');
    expect(b.committed).toBe(3);
    expect(b.current).toMatchObject({ remaining: 2, completed: 1, scope: 3 });
  });

  it('counts unestimated items as 0 in a points sprint and reports how many', () => {
    const b = run([planned(1, 5), planned(2, null)], '2026-11-17T18:00:00Z');
    expect(b.unit).toBe('points');
    expect(b.committed).toBe(5);
    expect(b.unestimated).toBe(1);
  });

  it('ignores unfinished items returned to the backlog at close and events after the end', () => {
    const events = [
      planned(1, 5),
      planned(2, 3),
      done(1, '2026-11-20T10:00:00Z'),
      ev('sprint_removed', 2, '2026-11-27T17:00:00Z', { fromValue: '7', reason: 'returned', points: 3 }),
      done(2, '2026-11-30T10:00:00Z'),
    ];
    const b = run(events, '2026-12-01T10:00:00Z');
    expect(b.todayIndex).toBe(12);
    expect(b.current).toMatchObject({ remaining: 3, completed: 5, scope: 8 });
    expect(b.removedTotal).toBe(0);
    expect(b.items.find((i) => i.itemId === 2)).toMatchObject({ workState: 'todo', inScope: true });
  });

  it('ignores events of another sprint', () => {
    const b = run([planned(1, 5), ev('work_state', 1, '2026-11-17T10:00:00Z', { sprintId: 99, fromValue: 'todo', toValue: 'done' })], '2026-11-18T10:00:00Z');
    expect(b.current.completed).toBe(0);
  });

  it('cuts days at midnight in the team timezone', () => {
    // 23:30 UTC on Mon 16 is already Tue 17 in Berlin.
    const events = [planned(1, 5, '2026-11-16T08:00:00Z'), done(1, '2026-11-16T23:30:00Z')];
    const utc = run(events, '2026-11-18T10:00:00Z');
    const berlin = run(events, '2026-11-18T10:00:00Z', { timezone: 'Europe/Berlin' });
    expect(utc.points[1]!.remaining).toBe(0);
    expect(berlin.points[1]!.remaining).toBe(5);
    expect(berlin.points[2]!.remaining).toBe(0);
  });

  it('before the sprint starts, shows only the commitment', () => {
    const b = run([planned(1, 5, '2026-11-13T10:00:00Z')], '2026-11-14T10:00:00Z');
    expect(b.todayIndex).toBe(0);
    expect(b.workingDay).toBe(0);
    expect(b.points.map((p) => p.remaining).filter((r) => r !== null)).toEqual([5]);
  });
});
