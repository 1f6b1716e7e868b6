import { beforeEach, describe, expect, it } from 'vitest';
import type { Item } from '../../src/db/repositories/items.js';
import type { Team } from '../../src/db/repositories/teams.js';
import type { PlanInput } from '../../src/domain/sprints.js';
import { actor, caught, useDomainHarness } from '../helpers/domainHarness.js';

const h = useDomainHarness();
let team: Team;
beforeEach(async () => {
  team = await h.team();
});

const NOW = Date.parse('2026-11-23T09:00:00Z');
const plan = (items: Item[], fields: Partial<PlanInput> = {}): PlanInput => ({
  teamId: team.id,
  name: 'Sprint 1',
  goal: 'Password resets work without support',
  startDate: '2026-11-23',
  endDate: '2026-12-04',
  capacityPoints: null,
  itemIds: items.map((item) => item.id),
  overrideReason: null,
  confirmOverVelocity: false,
  ...fields,
});
const ready = (points: number, title = `Story of ${points}`) => h.item(team, { title, storyPoints: points });
/** Ready items, one after the other (each goes to the bottom of the backlog). */
const readyEach = async (points: number[], title?: (i: number) => string) => {
  const items: Item[] = [];
  for (const [i, each] of points.entries()) items.push(await ready(each, title?.(i)));
  return items;
};
const closedSprint = (number: number, completedPoints: number) =>
  h.sprint(team, { number, status: 'closed', committedPoints: completedPoints, completedPoints, closedBy: 'U_SM', closedAt: 1 });
const reload = async (item: Item) => (await h.repos.items.findById(item.id))!;
const attempts = (sprintId: number) => h.repos.sprints.listScopeAttempts(sprintId);

/** Three items in a started sprint (3, 5, 2 pts) and two left in the backlog (1, 8 pts). */
async function startSprint() {
  const planned = await readyEach([3, 5, 2], (i) => `Planned ${i + 1}`);
  const waiting = await readyEach([1, 8], (i) => `Waiting ${i + 1}`);
  const sprint = await h.services.sprints.start(plan(planned, { capacityPoints: 10 }), actor('U_ALICE'));
  return { planned, waiting, sprint };
}

