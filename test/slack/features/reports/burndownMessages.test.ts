import { describe, expect, it } from 'vitest';
import type { Sprint } from '../../../../src/db/repositories/sprints.js';
import { computeBurndown } from '../../../../src/domain/burndown.js';
import { localDate, zonedTimeToUtc } from '../../../../src/domain/localTime.js';
import { burndownSummary, sparkline } from '../../../../src/slack/features/reports/burndownMessages.js';
import { FIXED_SPRINT, fixedSprintEvents } from '../../../helpers/sprintFixtures.js';

const sprint = { ...FIXED_SPRINT, number: 14 } as Sprint;
const summaryAt = (iso: string, events = fixedSprintEvents()) =>
  burndownSummary({ sprint, burndown: computeBurndown({ sprint: FIXED_SPRINT, timezone: 'UTC', events, now: Date.parse(iso) }) });

describe('burndown summary', () => {
  it('says the day, what is left, the gap to the ideal line and the scope changes', () => {
    expect(summaryAt('2026-11-23T17:00:00Z')).toBe(
      'Sprint 14, day 6 of 10: 31 of 45 points left, 15 behind the ideal line; +5 points added mid-sprint, 3 points removed, re-estimates +3 points; 1 reopened',
    );
    expect(summaryAt('2026-11-17T17:00:00Z')).toBe('Sprint 14, day 2 of 10: 37 of 40 points left, 5 behind the ideal line');
  });

  it('says ahead of / on the ideal line, and counts items when nothing is estimated', () => {
    const planned = (itemId: number, points: number | null) => ({
      itemId,
      sprintId: 14,
      kind: 'sprint_added',
      fromValue: null,
      toValue: '14',
      reason: 'planned',
      points,
      at: Date.parse('2026-11-16T09:00:00Z'),
    });
    const done = (itemId: number) => ({
      itemId,
      sprintId: 14,
      kind: 'work_state',
      fromValue: 'todo',
      toValue: 'done',
      reason: 'standup',
      points: null,
      at: Date.parse('2026-11-16T12:00:00Z'),
    });
    expect(summaryAt('2026-11-16T17:00:00Z', [planned(1, 5), planned(2, 5), done(1)])).toBe(
      'Sprint 14, day 1 of 10: 5 of 10 points left, 4 ahead of the ideal line',
    );
    expect(summaryAt('2026-11-16T17:00:00Z', [planned(1, 1), planned(2, 9), done(1)])).toBe('Sprint 14, day 1 of 10: 9 of 10 points left, on the ideal line');
    expect(summaryAt('2026-11-16T17:00:00Z', [planned(1, null), planned(2, null), done(1)])).toBe(
      'Sprint 14, day 1 of 10: 1 of 2 items left, 0.8 ahead of the ideal line; no story points in this sprint, so counting items',
    );
  });

  it('draws a sparkline scaled to the maximum', () => {
    expect(sparkline([40, 30, 20, 10, 0])).toBe('█▆▅▃▁');
    expect(sparkline([0, 0])).toBe('▁▁');
    expect(sparkline([])).toBe('');
  });
});

describe('zoned time', () => {
  it('finds local midnight and dates across daylight-saving changes', () => {
    expect(new Date(zonedTimeToUtc('2026-03-29', '00:00', 'Europe/Berlin')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(zonedTimeToUtc('2026-03-30', '00:00', 'Europe/Berlin')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(new Date(zonedTimeToUtc('2026-11-01', '17:00', 'America/New_York')).toISOString()).toBe('2026-11-01T22:00:00.000Z');
    // 02:30 does not exist in Berlin on 29 March: it moves forward.
    expect(new Date(zonedTimeToUtc('2026-03-29', '02:30', 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(localDate(Date.parse('2026-11-16T23:30:00Z'), 'Europe/Berlin')).toBe('2026-11-17');
  });
});
