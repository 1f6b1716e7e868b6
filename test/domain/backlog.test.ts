import { beforeEach, describe, expect, it } from 'vitest';
import type { Item } from '../../src/db/repositories/items.js';
import type { Team } from '../../src/db/repositories/teams.js';
import { caught, useDomainHarness } from '../helpers/domainHarness.js';

const h = useDomainHarness();
let team: Team;
beforeEach(async () => {
  team = await h.team();
});

const titles = async () => (await h.repos.items.listByStatus(team.id, 'backlog')).map((item) => item.title);
const reload = async (item: Item) => (await h.repos.items.findById(item.id))!;
const rankReasons = async (item: Item) => (await h.repos.itemEvents.listForItem(item.id)).filter((e) => e.kind === 'rank').map((e) => e.reason);
const seed = async (...names: string[]) => {
  const items: Item[] = [];
  for (const title of names) items.push(await h.item(team, { title }));
  return items;
};

describe('reordering', () => {
  it('moves to the top, up, down and to a position, one rank event each', async () => {
    const [a, b, c, d] = await seed('A', 'B', 'C', 'D');
    await h.services.backlog.move(team.id, d!.id, 'U_PO', { kind: 'top' });
    expect(await titles()).toEqual(['D', 'A', 'B', 'C']);
    await h.services.backlog.move(team.id, c!.id, 'U_PO', { kind: 'up' });
    expect(await titles()).toEqual(['D', 'A', 'C', 'B']);
    await h.services.backlog.move(team.id, d!.id, 'U_PO', { kind: 'down' });
    expect(await titles()).toEqual(['A', 'D', 'C', 'B']);
    await h.services.backlog.move(team.id, a!.id, 'U_PO', { kind: 'to', position: 3 });
    expect(await titles()).toEqual(['D', 'C', 'A', 'B']);
    expect(await h.services.backlog.position(team.id, a!.id)).toBe(3);
    expect(await rankReasons(d!)).toEqual(['top', 'down']);
    expect(await rankReasons(a!)).toEqual(['to 3']);
    expect((await h.repos.itemEvents.listForItem(c!.id)).at(-1)).toMatchObject({ kind: 'rank', field: 'rank', actorId: 'U_PO', fromValue: String(c!.rank) });
    expect(await rankReasons(b!)).toEqual([]);
  });

  it('writes no event when the item does not move (already at the top)', async () => {
    const [a] = await seed('A', 'B');
    await h.services.backlog.move(team.id, a!.id, 'U_PO', { kind: 'up' });
    expect(await titles()).toEqual(['A', 'B']);
    expect(await rankReasons(a!)).toEqual([]);
  });

  it('keeps the order when repeated moves exhaust the gap between ranks (re-spacing)', async () => {
    const items = await seed('A', 'B', 'C');
    for (let i = 0; i < 60; i += 1) await h.services.backlog.move(team.id, items[i % 2 === 0 ? 2 : 1]!.id, 'U_PO', { kind: 'to', position: 2 });
    expect(await titles()).toEqual(['A', 'B', 'C']);
    expect(new Set((await h.repos.items.listByStatus(team.id, 'backlog')).map((item) => item.rank)).size).toBe(3);
  });

  it('sorts by WSJF in one action, unscored items after in their order', async () => {
    await seed('Unscored');
    await h.item(team, { title: 'Low', businessValue: 1, timeCriticality: 1, riskReduction: 1, jobSize: 8 });
    await h.item(team, { title: 'High', businessValue: 8, timeCriticality: 8, riskReduction: 8, jobSize: 1 });
    expect(await h.services.backlog.sortByWsjf(team.id, 'U_PO')).toBeGreaterThan(0);
    expect(await titles()).toEqual(['High', 'Low', 'Unscored']);
  });

  it('refuses a position below 1, and items that are not in the backlog', async () => {
    const [a] = await seed('A');
    const iced = await h.item(team, { status: 'icebox' });
    expect(await caught(() => h.services.backlog.move(team.id, a!.id, 'U_PO', { kind: 'to', position: 0 }))).toMatchObject({ code: 'item.invalid' });
    expect(await caught(() => h.services.backlog.move(team.id, iced.id, 'U_PO', { kind: 'top' }))).toMatchObject({
      code: 'item.wrong_status',
      details: { status: 'icebox' },
    });
    expect(await caught(() => h.services.backlog.move(team.id, 999, 'U_PO', { kind: 'top' }))).toMatchObject({ code: 'item.not_found' });
  });
});