describe('planning', () => {
  it('offers defaults, velocity and the top of the backlog with readiness; the override only to the PO', async () => {
    for (const [i, completed] of [10, 12, 14].entries()) await closedSprint(i + 1, completed);
    const first = await ready(3);
    const unestimated = await h.item(team, { title: 'Audit log' });
    const context = await h.services.sprints.planningContext(team.id, actor('U_ALICE'));
    // 14 days from Monday 23 ends on Sunday 6 Dec: the last working day is Friday 4 Dec.
    expect(context).toMatchObject({
      number: 4,
      startDate: '2026-11-23',
      endDate: '2026-12-04',
      workingDays: 10,
      velocity: 12,
      backlogSize: 2,
    });
    expect(context.mayOverride).toBe(false);
    expect(context.candidates.map((c) => [c.item.id, c.selectable, c.readiness.missingRules])).toEqual([
      [first.id, true, []],
      [unestimated.id, false, ['estimated']],
    ]);
    expect((await h.services.sprints.planningContext(team.id, actor('U_PO'))).mayOverride).toBe(true);
    // Dates picked in the form: the working days follow them (a holiday counts as none).
    await h.repos.teams.update(team.id, { holidays: '["2026-11-26"]' });
    expect((await h.services.sprints.planningContext(team.id, actor('U_PO'), { startDate: '2026-11-23', endDate: '2026-11-29' })).workingDays).toBe(4);
  });

  it('refuses people outside the team, and planning while a sprint runs', async () => {
    expect(await caught(() => h.services.sprints.planningContext(team.id, actor('U_STRANGER')))).toMatchObject({
      code: 'sprint.not_member',
      details: { action: 'sprint.plan' },
    });
    expect(await caught(async () => h.services.sprints.start(plan([await ready(3)]), actor('U_STRANGER')))).toMatchObject({ code: 'sprint.not_member' });
    await startSprint();
    expect(await caught(() => h.services.sprints.planningContext(team.id, actor('U_ALICE')))).toMatchObject({ code: 'sprint.already_active' });
    expect(await caught(async () => h.services.sprints.start(plan([await ready(1)], { name: 'Sprint 2' }), actor('U_ALICE')))).toMatchObject({
      code: 'sprint.already_active',
    });
  });

  it.each([
    ['name', { name: '  ' }],
    ['name', { name: 'x'.repeat(61) }],
    ['goal', { goal: '  ' }],
    ['goal', { goal: 'Ship resets. Also fix audit.' }],
    ['goal', { goal: 'Ship resets\nand audit' }],
    ['dates', { startDate: 'soon' }],
    ['dates', { endDate: '2026-11-20' }],
    ['dates', { endDate: '2027-01-04' }],
    ['capacity', { capacityPoints: -1 }],
    ['items', { itemIds: [] }],
  ])('refuses a plan with a bad %s, starting nothing', async (field, change) => {
    const input = plan([await ready(3)], change);
    expect(Object.keys((await h.services.sprints.checkPlan(input, actor('U_ALICE'))).errors)).toEqual([field]);
    expect(await caught(() => h.services.sprints.start(input, actor('U_ALICE')))).toMatchObject({ code: 'sprint.invalid', details: { field } });
    expect(await h.services.sprints.activeSprint(team.id)).toBeUndefined();
  });

  it('refuses items no longer in the backlog, next to each item', async () => {
    const kept = await ready(3);
    const gone = await ready(5);
    await h.repos.items.update(gone.id, { status: 'icebox' });
    const check = await h.services.sprints.checkPlan(plan([kept, gone]), actor('U_ALICE'));
    expect(Object.keys(check.errors)).toEqual(['items']);
    expect(Object.keys(check.itemErrors)).toEqual([String(gone.id)]);
  });

  it('lets only the PO include items that are not Ready, with a reason', async () => {
    const ok = await ready(3);
    const notReady = await h.item(team, { title: 'Audit log' });
    const check = (by: string, overrideReason: string | null = null) => h.services.sprints.checkPlan(plan([ok, notReady], { overrideReason }), actor(by));
    expect(await check('U_ALICE', 'Legal deadline')).toMatchObject({
      errors: { override: { code: 'sprint.items_need_po', field: 'override', details: { refs: `R-${notReady.number}`, count: 1 } } },
      notSelectable: [{ item: { id: notReady.id } }],
    });
    expect(Object.keys((await check('U_ALICE', 'Legal deadline')).itemErrors)).toEqual([String(notReady.id)]);
    expect(Object.keys((await check('U_PO')).errors)).toEqual(['override']);
    expect(Object.keys((await check('U_PO', 'x'.repeat(501))).errors)).toEqual(['override']);
    expect((await check('U_PO', 'Legal deadline')).errors).toEqual({});
    expect(await caught(() => h.services.sprints.start(plan([ok, notReady]), actor('U_SM')))).toMatchObject({
      code: 'sprint.not_ready',
      details: { field: 'override' },
    });

    const sprint = await h.services.sprints.start(plan([ok, notReady], { overrideReason: 'Legal deadline' }), actor('U_PO'));
    expect(await reload(notReady)).toMatchObject({ status: 'in_sprint', sprintId: sprint.id });
    const status = (await h.repos.itemEvents.listForItem(notReady.id)).find((e) => e.kind === 'status')!;
    expect(status.reason).toContain('Legal deadline');
    expect((await h.repos.itemEvents.listForItem(ok.id)).find((e) => e.kind === 'status')!.reason).toBe('planned');
  });

  it('asks for confirmation above 110% of velocity, and starts on confirm', async () => {
    for (const [i, completed] of [10, 12, 14].entries()) await closedSprint(i + 1, completed);
    const items = await readyEach([8, 5, 3]);
    const input = plan(items, { name: 'Sprint 4' });
    expect(await h.services.sprints.checkPlan(input, actor('U_ALICE'))).toMatchObject({ total: 16, baseline: 12, overcommitted: true, errors: {} });
    expect(await caught(() => h.services.sprints.start(input, actor('U_ALICE')))).toMatchObject({
      code: 'sprint.needs_confirmation',
      details: { total: 16, baseline: 12 },
    });
    expect(await h.services.sprints.activeSprint(team.id)).toBeUndefined();
    expect(await h.services.sprints.start({ ...input, confirmOverVelocity: true }, actor('U_ALICE'))).toMatchObject({
      number: 4,
      name: 'Sprint 4',
      committedPoints: 16,
    });
  });

  it('measures against the capacity entered when there is no velocity yet; 110% exactly needs no confirmation', async () => {
    const items = await readyEach([8, 3]);
    expect(await h.services.sprints.checkPlan(plan(items, { capacityPoints: 10 }), actor('U_ALICE'))).toMatchObject({
      total: 11,
      baseline: 10,
      overcommitted: false,
    });
    expect(await h.services.sprints.checkPlan(plan([...items, await ready(1)], { capacityPoints: 10 }), actor('U_ALICE'))).toMatchObject({
      total: 12,
      overcommitted: true,
    });
    expect(await h.services.sprints.checkPlan(plan(items), actor('U_ALICE'))).toMatchObject({ baseline: null, overcommitted: false });
  });

  it('starts the sprint: items move to the sprint backlog with planned scope events, and the team is told', async () => {
    const { planned, waiting, sprint } = await startSprint();
    expect(sprint).toMatchObject({
      number: 1,
      name: 'Sprint 1',
      status: 'active',
      committedPoints: 10,
      capacityPoints: 10,
      startedBy: 'U_ALICE',
      startedAt: NOW,
    });
    for (const item of planned) expect(await reload(item)).toMatchObject({ status: 'in_sprint', sprintId: sprint.id, workState: 'todo' });
    expect((await reload(waiting[0]!)).status).toBe('backlog');
    expect((await h.repos.itemEvents.listForSprint(sprint.id)).filter((e) => e.kind === 'sprint_added')).toMatchObject(
      planned.map((item) => ({ itemId: item.id, reason: 'planned', points: item.storyPoints, actorId: 'U_ALICE', toValue: String(sprint.id) })),
    );
    expect(await h.outbox()).toMatchObject([{ kind: 'sprint.started', payload: { sprintId: sprint.id } }]);
  });
  it('shows a sprint planned to start later as upcoming until its first day', async () => {
    await h.services.sprints.start(plan([await ready(3), await ready(5)], { startDate: '2026-11-30', endDate: '2026-12-11' }), actor('U_ALICE'));
    expect(await h.services.sprints.status(team.id)).toMatchObject({ phase: 'upcoming', workingDaysLeft: 10, calendarDaysLeft: 12 });
    h.clock.set('2026-11-30T09:00:00Z');
    expect(await h.services.sprints.status(team.id)).toMatchObject({ phase: 'running', workingDaysLeft: 10 });
    h.clock.set('2026-12-12T09:00:00Z');
    expect(await h.services.sprints.status(team.id)).toMatchObject({ phase: 'ended', workingDaysLeft: 0 });
  });
});

