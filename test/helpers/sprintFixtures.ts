/** A fixed sprint's event log (no database), shared by chart and digest tests. */
import type { BurndownEvent } from '../../src/domain/burndown.js';

export const FIXED_SPRINT = { id: 14, startDate: '2026-11-16', endDate: '2026-11-27' };

/** 40 points planned over 8 items; +5 added on day 3, 3 removed on day 4, one reopen, one re-estimate. */
export function fixedSprintEvents(sprintId = FIXED_SPRINT.id): BurndownEvent[] {
  let id = 0;
  const e = (kind: string, itemId: number, iso: string, fields: Partial<BurndownEvent> = {}): BurndownEvent => ({
    id: ++id,
    itemId,
    sprintId,
    kind,
    fromValue: null,
    toValue: null,
    reason: null,
    points: null,
    at: Date.parse(iso),
    ...fields,
  });
  const plannedPoints = [8, 5, 5, 5, 5, 5, 4, 3];
  const events: BurndownEvent[] = plannedPoints.map((points, i) =>
    e('sprint_added', i + 1, '2026-11-16T09:00:00Z', { toValue: String(sprintId), reason: 'planned', points }),
  );
  const done = (itemId: number, iso: string) => e('work_state', itemId, iso, { fromValue: 'in_progress', toValue: 'done', reason: 'standup' });
  events.push(
    e('work_state', 1, '2026-11-16T10:00:00Z', { fromValue: 'todo', toValue: 'in_progress', reason: 'standup', points: 8 }),
    done(8, '2026-11-17T15:00:00Z'),
    done(7, '2026-11-18T11:00:00Z'),
    e('sprint_added', 9, '2026-11-18T14:00:00Z', { toValue: String(sprintId), reason: 'Checkout outage hotfix', points: 5 }),
    e('sprint_removed', 8, '2026-11-19T09:00:00Z', { fromValue: String(sprintId), reason: 'Not needed after the redesign', points: 3 }),
    done(2, '2026-11-19T16:00:00Z'),
    done(3, '2026-11-20T16:00:00Z'),
    e('work_state', 3, '2026-11-23T10:00:00Z', { fromValue: 'done', toValue: 'in_progress', reason: 'standup', points: 5 }),
    e('estimate', 4, '2026-11-23T11:00:00Z', { fromValue: '5', toValue: '8', reason: 'edit', points: 8 }),
    done(9, '2026-11-23T15:00:00Z'),
    e('work_state', 5, '2026-11-23T15:30:00Z', { fromValue: 'todo', toValue: 'in_progress', reason: 'standup', points: 5 }),
  );
  return events;
}