describe('who may change the backlog', () => {
  it('refuses everyone but the PO, naming the action', async () => {
    const [a] = await seed('A');
    const iced = await h.item(team, { status: 'icebox' });
    const attempts: [string, () => unknown][] = [
      ['backlog.reorder', () => h.services.backlog.move(team.id, a!.id, 'U_SM', { kind: 'top' })],
      ['backlog.reorder', () => h.services.backlog.sortByWsjf(team.id, 'U_SM')],
      ['backlog.edit', () => h.services.backlog.edit(team.id, a!.id, 'U_ALICE', { title: 'Mine' })],
      ['backlog.icebox', () => h.services.backlog.toIcebox(team.id, a!.id, 'U_ALICE', null)],
      ['backlog.reject', () => h.services.backlog.reject(team.id, a!.id, 'U_ALICE', 'No')],
      ['backlog.revive', () => h.services.backlog.revive(team.id, iced.id, 'U_ALICE')],
      ['backlog.ready_rules', () => h.services.backlog.setReadyChecklist(team.id, 'U_SM', ['details'])],
    ];
    for (const [action, attempt] of attempts)
      expect(await caught(attempt)).toMatchObject({ code: 'backlog.not_po', details: { action, productOwnerId: 'U_PO' } });
    expect(await reload(a!)).toMatchObject({ title: 'A', status: 'backlog', rank: a!.rank });
    expect(await h.services.backlog.isPo(team.id, 'U_PO')).toBe(true);
  });
});

describe('editing', () => {
  it('logs one field event per changed column and an estimate event for points', async () => {
    const [a] = await seed('A');
    const wsjf = { businessValue: 8, timeCriticality: 5, riskReduction: 3, jobSize: 2 };
    const edited = await h.services.backlog.edit(team.id, a!.id, 'U_PO', { title: '  New   title ', moscow: 'must', storyPoints: 5, ...wsjf });
    expect(edited).toMatchObject({ title: 'New title', moscow: 'must', storyPoints: 5, ...wsjf });
    expect((await h.repos.itemEvents.listForItem(a!.id)).map((e) => `${e.kind}:${e.field}:${e.toValue}`)).toEqual([
      'field:title:New title',
      'field:moscow:must',
      'field:business_value:8',
      'field:time_criticality:5',
      'field:risk_reduction:3',
      'field:job_size:2',
      'estimate:story_points:5',
    ]);
    // Clearing ("Not set") is an edit too.
    const unset = { storyPoints: null, businessValue: null, timeCriticality: null, riskReduction: null, jobSize: null };
    const cleared = await h.services.backlog.edit(team.id, a!.id, 'U_PO', unset);
    expect(cleared).toMatchObject({ storyPoints: null, businessValue: null, jobSize: null });
    expect((await h.repos.itemEvents.listForItem(a!.id)).at(-1)).toMatchObject({ kind: 'estimate', fromValue: '5', toValue: null, reason: 'edit' });
  });

  it.each([
    ['an empty title', { title: ' ' }],
    ['a partial WSJF', { businessValue: 8 }],
    ['points off the scale', { storyPoints: 7 }],
  ])('refuses %s', async (_, edit) => {
    const [a] = await seed('A');
    expect(await caught(() => h.services.backlog.edit(team.id, a!.id, 'U_PO', edit))).toMatchObject({ code: 'item.invalid' });
    expect(await h.repos.itemEvents.listForItem(a!.id)).toEqual([]);
  });

  it('edits items in the inbox, icebox and sprint, not done or rejected ones', async () => {
    for (const status of ['inbox', 'icebox', 'in_sprint'] as const) {
      expect((await h.services.backlog.edit(team.id, (await h.item(team, { status })).id, 'U_PO', { title: 'Edited' })).title).toBe('Edited');
    }
    for (const status of ['done', 'rejected'] as const) {
      expect(await caught(async () => h.services.backlog.edit(team.id, (await h.item(team, { status })).id, 'U_PO', { title: 'Edited' }))).toMatchObject({
        code: 'item.wrong_status',
      });
    }
  });
});