describe('scope lock', () => {
  it('refuses a member’s add and counts it; the PO’s or SM’s own ask is not counted', async () => {
    const { waiting, sprint } = await startSprint();
    expect(await caught(() => h.services.sprints.addToActiveSprint(waiting[0]!.id, actor('U_ALICE')))).toMatchObject({
      code: 'sprint.locked',
      details: { attempts: 1, sprintName: 'Sprint 1' },
    });
    expect((await reload(waiting[0]!)).status).toBe('backlog');
    for (const by of ['U_PO', 'U_SM']) {
      expect(await caught(() => h.services.sprints.addToActiveSprint(waiting[1]!.id, actor(by)))).toMatchObject({
        code: 'sprint.locked',
        details: { attempts: 1 },
      });
    }
    expect(await attempts(sprint.id)).toMatchObject([{ sprintId: sprint.id, itemId: waiting[0]!.id, userId: 'U_ALICE', outcome: 'refused', reason: null }]);
  });

  it('refuses a member’s override (counted) and lets the PO or SM override with a reason, as a recorded scope change', async () => {
    const { waiting, sprint } = await startSprint();
    const [late, urgent] = waiting;
    expect(await caught(() => h.services.sprints.addToActiveSprint(urgent!.id, actor('U_ALICE'), { override: 'Please' }))).toMatchObject({
      code: 'sprint.not_allowed',
      details: { action: 'sprint.override_add', productOwnerId: 'U_PO', scrumMasterId: 'U_SM' },
    });
    expect(await caught(() => h.services.sprints.addToActiveSprint(urgent!.id, actor('U_PO'), { override: 'x'.repeat(501) }))).toMatchObject({
      code: 'sprint.invalid',
    });

    const { item } = await h.services.sprints.addToActiveSprint(urgent!.id, actor('U_PO'), { override: ' Emergency: EU payments failing ' });
    expect(item).toMatchObject({ status: 'in_sprint', sprintId: sprint.id, workState: 'todo' });
    expect(await h.repos.itemEvents.listForItem(urgent!.id)).toMatchObject([
      { kind: 'status', fromValue: 'backlog', toValue: 'in_sprint', reason: 'Emergency: EU payments failing' },
      { kind: 'sprint_added', sprintId: sprint.id, reason: 'Emergency: EU payments failing', points: 8, actorId: 'U_PO' },
    ]);
    expect((await attempts(sprint.id)).map((a) => [a.userId, a.outcome])).toEqual([
      ['U_ALICE', 'refused'],
      ['U_PO', 'overridden'],
    ]);
    expect((await h.outbox()).at(-1)).toMatchObject({
      kind: 'sprint.scope_changed',
      payload: { itemId: urgent!.id, userId: 'U_PO', change: 'added', reason: 'Emergency: EU payments failing' },
    });

    const status = await h.services.sprints.status(team.id);
    expect(status).toMatchObject({ committedPoints: 10, donePoints: 0, remainingPoints: 18, refusedAttempts: 1, phase: 'running', workingDaysLeft: 10 });
    expect(status.scopeAdded).toEqual([
      { itemId: urgent!.id, itemNumber: urgent!.number, points: 8, reason: 'Emergency: EU payments failing', actorId: 'U_PO' },
    ]);
    expect(late).toBeDefined();
  });

  it('refuses items already in the sprint or finished, and adds without a running sprint', async () => {
    const done = await h.item(team, { status: 'done' });
    expect(await caught(() => h.services.sprints.addToActiveSprint(done.id, actor('U_PO'), { override: 'x' }))).toMatchObject({ code: 'sprint.none_active' });
    const { planned } = await startSprint();
    expect(await caught(() => h.services.sprints.addToActiveSprint(planned[0]!.id, actor('U_PO'), { override: 'x' }))).toMatchObject({
      code: 'item.wrong_status',
    });
    expect(await caught(() => h.services.sprints.addToActiveSprint(done.id, actor('U_PO'), { override: 'x' }))).toMatchObject({ code: 'item.wrong_status' });
    expect(await caught(() => h.services.sprints.addToActiveSprint(999, actor('U_PO')))).toMatchObject({ code: 'item.not_found' });
  });

  it('takes an item out (PO or SM, with a reason) to the top of the backlog, flagged, as a scope change', async () => {
    const { planned, sprint } = await startSprint();
    const second = planned[1]!;
    expect(await caught(() => h.services.sprints.removeFromActiveSprint(second.id, actor('U_ALICE'), 'Too big'))).toMatchObject({
      code: 'sprint.not_allowed',
      details: { action: 'sprint.remove' },
    });
    expect(await caught(() => h.services.sprints.removeFromActiveSprint(second.id, actor('U_SM'), '  '))).toMatchObject({ code: 'sprint.invalid' });
    await h.services.sprints.removeFromActiveSprint(second.id, actor('U_SM'), 'Blocked by the vendor');
    expect((await h.repos.items.listByStatus(team.id, 'backlog'))[0]).toMatchObject({
      id: second.id,
      needsReprioritisation: true,
      sprintId: null,
      workState: null,
    });
    expect((await h.repos.itemEvents.listForItem(second.id)).slice(-3)).toMatchObject([
      { kind: 'sprint_removed', sprintId: sprint.id, points: 5, reason: 'Blocked by the vendor' },
      { kind: 'status', fromValue: 'in_sprint', toValue: 'backlog' },
      { kind: 'rank', reason: 'top' },
    ]);
    expect((await h.services.sprints.status(team.id)).scopeRemoved).toMatchObject([{ itemId: second.id, points: 5, actorId: 'U_SM' }]);
    expect((await h.outbox()).at(-1)).toMatchObject({ kind: 'sprint.scope_changed', payload: { change: 'removed' } });
    expect(await caught(() => h.services.sprints.removeFromActiveSprint(second.id, actor('U_SM'), 'Again'))).toMatchObject({ code: 'item.wrong_status' });
  });

  it('defers a refused item: flagged for the PO, who is told', async () => {
    const { waiting } = await startSprint();
    expect((await h.services.sprints.deferToBacklog(waiting[0]!.id, actor('U_ALICE'))).needsReprioritisation).toBe(true);
    expect(await h.repos.itemEvents.listForItem(waiting[0]!.id)).toMatchObject([{ kind: 'field', field: 'needs_reprioritisation', toValue: 'true' }]);
    expect((await h.outbox()).at(-1)).toMatchObject({
      kind: 'sprint.scope_deferred',
      payload: { itemId: waiting[0]!.id, userId: 'U_ALICE', productOwnerId: 'U_PO' },
    });
    expect(await caught(() => h.services.sprints.deferToBacklog(waiting[0]!.id, actor('U_STRANGER')))).toMatchObject({ code: 'sprint.not_member' });
  });
});

