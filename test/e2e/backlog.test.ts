import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Item } from '../../src/db/repositories/items.js';
import type { Team } from '../../src/db/repositories/teams.js';
import { BACKLOG } from '../../src/slack/ids.js';
import { checkboxesValue, selectValue, textValue } from '../helpers/signedClient.js';
import { createTestClock, seedTeam, startTestApp, type TestApp } from '../helpers/testApp.js';

const radio = (value: string) => ({ type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: value }, value } });

describe('/backlog', () => {
  let app: TestApp;
  let team: Team;
  let counter = 0;
  /** Every item event, oldest first. */
  const itemEvents = () =>
    app.rituals.storage.query<{ itemId: number; kind: string; field: string | null; reason: string | null }>(
      'SELECT item_id AS "itemId", kind, field, reason FROM item_events ORDER BY id',
    );

  beforeEach(async () => {
    app = await startTestApp({ clock: createTestClock('2026-11-23T09:00:00Z') });
    team = await seedTeam(app);
  });
  afterEach(async () => {
    await app.stop();
  });

  async function backlogItem(title: string, fields: Partial<Item> = {}, status: Item['status'] = 'backlog'): Promise<Item> {
    counter += 1;
    const number = await app.rituals.repos.teams.allocateItemNumber(team.id);
    return await app.rituals.repos.items.insert({
      teamId: team.id,
      number,
      title,
      details: 'Acceptance: it works for everyone.',
      status,
      source: 'command',
      requesterId: 'U_ALICE',
      suggestedById: 'U_ALICE',
      rank: status === 'backlog' ? number * 1024 : null,
      createdAt: counter,
      updatedAt: counter,
      ...fields,
    });
  }

  const order = async () => (await app.rituals.repos.items.listByStatus(team.id, 'backlog')).map((i) => i.title);
  const text = (view: any) => JSON.stringify(view.blocks);

  async function open(user: string, sub = '') {
    const before = app.slack.sent('views.open').length;
    await app.client.command('/backlog', sub, { user });
    const opens = await app.slack.waitFor('views.open', before + 1);
    return opens[opens.length - 1]!.args.view;
  }

  /** Picks an item menu option; edit/remove push a form, the rest update the backlog in place. */
  async function menu(
    view: any,
    user: string,
    value: string,
    expect: 'views.update' | 'views.push' = value.startsWith('edit') || value.startsWith('remove') ? 'views.push' : 'views.update',
  ) {
    const before = app.slack.callsTo(expect).length;
    await app.client.blockAction(
      [{ action_id: BACKLOG.actions.item, block_id: `item_${value.split(':')[1]}`, type: 'overflow', selected_option: { value } } as any],
      {
        user,
        view: { ...view, id: 'VBACKLOG', hash: 'h1' },
      },
    );
    await app.slack.waitUntil(() => app.slack.callsTo(expect).length > before);
    return app.slack.callsTo(expect).at(-1)!;
  }

  it('shows everyone the ordered backlog with type, MoSCoW, points, WSJF and readiness, read-only for non-POs', async () => {
    await backlogItem('Ready one', { moscow: 'must', storyPoints: 3, businessValue: 8, timeCriticality: 5, riskReduction: 3, jobSize: 2, type: 'bug' });
    await backlogItem('Vague one', { details: '', openQuestion: 'Which browsers?' });
    const view = await open('U_BOB');
    expect(view.callback_id).toBe(BACKLOG.callbackId);
    const rows = view.blocks.filter((b: any) => String(b.block_id ?? '').startsWith('item_'));
    expect(rows).toHaveLength(2);
    expect(rows[0].text.text).toMatch(/^\*1\.\* \*R-1\* Ready one\nBug · Must have · 3 pts · WSJF 8 · :white_check_mark: Ready/);
    expect(rows[1].text.text).toContain('*2.* *R-2* Vague one');
    expect(rows[1].text.text).toContain('Missing: has details / acceptance criteria; estimated in story points; no open question');
    expect(rows.every((row: any) => row.accessory === undefined)).toBe(true);
    expect(text(view)).not.toContain(BACKLOG.actions.sortWsjf);
  });

  it('says how to set up a team where there is none', async () => {
    await app.rituals.storage.query('DELETE FROM teams');
    const response = await app.client.command('/backlog', '', { user: 'U_BOB' });
    expect(response.json.text).toContain('/rituals setup');
  });

  it('paginates past 50 items with Next and Previous, within Slack limits', async () => {
    for (let i = 1; i <= 55; i += 1) await backlogItem(`Item number ${i}`);
    const first = await open('U_PO');
    expect(text(first)).toContain('55 items in order · page 1 of 3');
    const rows = (view: any) => view.blocks.filter((b: any) => String(b.block_id ?? '').startsWith('item_')).map((b: any) => b.text.text.split('\n')[0]);
    expect(rows(first)).toHaveLength(20);
    expect(rows(first)[0]).toContain('*1.* *R-1* Item number 1');
    const next = (view: any, label: 'next' | 'prev', n: number) => {
      const button = view.blocks
        .find((b: any) => b.block_id === BACKLOG.blocks.nav)
        .elements.find((e: any) => e.action_id === `${BACKLOG.actions.page}_${label}`);
      return app.client
        .blockAction([{ action_id: button.action_id, value: button.value }], { user: 'U_PO', view: { ...view, id: 'VPAGE', hash: `h${n}` } })
        .then(() => app.slack.waitFor('views.update', n))
        .then((calls) => calls[n - 1]!.args.view);
    };
    const second = await next(first, 'next', 1);
    expect(rows(second)[0]).toContain('*21.* *R-21*');
    const third = await next(second, 'next', 2);
    expect(rows(third)).toHaveLength(15);
    expect(rows(third).at(-1)).toContain('*55.* *R-55*');
    expect(third.blocks.find((b: any) => b.block_id === BACKLOG.blocks.nav).elements.some((e: any) => e.action_id.endsWith('_next'))).toBe(false);
    const back = await next(third, 'prev', 3);
    expect(rows(back)[0]).toContain('*21.*');
    expect(app.slack.calls.filter((c) => c.method.startsWith('views.')).every((c) => c.response.ok)).toBe(true);
  });

  it('lets the PO move items to the top, up, down and to rank N, logging rank events', async () => {
    const a = await backlogItem('A');
    await backlogItem('B');
    const c = await backlogItem('C');
    const d = await backlogItem('D');
    const view = await open('U_PO');
    let call = await menu(view, 'U_PO', `top:${c.id}`);
    expect(call.method).toBe('views.update');
    expect(await order()).toEqual(['C', 'A', 'B', 'D']);
    await menu(view, 'U_PO', `down:${a.id}`);
    expect(await order()).toEqual(['C', 'B', 'A', 'D']);
    await menu(view, 'U_PO', `up:${d.id}`);
    expect(await order()).toEqual(['C', 'B', 'D', 'A']);
    call = await menu(view, 'U_PO', `edit:${a.id}`);
    expect(call.method).toBe('views.push');
    const edit = call.args.view;
    expect(edit.callback_id).toBe(BACKLOG.editCallbackId);
    const values = {
      [BACKLOG.blocks.title]: { value: textValue('A, renamed') },
      [BACKLOG.blocks.details]: { value: textValue('Acceptance: it works for everyone.') },
      [BACKLOG.blocks.type]: { value: selectValue('story') },
      [BACKLOG.blocks.moscow]: { value: selectValue('must') },
      [BACKLOG.blocks.storyPoints]: { value: selectValue('5') },
      [BACKLOG.blocks.businessValue]: { value: selectValue(null) },
      [BACKLOG.blocks.timeCriticality]: { value: selectValue(null) },
      [BACKLOG.blocks.riskReduction]: { value: selectValue(null) },
      [BACKLOG.blocks.jobSize]: { value: selectValue(null) },
      [BACKLOG.blocks.position]: { value: { type: 'number_input', value: '2' } },
    } as any;
    const bad = await app.client.viewSubmission(edit, { ...values, [BACKLOG.blocks.jobSize]: { value: selectValue('3') } }, { user: 'U_PO' });
    expect(bad.json.errors[BACKLOG.blocks.jobSize]).toBe('Fill all four WSJF inputs, or none.');
    const saved = await app.client.viewSubmission(edit, values, { user: 'U_PO' });
    expect(saved.status).toBe(200);
    expect(saved.text).toBe('');
    expect(await order()).toEqual(['C', 'A, renamed', 'B', 'D']);
    expect(await app.rituals.repos.items.findById(a.id)).toMatchObject({ moscow: 'must', storyPoints: 5 });
    const rankReasons = (await itemEvents()).filter((e) => e.kind === 'rank').map((e) => e.reason);
    expect(rankReasons).toEqual(['top', 'down', 'up', 'to 2']);
    const kinds = (await itemEvents()).filter((e) => e.itemId === a.id).map((e) => `${e.kind}:${e.field}`);
    expect(kinds).toEqual(['rank:rank', 'field:title', 'field:moscow', 'estimate:story_points', 'rank:rank']);
    // The backlog underneath was refreshed in place.
    expect(app.slack.sent('views.update').at(-1)!.args.view_id).toBe('VBACKLOG');
  });

  it("lets the PO clear an item's WSJF and points once set ('Not set'), each edit form starting from its own item", async () => {
    const scored = await backlogItem('Scored', { moscow: 'should', storyPoints: 5, businessValue: 8, timeCriticality: 5, riskReduction: 3, jobSize: 2 });
    const plain = await backlogItem('Plain');
    const view = await open('U_PO');
    const edit = (await menu(view, 'U_PO', `edit:${scored.id}`)).args.view;
    const notSet = selectValue('none');
    const cleared = {
      [BACKLOG.blocks.storyPoints]: { value: notSet },
      [BACKLOG.blocks.businessValue]: { value: notSet },
      [BACKLOG.blocks.timeCriticality]: { value: notSet },
      [BACKLOG.blocks.riskReduction]: { value: notSet },
      [BACKLOG.blocks.jobSize]: { value: notSet },
    } as any;
    const saved = await app.client.viewSubmission(edit, cleared, { user: 'U_PO' });
    expect(saved.text).toBe('');
    expect(await app.rituals.repos.items.findById(scored.id)).toMatchObject({
      title: 'Scored',
      moscow: 'should',
      storyPoints: null,
      businessValue: null,
      timeCriticality: null,
      riskReduction: null,
      jobSize: null,
    });
    // The next item's form shows that item: saving it untouched changes nothing.
    const second = (await menu(view, 'U_PO', `edit:${plain.id}`)).args.view;
    await app.client.viewSubmission(second, {}, { user: 'U_PO' });
    expect(await app.rituals.repos.items.findById(plain.id)).toMatchObject({ title: 'Plain', moscow: null, storyPoints: null, businessValue: null });
  });

  it('sorts the backlog by WSJF in one action', async () => {
    await backlogItem('Unscored');
    await backlogItem('Low', { businessValue: 1, timeCriticality: 1, riskReduction: 1, jobSize: 3 });
    await backlogItem('High', { businessValue: 8, timeCriticality: 5, riskReduction: 3, jobSize: 2 });
    const view = await open('U_PO');
    await app.client.blockAction([{ action_id: BACKLOG.actions.sortWsjf, value: 'wsjf' }], { user: 'U_PO', view: { ...view, id: 'VW', hash: 'h' } });
    await app.slack.waitFor('views.update');
    expect(await order()).toEqual(['High', 'Low', 'Unscored']);
    expect((await itemEvents()).filter((e) => e.kind === 'rank').every((e) => e.reason === 'wsjf')).toBe(true);
  });

  it('refuses forged block_actions and submissions from a non-PO', async () => {
    const a = await backlogItem('A');
    const b = await backlogItem('B');
    const poView = await open('U_PO');
    const call = await menu(poView, 'U_BOB', `top:${b.id}`, 'views.push');
    expect(call.method).toBe('views.push');
    expect(JSON.stringify(call.args.view)).toContain('Only the Product Owner');
    await app.client.blockAction([{ action_id: BACKLOG.actions.sortWsjf, value: 'wsjf' }], { user: 'U_BOB', view: { ...poView, id: 'VW', hash: 'h' } });
    await app.slack.waitUntil(() => app.slack.calls.filter((c) => c.method === 'views.push').length >= 2);
    expect(await order()).toEqual(['A', 'B']);
    const form = (await menu(poView, 'U_PO', `remove:${a.id}`)).args.view;
    const forged = await app.client.viewSubmission(
      form,
      { [BACKLOG.blocks.removeChoice]: { value: radio('reject') }, [BACKLOG.blocks.removeReason]: { value: textValue('Because') } } as any,
      { user: 'U_BOB' },
    );
    expect(forged.json.errors[BACKLOG.blocks.removeChoice]).toContain('Only the Product Owner');
    expect((await app.rituals.repos.items.findById(a.id))!.status).toBe('backlog');
    expect(await itemEvents()).toHaveLength(0);
  });

  it('lets the PO icebox or reject (reason required) an item, telling the requester', async () => {
    const a = await backlogItem('A');
    const b = await backlogItem('B');
    const view = await open('U_PO');
    const rejectForm = (await menu(view, 'U_PO', `remove:${a.id}`)).args.view;
    const missing = await app.client.viewSubmission(
      rejectForm,
      { [BACKLOG.blocks.removeChoice]: { value: radio('reject') }, [BACKLOG.blocks.removeReason]: { value: textValue('') } } as any,
      { user: 'U_PO' },
    );
    expect(missing.json.errors[BACKLOG.blocks.removeReason]).toContain('Say why');
    await app.client.viewSubmission(
      rejectForm,
      { [BACKLOG.blocks.removeChoice]: { value: radio('reject') }, [BACKLOG.blocks.removeReason]: { value: textValue('Superseded') } } as any,
      { user: 'U_PO' },
    );
    expect(await app.rituals.repos.items.findById(a.id)).toMatchObject({ status: 'rejected', rejectReason: 'Superseded', moscow: 'wont', rank: null });
    const iceForm = (await menu(view, 'U_PO', `remove:${b.id}`)).args.view;
    await app.client.viewSubmission(
      iceForm,
      { [BACKLOG.blocks.removeChoice]: { value: radio('icebox') }, [BACKLOG.blocks.removeReason]: { value: textValue('') } } as any,
      { user: 'U_PO' },
    );
    expect((await app.rituals.repos.items.findById(b.id))!.status).toBe('icebox');
    await app.rituals.outbox.drain();
    const dms = app.slack
      .sent('chat.postMessage')
      .filter((c) => c.args.channel === 'U_ALICE')
      .map((c) => String(c.args.text));
    expect(dms.some((t) => t.includes('rejected'))).toBe(true);
    expect(dms.some((t) => t.includes('icebox'))).toBe(true);
  });

  it('shows the icebox to anyone; the PO revives an item into the backlog by priority', async () => {
    await backlogItem('Must first', { moscow: 'must' });
    await backlogItem('Could later', { moscow: 'could' });
    const iced = await backlogItem('Iced should', { moscow: 'should' }, 'icebox');
    const bobView = await open('U_BOB', 'icebox');
    expect(bobView.callback_id).toBe(BACKLOG.iceboxCallbackId);
    expect(text(bobView)).toContain('Iced should');
    expect(text(bobView)).not.toContain(BACKLOG.actions.revive);
    const poView = await open('U_PO', 'icebox');
    await app.client.blockAction([{ action_id: BACKLOG.actions.revive, value: String(iced.id) }], { user: 'U_PO', view: { ...poView, id: 'VICE', hash: 'h' } });
    const [update] = await app.slack.waitFor('views.update');
    expect(text(update!.args.view)).toContain('The icebox is empty');
    expect(await order()).toEqual(['Must first', 'Iced should', 'Could later']);
  });

  it('lets the PO edit the Definition of Ready, and every item shows it', async () => {
    await backlogItem('No priority', { storyPoints: 3 });
    const bobView = await open('U_BOB', 'ready');
    expect(bobView.callback_id).toBe('info');
    expect(text(bobView)).toContain('has details / acceptance criteria');
    const poView = await open('U_PO', 'ready');
    expect(poView.callback_id).toBe(BACKLOG.readyCallbackId);
    const forged = await app.client.viewSubmission(poView, { [BACKLOG.blocks.readyRules]: { value: checkboxesValue(['details']) } } as any, { user: 'U_BOB' });
    expect(forged.json.response_action).toBe('errors');
    const saved = await app.client.viewSubmission(poView, { [BACKLOG.blocks.readyRules]: { value: checkboxesValue(['details', 'prioritised']) } } as any, {
      user: 'U_PO',
    });
    expect(saved.text).toBe('');
    expect((await app.rituals.repos.teams.findById(team.id))!.readyChecklist).toBe('["details","prioritised"]');
    const view = await open('U_BOB');
    expect(text(view)).toContain('Missing: has a MoSCoW priority');
    expect(text(view)).toContain('Definition of Ready: has details / acceptance criteria, has a MoSCoW priority');
  });

  it('keeps the order right when repeated moves exhaust the gap between ranks (re-spacing)', async () => {
    await backlogItem('A');
    const b = await backlogItem('B');
    const c = await backlogItem('C');
    await backlogItem('D');
    for (let i = 0; i < 80; i += 1) {
      await app.rituals.services.backlog.move(team.id, i % 2 === 0 ? c.id : b.id, 'U_PO', { kind: 'to', position: 2 });
    }
    expect(await order()).toEqual(['A', 'B', 'C', 'D']);
    const ranks = (await app.rituals.repos.items.listByStatus(team.id, 'backlog')).map((i) => i.rank!);
    expect(new Set(ranks).size).toBe(4);
    expect((await itemEvents()).filter((e) => e.kind === 'rank')).toHaveLength(80);
  });

  it('lists the ordered backlog with readiness (what planning reads)', async () => {
    await backlogItem('Unfinished', { storyPoints: 5, details: 'Enough details to be ready.' });
    await backlogItem('A');
    const listed = await app.rituals.services.backlog.listWithReadiness(team.id);
    expect(listed.map((e) => [e.position, e.item.title, e.readiness.ready])).toEqual([
      [1, 'Unfinished', true],
      [2, 'A', false],
    ]);
  });
});
