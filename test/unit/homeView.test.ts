import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/db/repositories/items.js';
import type { Team } from '../../src/db/repositories/teams.js';
import type { HomeData } from '../../src/domain/home.js';
import { buildCurrentSprintSection, buildHomeView } from '../../src/slack/views/home.js';
import { viewProblems } from '../helpers/blockKitLimits.js';

const long = 'z'.repeat(3000);
const team = { id: 1, name: long.slice(0, 80), itemPrefix: 'R', productOwnerId: 'U1' } as Team;
const item = (id: number): Item => ({ id, teamId: 1, number: id, title: long.slice(0, 150), status: 'rejected', rejectReason: long.slice(0, 1000), mergedIntoId: null, openQuestion: null, questionAnswer: null, permalink: null }) as Item;
const health = { top: 10, ready: 4, estimated: 6, readyAndEstimated: 3, total: 400 };

describe('App Home builder', () => {
  it('stays within 100 blocks and section limits with many teams and suggestions', () => {
    const data: HomeData = {
      now: 10 ** 12,
      suggestions: Array.from({ length: 20 }, (_, i) => ({ item: item(i + 1), team, mergedInto: null })),
      poTeams: Array.from({ length: 30 }, () => ({ team, inboxCount: 12, oldestInboxAt: 0, answered: 2, health })),
      teams: Array.from({ length: 80 }, () => ({ team, sprint: { name: long.slice(0, 200), goal: long, startDate: '2026-11-23', endDate: '2026-12-04', committedPoints: 30, donePoints: 12.5 } })),
    };
    const view = buildHomeView(data);
    expect(viewProblems(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });
  it('renders no sprint section when no sprint runs', () => {
    expect(buildCurrentSprintSection('Team', null)).toEqual([]);
    const view = buildHomeView({ now: 0, suggestions: [], poTeams: [], teams: [{ team, sprint: null }] });
    expect(JSON.stringify(view)).not.toContain('Current sprint');
    expect(JSON.stringify(view)).toContain('You have not suggested anything yet');
  });
  it('renders the sprint line the planning feature provides', () => {
    const [block] = buildCurrentSprintSection('Platform', { name: 'Sprint 7', goal: 'Ship search', startDate: '2026-11-23', endDate: '2026-12-04', committedPoints: 20, donePoints: 5 });
    expect(JSON.stringify(block)).toContain('Sprint 7 (2026-11-23 → 2026-12-04) · 5 of 20 pts done');
  });
});
