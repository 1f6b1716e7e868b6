import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Team } from '../../src/db/repositories/teams.js';
import { itemEventsTable, sprintsTable } from '../../src/db/schema.js';
import { PLAN } from '../../src/slack/ids.js';
import { blockProblems } from '../helpers/blockKitLimits.js';
import { tableRows } from '../helpers/tableRows.js';
import { createTestClock, seedTeam, startTestApp, type TestApp } from '../helpers/testApp.js';
import { addBacklogItem, addClosedSprint, allText, inOrder, planValues } from './sprintHelpers.js';

describe('/plan', () => {
  let app: TestApp;
  let team: Team;
  beforeEach(async () => {
    app = await startTestApp({ clock: createTestClock('2026-11-23T09:00:00Z') });
    team = await seedTeam(app);
  });
  afterEach(async () => {
    await app.stop();
  });

  async function openPlan(user = 'U_ALICE') {
    const before = app.slack.sent('views.open').length;
    const response = await app.client.command('/plan', '', { user });
    expect(response.status).toBe(200);
    const opens = await app.slack.waitFor('views.open', before + 1);
    const call = opens[opens.length - 1]!;
    return { ...call.args.view, id: call.response.view.id, hash: call.response.view.hash };
  }

  it('offers the top of the backlog with Ready status, defaults and a live running total', async () => {
    const ready1 = await addBacklogItem(app, team, { title: 'Password reset email', points: 3 });
    const ready2 = await addBacklogItem(app, team, { title: 'Reset link expiry', points: 5 });
    const unestimated = await addBacklogItem(app, team, { title: 'Audit log', points: null });
    const view = await openPlan();
    const byId = (id: string) => view.blocks.find((b: any) => b.block_id === id);
    expect(byId(PLAN.blocks.name).element.initial_value).toBe('Sprint 1');
    expect(byId(PLAN.blocks.start).element.initial_date).toBe('2026-11-23');
    // 14 days from Monday 23 ends on Sunday 6 Dec: the last working day is Friday 4 Dec.
    expect(byId(PLAN.blocks.end).element.initial_date).toBe('2026-12-04');
    expect(allText({ blocks: view.blocks })).toContain('10 working days from 2026-11-23 to 2026-12-04');
    const blocks = view.blocks.filter((b: any) => String(b.block_id).startsWith(PLAN.candidatePrefix));
    expect(blocks.map((b: any) => b.block_id)).toEqual([ready1, ready2, unestimated].map((i) => `${PLAN.candidatePrefix}${i.id}`));
    expect(blocks[0].label.text).toContain('Password reset email');
    expect(blocks[0].hint.text).toContain('Ready');
    // A member can't include a not-Ready item: no checkbox, and it says who can.
    expect(blocks[2].type).toBe('section');
    expect(blocks[2].text.text).toContain('Not Ready');
    expect(blocks[2].text.text).toContain('estimated');
    expect(blocks[2].text.text).toContain('Only the Product Owner can include it');

    const values = planValues({ selected: [ready1.id, ready2.id], candidates: [ready1.id, ready2.id], capacity: '10' });
    await app.client.blockAction([{ action_id: PLAN.selectAction, block_id: `${PLAN.candidatePrefix}${ready2.id}`, type: 'checkboxes' }], {
      view: { ...view, state: { values } },
    });
    const [update] = await app.slack.waitFor('views.update');
    expect(update!.args.view_id).toBe(view.id);
    const total = update!.args.view.blocks.find((b: any) => b.block_id === PLAN.blocks.total);
    expect(total.text.text).toContain('2 items, 8 pts');
    expect(total.text.text).toContain('capacity 10 pts');
    expect(JSON.stringify(update!.args.view.blocks)).toContain('10 working days from 2026-11-23 to 2026-12-04');
    const goal = update!.args.view.blocks.find((b: any) => b.block_id === PLAN.blocks.goal);
    expect(goal.element.initial_value).toBe('Customers can reset their password without calling support');

    // Picking a one-week sprint over a holiday updates the working-day count.
    await app.rituals.repos.teams.update(team.id, { holidays: '["2026-11-26"]' });
    const shorter = planValues({ selected: [ready1.id], candidates: [ready1.id, ready2.id], end: '2026-11-29' });
    await app.client.blockAction([{ action_id: PLAN.action, block_id: PLAN.blocks.end, type: 'datepicker' }], {
      view: { ...view, state: { values: shorter } },
    });
    const updates = await app.slack.waitFor('views.update', 2);
    const updated = JSON.stringify(updates[1]!.args.view.blocks);
    expect(updated).toContain('4 working days from 2026-11-23 to 2026-11-29');
    expect(updated).toContain('1 item, 3 pts');
  });

  it('offers the override only to the PO, refuses not-Ready items next to the item, then starts the sprint', async () => {
    const ready = await addBacklogItem(app, team, { title: 'Password reset email', points: 3 });
    const notReady = await addBacklogItem(app, team, { title: 'Audit log', points: null });
    const candidates = [ready.id, notReady.id];
    const row = (view: any, id: number) => view.blocks.find((b: any) => b.block_id === `${PLAN.candidatePrefix}${id}`);

    // A member's form: no "Select (PO override)" and no override reason, anywhere.
    const memberView = await openPlan('U_ALICE');
    expect(JSON.stringify(memberView)).not.toContain('PO override');
    expect(memberView.blocks.some((b: any) => b.block_id === PLAN.blocks.override)).toBe(false);
    expect(row(memberView, notReady.id).accessory).toBeUndefined();

    // The PO's form offers both.
    const view = await openPlan('U_PO');
    expect(row(view, notReady.id).element.options[0].text.text).toBe('Select (PO override)');
    expect(view.blocks.some((b: any) => b.block_id === PLAN.blocks.override)).toBe(true);

    // Without a reason: said next to the item, and at the reason field.
    const noReason = await app.client.viewSubmission(view, planValues({ selected: candidates, candidates }), { user: 'U_PO' });
    expect(noReason.json.errors[`${PLAN.candidatePrefix}${notReady.id}`]).toMatch(/Not Ready or not estimated.*override reason/);
    expect(noReason.json.errors[`${PLAN.candidatePrefix}${ready.id}`]).toBeUndefined();
    expect(noReason.json.errors[PLAN.blocks.override]).toMatch(/give a reason/);

    const twoSentences = await app.client.viewSubmission(view, planValues({ selected: [ready.id], candidates, goal: 'Ship resets. Also fix audit.' }), {
      user: 'U_PO',
    });
    expect(twoSentences.json.errors[PLAN.blocks.goal]).toMatch(/one sentence/);
    const empty = await app.client.viewSubmission(view, planValues({ selected: [ready.id], candidates, goal: '  ' }), { user: 'U_PO' });
    expect(empty.json.errors[PLAN.blocks.goal]).toMatch(/Write the sprint goal/);
    // "Select at least one item" shows where the list starts, not under the override reason.
    const none = await app.client.viewSubmission(view, planValues({ selected: [], candidates }), { user: 'U_PO' });
    expect(none.json.errors[`${PLAN.candidatePrefix}${ready.id}`]).toMatch(/at least one item/);
    expect(none.json.errors[PLAN.blocks.override]).toBeUndefined();
    expect(await tableRows(app.rituals.storage, sprintsTable)).toHaveLength(0);

    const ok = await app.client.viewSubmission(view, planValues({ selected: candidates, candidates, override: 'Audit is a legal deadline', capacity: '8' }), {
      user: 'U_PO',
    });
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('');
    const [sprint] = await tableRows(app.rituals.storage, sprintsTable);
    expect(sprint).toMatchObject({
      number: 1,
      name: 'Sprint 1',
      status: 'active',
      committedPoints: 3,
      capacityPoints: 8,
      startDate: '2026-11-23',
      endDate: '2026-12-04',
    });
    for (const item of [ready, notReady]) {
      expect(await app.rituals.repos.items.findById(item.id)).toMatchObject({ status: 'in_sprint', sprintId: sprint!.id, workState: 'todo' });
    }
    const events = await tableRows(app.rituals.storage, itemEventsTable);
    const added = events.filter((e) => e.kind === 'sprint_added');
    expect(added).toHaveLength(2);
    expect(added.every((e) => e.reason === 'planned' && e.sprintId === sprint!.id && e.actorId === 'U_PO')).toBe(true);
    expect(added.find((e) => e.itemId === ready.id)!.points).toBe(3);
    expect(events.find((e) => e.kind === 'status' && e.itemId === notReady.id)!.reason).toContain('Audit is a legal deadline');

    const posts = await app.slack.waitFor('chat.postMessage');
    const start = posts.find((p) => p.args.channel === 'C_TEAM')!;
    const text = allText(start.args);
    expect(text).toContain('Sprint 1 has started');
    expect(text).toContain('Customers can reset their password without calling support');
    expect(text).toContain('2026-11-23 to 2026-12-04');
    expect(text).toContain('2 items, 3 pts');
    expect(text).toContain('R-1');

    const again = await app.client.command('/plan', '');
    expect(again.json.text).toMatch(/already running/);
  });

  it("refuses a member's item that stopped being Ready next to that item", async () => {
    const ready = await addBacklogItem(app, team, { title: 'Password reset email', points: 3 });
    const slipping = await addBacklogItem(app, team, { title: 'Audit log', points: 5 });
    const view = await openPlan('U_ALICE');
    // While the member plans, the PO takes the estimate back: the item is no longer Ready.
    await app.rituals.repos.items.update(slipping.id, { storyPoints: null });
    const candidates = [ready.id, slipping.id];
    const response = await app.client.viewSubmission(view, planValues({ selected: candidates, candidates }), { user: 'U_ALICE' });
    expect(response.json.response_action).toBe('errors');
    expect(response.json.errors).toEqual({
      [`${PLAN.candidatePrefix}${slipping.id}`]: expect.stringMatching(/Not Ready or not estimated\. Only the Product Owner can include it/),
    });
    expect(await app.rituals.repos.sprints.findActive(team.id)).toBeUndefined();
  });

  it('asks for confirmation above 110% of velocity, shows the history, and starts on confirm', async () => {
    await addClosedSprint(app, team, 1, 12, 10);
    await addClosedSprint(app, team, 2, 12, 12);
    await addClosedSprint(app, team, 3, 15, 14);
    const items = await inOrder([8, 5, 3], (points, i) => addBacklogItem(app, team, { title: `Story ${i}`, points }));
    const candidates = items.map((i) => i.id);
    const view = await openPlan();
    const capacity = view.blocks.find((b: any) => b.block_id === PLAN.blocks.capacity);
    expect(capacity.element.initial_value).toBe('12');
    expect(view.blocks.find((b: any) => b.block_id === PLAN.blocks.name).element.initial_value).toBe('Sprint 4');
    const intro = JSON.stringify(view.blocks[0]);
    expect(intro).toContain('Velocity 12 pts');
    expect(intro).toContain('Sprint 3: 14 of 15');

    // 16 pts is over 110% of a velocity of 12 (13.2): the running total warns before submitting.
    await app.client.blockAction([{ action_id: PLAN.selectAction, type: 'checkboxes' }], {
      view: { ...view, state: { values: planValues({ selected: candidates, candidates, capacity: '12', name: 'Sprint 4' }) } },
    });
    const [update] = await app.slack.waitFor('views.update');
    expect(JSON.stringify(update!.args.view.blocks)).toContain('more than 110% of velocity');

    const over = await app.client.viewSubmission(view, planValues({ selected: candidates, candidates, capacity: '12', name: 'Sprint 4' }));
    expect(over.json.response_action).toBe('push');
    expect(over.json.view.callback_id).toBe(PLAN.confirmCallbackId);
    expect(JSON.stringify(over.json.view.blocks)).toContain('16 pts');
    expect(JSON.stringify(over.json.view.blocks)).toContain('133%');
    expect(await app.rituals.repos.sprints.findActive(team.id)).toBeUndefined();

    const forged = await app.client.viewSubmission(
      { ...over.json.view, private_metadata: over.json.view.private_metadata.replace('"Sprint 4"', '"Sprint 9"') },
      {},
    );
    expect(forged.json.response_action).toBe('update');
    expect(await app.rituals.repos.sprints.findActive(team.id)).toBeUndefined();

    const confirmed = await app.client.viewSubmission(over.json.view, {});
    expect(confirmed.json).toEqual({ response_action: 'clear' });
    expect(await app.rituals.repos.sprints.findActive(team.id)).toMatchObject({ number: 4, name: 'Sprint 4', committedPoints: 16 });
  });

  it('keeps the planning modal within Slack limits with a long backlog', async () => {
    for (let i = 0; i < 60; i += 1) await addBacklogItem(app, team, { title: `${'Long title '.repeat(14)}${i}`, points: i % 3 === 0 ? null : 3 });
    const view = await openPlan();
    expect(blockProblems(view.blocks, 'modal')).toEqual([]);
    expect(view.blocks.filter((b: any) => String(b.block_id).startsWith(PLAN.candidatePrefix))).toHaveLength(40);
    expect(JSON.stringify(view.blocks)).toContain('Top 40 of 60');
  });

  it('starts planning poker on an unestimated candidate from the modal', async () => {
    await addBacklogItem(app, team, { title: 'Ready one', points: 3 });
    await addBacklogItem(app, team, { title: 'Needs sizing', points: null });
    const view = await openPlan();
    const pokerMenu = (blocks: any[]) => blocks.find((b: any) => String(b.block_id).startsWith(PLAN.blocks.poker));
    const poker = pokerMenu(view.blocks);
    expect(poker.elements[0].options.map((o: any) => o.value)).toEqual(['2']);
    const picked = {
      [poker.block_id]: { [PLAN.pokerAction]: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'R-2' }, value: '2' } } },
    };
    await app.client.blockAction([{ action_id: PLAN.pokerAction, block_id: poker.block_id, type: 'static_select', selected_option: { value: '2' } }], {
      view: { ...view, state: { values: picked } },
    });
    const [post] = await app.slack.waitFor('chat.postMessage');
    expect(post!.args.channel).toBe('C_TEAM');
    expect(post!.args.text).toContain('Planning poker on R-2');
    // The facilitator is told by DM: from a modal there is no channel to answer in.
    await app.slack.waitUntil(() => app.slack.sent('chat.postMessage').some((c) => c.args.channel === 'U_ALICE'));
    expect(await app.rituals.repos.poker.findById(1)).toMatchObject({ facilitatorId: 'U_ALICE', messageTs: post!.response.ts });
    // The menu is ready for the next pick: Slack would otherwise keep showing R-2, and picking it again would do nothing.
    await app.slack.waitFor('views.update');
    const shown = app.slack.views.get(view.id)!;
    const menu = pokerMenu(shown.view.blocks);
    expect(menu.block_id).not.toBe(poker.block_id);
    expect(shown.values[menu.block_id]![PLAN.pokerAction]!.selected_option).toBeNull();
  });

  it('refuses people outside the team', async () => {
    const response = await app.client.command('/plan', '', { user: 'U_STRANGER' });
    expect(response.json.text).toMatch(/Only members of this team/);
  });
});
