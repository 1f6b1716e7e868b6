import { describe, expect, it } from 'vitest';
import type { Item } from '../../../../src/db/repositories/items.js';
import type { Team } from '../../../../src/db/repositories/teams.js';
import type { Impediment } from '../../../../src/db/repositories/impediments.js';
import type { Sprint } from '../../../../src/db/repositories/sprints.js';
import type { WatchRequest } from '../../../../src/db/repositories/watch.js';
import type { HomeData } from '../../../../src/domain/home.js';
import type { SprintSummary } from '../../../../src/domain/sprints.js';
import { buildHomeView } from '../../../../src/slack/features/home/screens.js';
import { viewProblems } from '../../../helpers/blockKitLimits.js';

const long = 'z'.repeat(3000);
const team = { id: 1, name: long.slice(0, 80), itemPrefix: 'R', productOwnerId: 'U1' } as Team;
const item = (id: number): Item =>
  ({
    id,
    teamId: 1,
    number: id,
    title: long.slice(0, 150),
    status: 'rejected',
    rejectReason: long.slice(0, 1000),
    mergedIntoId: null,
    openQuestion: null,
    questionAnswer: null,
    permalink: null,
  }) as Item;
const sprint = { id: 7, name: 'Sprint 7', goal: 'Ship search', startDate: '2026-11-23', endDate: '2026-12-04' } as Sprint;
const summary = {
  team,
  sprint,
  items: [],
  tasks: [],
  byState: { todo: [], in_progress: [], done: [] },
  committedPoints: 20,
  donePoints: 5,
  remainingPoints: 15,
  scopeAdded: [],
  scopeRemoved: [],
  refusedAttempts: 0,
  today: '2026-11-25',
  phase: 'running',
  workingDaysLeft: 7,
  calendarDaysLeft: 9,
} as SprintSummary;
const impediment = (id: number) =>
  ({ id, teamId: 1, reporterId: 'U2', text: long, standupDate: '2026-11-24', openedAt: 0, resolvedAt: null, resolvedBy: null }) as Impediment;
const health = { top: 10, ready: 4, estimated: 6, readyAndEstimated: 3, total: 400 };
const watchRequest = (id: number) =>
  ({
    id,
    teamId: 1,
    channelId: 'C1',
    ts: `17000000${id}.0001`,
    threadTs: null,
    authorId: 'U9',
    score: 0.9,
    reasons: 'ask_for_work',
    outcome: 'nudged',
    permalink: `https://x.slack.com/archives/C1/p${id}`,
    spottedAt: 0,
    nudgedAt: 0,
    decidedAt: null,
    itemId: null,
  }) as WatchRequest;
const watch = {
  watching: true,
  health: { spotted: 9, nudged: 1, sent: 3, dismissed: 2, ignored: 3, intake: { official: 6, conversation: 2 } },
  ignored: [1, 2, 3, 4, 5].map(watchRequest),
};

describe('App Home builder', () => {
  it('stays within 100 blocks and section limits with many teams and suggestions', () => {
    const data: HomeData = {
      now: 10 ** 12,
      suggestions: Array.from({ length: 20 }, (_, i) => ({ item: item(i + 1), team, mergedInto: null })),
      poTeams: Array.from({ length: 30 }, () => ({ team, inboxCount: 12, oldestInboxAt: 0, answered: 2, health, watch })),
      teams: Array.from({ length: 80 }, (_, t) => ({
        team,
        sprint: { ...summary, sprint: { ...sprint, goal: long, name: long.slice(0, 200) } },
        away: { from: '2026-12-24', to: '2027-01-02' },
        impediments: Array.from({ length: 30 }, (_, i) => impediment(t * 100 + i)),
      })),
    };
    const view = buildHomeView(data);
    expect(viewProblems(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });
  it('says no sprint is running instead of making one up, and shows the standup section', () => {
    const view = buildHomeView({
      now: 0,
      suggestions: [],
      poTeams: [],
      teams: [{ team: { ...team, name: 'Platform' }, sprint: null, away: null, impediments: [] }],
    });
    const text = JSON.stringify(view);
    expect(text).toContain('no sprint running');
    expect(text).toContain('Set away dates');
    expect(text).toContain('You have not suggested anything yet');
  });
  it('renders the current sprint, absence and open impediments of each team', () => {
    const view = buildHomeView({
      now: 0,
      suggestions: [],
      poTeams: [],
      teams: [{ team, sprint: summary, away: { from: '2026-12-24', to: '2027-01-02' }, impediments: [impediment(1)] }],
    });
    const text = JSON.stringify(view);
    expect(text).toContain('*Sprint 7*');
    expect(text).toContain('*Goal:* Ship search');
    expect(text).toContain('5 done');
    expect(text).toContain('away from 2026-12-24 to 2027-01-02');
    expect(text).toContain('Open impediments');
  });
});
