import { describe, expect, it } from 'vitest';
import type { Item } from '../../../../src/db/repositories/items.js';
import type { Sprint } from '../../../../src/db/repositories/sprints.js';
import type { Task } from '../../../../src/db/repositories/tasks.js';
import type { Team } from '../../../../src/db/repositories/teams.js';
import type { PokerState } from '../../../../src/domain/poker.js';
import { pokerStats } from '../../../../src/domain/pokerStats.js';
import type { PlanningContext } from '../../../../src/domain/sprints.js';
import type { SprintSummary } from '../../../../src/domain/sprints.js';
import { buildPlanConfirmModal, buildPlanModal, totalLine } from '../../../../src/slack/features/planning/modals.js';
import { PLAN } from '../../../../src/slack/ids.js';
import { buildPokerMessage } from '../../../../src/slack/features/poker/messages.js';
import { buildRetroModal, buildRetroSummaryMessage } from '../../../../src/slack/features/sprint/retroScreens.js';
import {
  buildCloseModal,
  buildScopeLockedMessage,
  buildSprintBoardModal,
  buildSprintCloseMessage,
  buildSprintStartMessage,
  buildSprintStatusMessage,
} from '../../../../src/slack/features/sprint/screens.js';
import { blockProblems, viewProblems } from '../../../helpers/blockKitLimits.js';
import { buildCurrentSprintSection } from '../../../../src/slack/features/home/sections.js';

const team = {
  id: 1,
  name: 'Platform <team>',
  itemPrefix: 'R',
  productOwnerId: 'UPO',
  scrumMasterId: 'USM',
  teamChannelId: 'CTEAM',
  readyChecklist: '[]',
  holidays: '[]',
  timezone: 'UTC',
} as Team;
const long = (n: number) => 'Word <b> & '.repeat(n);

function item(n: number, overrides: Partial<Item> = {}): Item {
  return {
    id: n,
    teamId: 1,
    number: n,
    title: `${long(14)} ${n}`.slice(0, 150),
    details: long(300),
    type: 'story',
    status: 'in_sprint',
    storyPoints: n % 4 === 0 ? null : 3,
    workState: (['todo', 'in_progress', 'done'] as const)[n % 3],
    assigneeId: 'UALICE',
    rank: n,
    needsReprioritisation: false,
    permalink: null,
    ...overrides,
  } as Item;
}

const sprint = {
  id: 7,
  teamId: 1,
  number: 3,
  name: 'Sprint with a rather long name',
  goal: long(15),
  startDate: '2026-11-23',
  endDate: '2026-12-04',
  status: 'active',
  capacityPoints: 20,
  committedPoints: 30,
  completedPoints: null,
  startedBy: 'UALICE',
} as Sprint;

function summary(count: number, tasksPerItem = 0): SprintSummary {
  const items = Array.from({ length: count }, (_, i) => item(i + 1));
  const tasks: Task[] = items.flatMap((it) =>
    Array.from(
      { length: tasksPerItem },
      (_, k) => ({ id: it.id * 100 + k, itemId: it.id, title: long(13), assigneeId: null, state: 'todo', createdAt: 0, updatedAt: 0 }) as Task,
    ),
  );
  const byState = {
    todo: items.filter((i) => i.workState === 'todo'),
    in_progress: items.filter((i) => i.workState === 'in_progress'),
    done: items.filter((i) => i.workState === 'done'),
  };
  const changes = Array.from({ length: 30 }, (_, i) => ({ itemId: i + 1, itemNumber: i + 1, points: 3, reason: long(40), actorId: 'UPO' }));
  return {
    team,
    sprint,
    items,
    tasks,
    byState,
    committedPoints: 30,
    donePoints: 9,
    remainingPoints: 21,
    scopeAdded: changes,
    scopeRemoved: changes,
    refusedAttempts: 4,
    today: '2026-11-25',
    phase: 'running',
    workingDaysLeft: 8,
    calendarDaysLeft: 10,
  };
}