describe('close', () => {
  it('lets only the SM or PO close', async () => {
    await startSprint();
    expect(await caught(() => h.services.sprints.close(team.id, actor('U_ALICE')))).toMatchObject({
      code: 'sprint.not_allowed',
      details: { action: 'sprint.close' },
    });
    expect(await caught(() => h.services.sprints.closePreview(team.id, actor('U_BOB')))).toMatchObject({ code: 'sprint.not_allowed' });
    expect(await h.services.sprints.activeSprint(team.id)).toBeDefined();
  });

  it('records velocity and returns unfinished items to the top of the backlog in sprint order, flagged, with events', async () => {
    const { planned, sprint } = await startSprint();
    await h.services.sprintWork.setItemState(planned[1]!.id, 'done', actor('U_BOB'), 'sprint');
    await h.services.sprintWork.setItemState(planned[0]!.id, 'in_progress', actor('U_BOB'), 'sprint');
    expect(await h.services.sprints.closePreview(team.id, actor('U_SM'))).toMatchObject({ donePoints: 5, remainingPoints: 5 });

    const { sprint: closed, returned } = await h.services.sprints.close(team.id, actor('U_SM'));
    expect(closed).toMatchObject({ status: 'closed', completedPoints: 5, committedPoints: 10, closedBy: 'U_SM', closedAt: NOW });
    expect(returned.map((item) => item.id)).toEqual([planned[0]!.id, planned[2]!.id]);
    const backlog = await h.repos.items.listByStatus(team.id, 'backlog');
    expect(backlog.map((item) => item.title)).toEqual(['Planned 1', 'Planned 3', 'Waiting 1', 'Waiting 2']);
    expect(backlog.map((item) => item.needsReprioritisation)).toEqual([true, true, false, false]);
    expect(backlog.slice(0, 2).every((item) => item.sprintId === null && item.workState === null)).toBe(true);
    expect(await reload(planned[1]!)).toMatchObject({ status: 'done', sprintId: sprint.id });
    const returnedEvents = (await h.repos.itemEvents.listForSprint(sprint.id)).filter((e) => e.kind === 'sprint_removed');
    expect(returnedEvents.map((e) => [e.itemId, e.reason, e.points])).toEqual([
      [planned[0]!.id, 'returned', 3],
      [planned[2]!.id, 'returned', 2],
    ]);
    expect((await h.repos.itemEvents.listForItem(planned[0]!.id)).at(-1)).toMatchObject({ kind: 'rank', reason: 'returned' });
    expect((await h.outbox()).at(-1)).toMatchObject({ kind: 'sprint.closed', payload: { sprintId: sprint.id, retro: false } });

    // The next planning measures against the recorded velocity.
    expect(await h.services.sprints.planningContext(team.id, actor('U_ALICE'))).toMatchObject({ number: 2, velocity: 5 });
    expect(await caught(() => h.services.sprints.close(team.id, actor('U_SM')))).toMatchObject({ code: 'sprint.none_active' });
  });

  it('invites everyone to the retrospective when asked to', async () => {
    const { sprint } = await startSprint();
    await h.services.sprints.close(team.id, actor('U_PO'), { retro: true });
    const invites = (await h.outbox()).filter((row) => row.kind === 'retro.invite');
    expect(invites.map((row) => row.payload.userId).sort()).toEqual(['U_ALICE', 'U_BOB', 'U_PO', 'U_SM']);
    expect(invites.every((row) => row.payload.sprintId === sprint.id)).toBe(true);
  });

  it('prompts the close once on the end date, from 09:00 team time', async () => {
    await startSprint();
    const prompts = async () => (await h.outbox()).filter((row) => row.kind === 'sprint.close_prompt');
    expect(await h.services.sprints.sweepClosePrompts(new Date('2026-12-03T12:00:00Z'))).toBe(0);
    expect(await h.services.sprints.sweepClosePrompts(new Date('2026-12-04T08:59:00Z'))).toBe(0);
    expect(await h.services.sprints.sweepClosePrompts(new Date('2026-12-04T09:00:00Z'))).toBe(1);
    expect(await h.services.sprints.sweepClosePrompts(new Date('2026-12-05T09:00:00Z'))).toBe(0);
    expect(await prompts()).toHaveLength(1);
  });
});