describe('icebox, reject and revive', () => {
  it('iceboxes a backlog item out of the order and tells the requester', async () => {
    const [a] = await seed('A', 'B');
    expect(await h.services.backlog.toIcebox(team.id, a!.id, 'U_PO', ' Later ')).toMatchObject({ status: 'icebox', rank: null });
    expect(await titles()).toEqual(['B']);
    expect(await h.repos.itemEvents.listForItem(a!.id)).toMatchObject([{ kind: 'status', fromValue: 'backlog', toValue: 'icebox', reason: 'Later' }]);
    expect(await h.outbox()).toMatchObject([{ kind: 'triage.outcome', payload: { itemId: a!.id, userId: 'U_ALICE' } }]);
    expect(await h.services.backlog.icebox(team.id, 10)).toMatchObject({ total: 1, items: [{ id: a!.id }] });
  });

  it("rejects with a required reason, as won't-have", async () => {
    const [a] = await seed('A');
    expect(await caught(() => h.services.backlog.reject(team.id, a!.id, 'U_PO', '  '))).toMatchObject({ code: 'item.invalid' });
    expect(await h.services.backlog.reject(team.id, a!.id, 'U_PO', 'Legal said no')).toMatchObject({
      status: 'rejected',
      moscow: 'wont',
      rejectReason: 'Legal said no',
      rank: null,
    });
    expect((await h.outbox()).map((row) => row.kind)).toEqual(['triage.outcome']);
  });

  it('revives an icebox item by priority, or at the bottom when it has none', async () => {
    await h.item(team, { title: 'Must', moscow: 'must' });
    await h.item(team, { title: 'Could', moscow: 'could' });
    const should = await h.item(team, { title: 'Iced should', status: 'icebox', moscow: 'should' });
    const plain = await h.item(team, { title: 'Iced plain', status: 'icebox' });
    expect((await h.services.backlog.revive(team.id, should.id, 'U_PO')).status).toBe('backlog');
    await h.services.backlog.revive(team.id, plain.id, 'U_PO');
    expect(await titles()).toEqual(['Must', 'Iced should', 'Could', 'Iced plain']);
    expect(await rankReasons(should)).toEqual(['priority']);
    expect(await rankReasons(plain)).toEqual(['bottom']);
    expect((await h.repos.itemEvents.listForItem(should.id))[0]).toMatchObject({ kind: 'status', fromValue: 'icebox', toValue: 'backlog', reason: 'revived' });
    expect(await caught(() => h.services.backlog.revive(team.id, should.id, 'U_PO'))).toMatchObject({ code: 'item.wrong_status' });
  });
});

describe('Definition of Ready', () => {
  it('checks details, estimate and open questions by default', async () => {
    await h.item(team, { title: 'Ready', storyPoints: 3 });
    await h.item(team, { title: 'Bare', details: 'short' });
    await h.item(team, { title: 'Asked', storyPoints: 3, openQuestion: 'Which?' });
    await h.item(team, { title: 'Answered', storyPoints: 3, openQuestion: 'Which?', questionAnswer: 'This' });
    const readiness = (await h.services.backlog.listWithReadiness(team.id)).map((entry) => [entry.item.title, entry.position, entry.readiness.missingRules]);
    expect(readiness).toEqual([
      ['Ready', 1, []],
      ['Bare', 2, ['details', 'estimated']],
      ['Asked', 3, ['no_open_question']],
      ['Answered', 4, []],
    ]);
    expect(await h.services.backlog.health(team.id)).toEqual({ top: 4, ready: 2, estimated: 3, readyAndEstimated: 2, total: 4 });
  });

  it('lets the PO replace the checklist (deduplicated), refusing unknown rules', async () => {
    await h.item(team, { title: 'Big', storyPoints: 20 });
    expect(await h.services.backlog.setReadyChecklist(team.id, 'U_PO', ['small_enough', 'prioritised', 'small_enough'])).toEqual([
      'small_enough',
      'prioritised',
    ]);
    expect(await h.services.backlog.readyRules(team.id)).toEqual(['small_enough', 'prioritised']);
    expect((await h.services.backlog.listWithReadiness(team.id))[0]!.readiness.missingRules).toEqual(['small_enough', 'prioritised']);
    expect(await caught(() => h.services.backlog.setReadyChecklist(team.id, 'U_PO', ['vibes']))).toMatchObject({ code: 'item.invalid' });
  });
});

describe('paging', () => {
  it('clamps the page and numbers positions across pages', async () => {
    for (let i = 1; i <= 5; i += 1) await h.item(team, { title: `Item ${i}` });
    const last = await h.services.backlog.page(team.id, 9, 2);
    expect(last).toMatchObject({ total: 5, page: 2, pageCount: 3 });
    expect(last.entries.map((entry) => [entry.item.title, entry.position])).toEqual([['Item 5', 5]]);
  });
});