describe('sprint builders stay within Slack limits', () => {
  it('plan modal and confirmation', () => {
    const ctx: PlanningContext = {
      team,
      number: 4,
      startDate: '2026-11-23',
      endDate: '2026-12-04',
      workingDays: 10,
      history: [{ number: 3, name: long(5), committedPoints: 20, completedPoints: 18 }],
      velocity: 18,
      candidates: Array.from({ length: 40 }, (_, i) => ({
        item: item(i + 1, { status: 'backlog' }),
        readiness: { ready: i % 2 === 0, missingRules: i % 2 ? ['details', 'estimated'] : [] },
        selectable: i % 2 === 0,
      })),
      backlogSize: 400,
      mayOverride: false,
    };
    // A member: not-Ready items have no checkbox and there is no override reason.
    const view = buildPlanModal({ ctx, privateMetadata: 'x', selected: new Set([1, 2, 3]), values: { goal: long(30), name: long(10) } });
    expect(viewProblems(view)).toEqual([]);
    expect(JSON.stringify(view)).not.toContain('PO override');
    expect(view.blocks.some((b) => b.block_id === PLAN.blocks.override)).toBe(false);
    expect(view.blocks.filter((b) => b.type === 'input' && String(b.block_id).startsWith(PLAN.candidatePrefix))).toHaveLength(20);
    // User text is escaped wherever it is mrkdwn (plain_text labels, inputs and options show it literally).
    const mrkdwn = JSON.stringify(view.blocks).match(/"type":"mrkdwn","text":"(?:[^"\\]|\\.)*"/g) ?? [];
    expect(mrkdwn.length).toBeGreaterThan(20);
    expect(mrkdwn.join('')).not.toContain('<b>');
    expect(mrkdwn.join('')).toContain('&lt;b&gt;');
    // The PO: every candidate can be picked (not-Ready ones as an override, with a reason).
    const po = buildPlanModal({ ctx: { ...ctx, mayOverride: true }, privateMetadata: 'x', selected: new Set([1, 2, 3]), pokerPicks: 7 });
    expect(viewProblems(po)).toEqual([]);
    expect(po.blocks.filter((b) => b.type === 'input' && String(b.block_id).startsWith(PLAN.candidatePrefix))).toHaveLength(40);
    expect(JSON.stringify(po)).toContain('Select (PO override)');
    expect(po.blocks.some((b) => b.block_id === PLAN.blocks.override)).toBe(true);
    expect(po.blocks.some((b) => b.block_id === `${PLAN.blocks.poker}:7`)).toBe(true);
    expect(viewProblems(buildPlanConfirmModal({ privateMetadata: 'x', total: 40, baseline: 18, usesVelocity: true }))).toEqual([]);
    expect(totalLine(20, 25, 18, 4)).toContain('more than 110% of velocity');
    expect(totalLine(10, 25, null, 2)).not.toContain(':warning:');
  });

  it('poker message in every state', () => {
    const votes = Array.from({ length: 40 }, (_, i) => ({ sessionId: 1, round: 1, userId: `U${i}`, vote: i % 2 ? '5' : '8', at: i }));
    for (const status of ['voting', 'revealed', 'accepted'] as const) {
      const state: PokerState = {
        session: {
          id: 1,
          teamId: 1,
          itemId: 1,
          facilitatorId: 'UALICE',
          channelId: 'CTEAM',
          messageTs: '1.1',
          round: 1,
          status,
          finalEstimate: 5,
          createdAt: 0,
          updatedAt: 0,
        },
        item: item(1),
        team,
        votes,
        stats: status === 'voting' ? null : pokerStats(votes.map((v) => v.vote)),
      };
      const message = buildPokerMessage(state);
      expect(blockProblems(message.blocks, 'message')).toEqual([]);
      if (status === 'voting') expect(JSON.stringify(message.blocks)).not.toMatch(/\*[58]\*/);
    }
  });

  it('board, status, start, close, scope, retro and the App Home section', () => {
    const big = summary(60, 3);
    expect(viewProblems(buildSprintBoardModal({ summary: big, viewer: 'UALICE', privateMetadata: 'x' }))).toEqual([]);
    expect(buildSprintBoardModal({ summary: big, viewer: 'UALICE', privateMetadata: 'x' }).blocks).toHaveLength(100);
    expect(viewProblems(buildCloseModal({ summary: big, privateMetadata: 'x' }))).toEqual([]);
    for (const message of [
      buildSprintStatusMessage(big),
      buildSprintStartMessage(big),
      buildSprintCloseMessage(big, big.items.slice(0, 40), true),
      buildScopeLockedMessage({ team, item: item(1), sprint, attempts: 3, mayOverride: true }),
      buildScopeLockedMessage({ team, item: item(1), sprint, attempts: 3, mayOverride: false, mayDefer: false }),
      buildRetroSummaryMessage({
        sprint,
        answers: Array.from({ length: 30 }, (_, i) => ({ sprintId: 7, userId: `U${i}`, wentWell: long(130), toImprove: long(130), tryNext: '', at: i })),
        expected: 30,
      }),
    ]) {
      expect(blockProblems(message.blocks, 'message')).toEqual([]);
      expect(message.text.length).toBeLessThanOrEqual(3000);
    }
    expect(viewProblems(buildRetroModal({ sprint, privateMetadata: 'x' }))).toEqual([]);
    const home = buildCurrentSprintSection({ summary: big });
    expect(blockProblems(home, 'home')).toEqual([]);
    expect(JSON.stringify(home)).toContain('8 working days left');
    expect(JSON.stringify(buildCurrentSprintSection({ summary: null }))).toContain('/plan');
  });
});

describe('scope-locked reply', () => {
  it('offers "keep it in the backlog" only to people on the team', () => {
    const team = { id: 1, name: 'Platform', itemPrefix: 'R', productOwnerId: 'U_PO' } as never;
    const sprintRow = { id: 1, name: 'Sprint 2', endDate: '2026-12-04' } as never;
    const itemRow = { id: 5, number: 5, title: 'Export', permalink: null } as never;
    const member = JSON.stringify(buildScopeLockedMessage({ team, item: itemRow, sprint: sprintRow, attempts: 1, mayOverride: false }).blocks);
    const outsider = JSON.stringify(
      buildScopeLockedMessage({ team, item: itemRow, sprint: sprintRow, attempts: 1, mayOverride: false, mayDefer: false }).blocks,
    );
    expect(member).toContain('Keep it in the product backlog');
    expect(outsider).not.toContain('Keep it in the product backlog');
    expect(outsider).toContain('/suggest');
  });
});
