/** Counts read right: "1 pt", "1 open impediment", "1 item", never "1 pts" or "item(s)". */
import { describe, expect, it } from 'vitest';
import type { Impediment } from '../../../src/db/repositories/impediments.js';
import type { Item } from '../../../src/db/repositories/items.js';
import type { Sprint } from '../../../src/db/repositories/sprints.js';
import type { Team } from '../../../src/db/repositories/teams.js';
import type { SprintSummary } from '../../../src/domain/sprints.js';
import { formatAge, plural, pts } from '../../../src/slack/ui/format.js';
import { formatAmount } from '../../../src/slack/features/reports/burndownMessages.js';
import { entryFacts } from '../../../src/slack/features/backlog/modals.js';
import { buildImpedimentList } from '../../../src/slack/features/standup/screens.js';
import { buildTriageDoneModal } from '../../../src/slack/features/triage/modals.js';
import {
  buildCloseModal,
  buildScopeLockedMessage,
  buildSprintCloseMessage,
  buildSprintStartMessage,
  buildSprintStatusMessage,
} from '../../../src/slack/features/sprint/screens.js';
import { buildCurrentSprintSection } from '../../../src/slack/features/home/sections.js';

const team = {
  id: 1,
  name: 'Platform',
  itemPrefix: 'R',
  productOwnerId: 'UPO',
  scrumMasterId: 'USM',
  teamChannelId: 'CTEAM',
  readyChecklist: '[]',
  holidays: '[]',
  timezone: 'UTC',
} as Team;
const sprint = {
  id: 7,
  teamId: 1,
  number: 3,
  name: 'Sprint 3',
  goal: 'Ship it',
  startDate: '2026-11-23',
  endDate: '2026-12-04',
  status: 'active',
  capacityPoints: 1,
  committedPoints: 1,
  completedPoints: 1,
  startedBy: 'UALICE',
} as Sprint;
const one = {
  id: 1,
  teamId: 1,
  number: 1,
  title: 'One',
  details: '',
  type: 'story',
  status: 'in_sprint',
  storyPoints: 1,
  workState: 'todo',
  assigneeId: null,
  rank: 1,
  moscow: null,
} as unknown as Item;
const change = { itemId: 1, itemNumber: 1, points: 1, reason: 'Emergency', actorId: 'UPO' };
const summary: SprintSummary = {
  team,
  sprint,
  items: [one],
  tasks: [],
  byState: { todo: [one], in_progress: [], done: [] },
  committedPoints: 1,
  donePoints: 1,
  remainingPoints: 0,
  scopeAdded: [change],
  scopeRemoved: [],
  refusedAttempts: 1,
  today: '2026-12-04',
  phase: 'running',
  workingDaysLeft: 1,
  calendarDaysLeft: 1,
};
const words = (message: unknown) => JSON.stringify(message);
const WRONG = /\b1 (pts|points|items|impediments|open impediments|attempts|requests|mid-sprint requests|working days|scope changes|unfinished items)\b|\(s\)/;

describe('plural', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect(plural(1, 'point')).toBe('1 point');
    expect(plural(0, 'point')).toBe('0 points');
    expect(plural(2.5, 'point')).toBe('2.5 points');
    expect(plural(-1, 'point')).toBe('-1 point');
    expect(plural(1, 'person', 'people')).toBe('1 person');
    expect(plural(3, 'person', 'people')).toBe('3 people');
    expect(pts(1)).toBe('1 pt');
    expect(pts(8)).toBe('8 pts');
    expect(formatAmount(1, 'points')).toBe('1 point');
    expect(formatAmount(1, 'items')).toBe('1 item');
    expect(formatAge(60_000)).toBe('1 minute');
  });

  it('reads right in the sprint messages for one of everything', () => {
    for (const message of [
      buildSprintStatusMessage(summary),
      buildSprintStartMessage(summary),
      buildSprintCloseMessage({ ...summary, items: [{ ...one, status: 'done' }] }, [one], false),
      buildCloseModal({ summary, privateMetadata: '' }),
      buildScopeLockedMessage({ team, item: one, sprint, attempts: 1, mayOverride: false }),
      buildCurrentSprintSection({ summary }),
    ]) {
      expect(words(message)).not.toMatch(WRONG);
    }
    expect(words(buildSprintStatusMessage(summary))).toContain('1 working day left');
    expect(words(buildSprintStatusMessage(summary))).toContain('1 attempt to add work mid-sprint refused');
    expect(words(buildSprintStartMessage(summary))).toContain('1 item, 1 pt');
    expect(words(buildSprintCloseMessage(summary, [], false))).toContain('1 mid-sprint request was kept out');
    expect(words(buildScopeLockedMessage({ team, item: one, sprint, attempts: 1, mayOverride: false }))).toContain('1 mid-sprint request refused');
    expect(words(buildCloseModal({ summary, privateMetadata: '' }))).toContain('1 unfinished item*');
  });

  it('reads right in the backlog, triage and standup views', () => {
    expect(entryFacts({ item: one, readiness: { ready: true, missingRules: [] }, wsjf: null })).toContain('1 pt');
    expect(words(buildTriageDoneModal(team, 0, 1))).toContain('1 skipped item stays in the inbox');
    const impediment = {
      id: 1,
      teamId: 1,
      reporterId: 'U1',
      text: 'Blocked',
      standupDate: '2026-11-30',
      openedAt: 0,
      resolvedAt: null,
      resolvedBy: null,
    } as Impediment;
    expect(buildImpedimentList('Platform', [impediment]).text).toBe('1 open impediment in Platform');
  });
});
