import { beforeEach, describe, expect, it } from 'vitest';
import type { Item } from '../../src/db/repositories/items.js';
import type { Team } from '../../src/db/repositories/teams.js';
import { caught, useDomainHarness } from '../helpers/domainHarness.js';

const h = useDomainHarness();
let team: Team;
beforeEach(() => {
  team = h.team();
});

const titles = () => h.repos.items.listByStatus(team.id, 'backlog').map((item) => item.title);
const reload = (item: Item) => h.repos.items.findById(item.id)!;
const rankReasons = (item: Item) =>
  h.repos.itemEvents
    .listForItem(item.id)
    .filter((e) => e.kind === 'rank')
    .map((e) => e.reason);
const seed = (...names: string[]) => names.map((title) => h.item(team, { title }));

describe('reordering', () => {
  it('moves to the top, up, down and to a position, one rank event each', () => {
    const [a, b, c, d] = seed('A', 'B', 'C', 'D');
    h.services.backlog.move(team.id, d!.id, 'U_PO', { kind: 'top' });
    expect(titles()).toEqual(['D', 'A', 'B', 'C']);
    h.services.backlog.move(team.id, c!.id, 'U_PO', { kind: 'up' });
    expect(titles()).toEqual(['D', 'A', 'C', 'B']);
    h.services.backlog.move(team.id, d!.id, 'U_PO', { kind: 'down' });
    expect(titles()).toEqual(['A', 'D', 'C', 'B']);
    h.services.backlog.move(team.id, a!.id, 'U_PO', { kind: 'to', position: 3 });
    expect(titles()).toEqual(['D', 'C', 'A', 'B']);
    expect(h.services.backlog.position(team.id, a!.id)).toBe(3);
    expect(rankReasons(d!)).toEqual(['top', 'down']);
    expect(rankReasons(a!)).toEqual(['to 3']);
    expect(h.repos.itemEvents.listForItem(c!.id).at(-1)).toMatchObject({ kind: 'rank', field: 'rank', actorId: 'U_PO', fromValue: String(c!.rank) });
    expect(rankReasons(b!)).toEqual([]);
  });

  it('writes no event when the item does not move (already at the top)', () => {
    const [a] = seed('A', 'B');
    h.services.backlog.move(team.id, a!.id, 'U_PO', { kind: 'up' });
    expect(titles()).toEqual(['A', 'B']);
    expect(rankReasons(a!)).toEqual([]);
  });

  it('keeps the order when repeated moves exhaust the gap between ranks (re-spacing)', () => {
    const items = seed('A', 'B', 'C');
    for (let i = 0; i < 60; i += 1) h.services.backlog.move(team.id, items[i % 2 === 0 ? 2 : 1]!.id, 'U_PO', { kind: 'to', position: 2 });
    expect(titles()).toEqual(['A', 'B', 'C']);
    expect(new Set(h.repos.items.listByStatus(team.id, 'backlog').map((item) => item.rank)).size).toBe(3);
  });

  it('sorts by WSJF in one action, unscored items after in their order', () => {
    seed('Unscored');
    h.item(team, { title: 'Low', businessValue: 1, timeCriticality: 1, riskReduction: 1, jobSize: 8 });
    h.item(team, { title: 'High', businessValue: 8, timeCriticality: 8, riskReduction: 8, jobSize: 1 });
    expect(h.services.backlog.sortByWsjf(team.id, 'U_PO')).toBeGreaterThan(0);
    expect(titles()).toEqual(['High', 'Low', 'Unscored']);
  });

  it('refuses a position below 1, and items that are not in the backlog', () => {
    const [a] = seed('A');
    const iced = h.item(team, { status: 'icebox' });
    expect(caught(() => h.services.backlog.move(team.id, a!.id, 'U_PO', { kind: 'to', position: 0 }))).toMatchObject({ code: 'item.invalid' });
    expect(caught(() => h.services.backlog.move(team.id, iced.id, 'U_PO', { kind: 'top' }))).toMatchObject({
      code: 'item.wrong_status',
      details: { status: 'icebox' },
    });
    expect(caught(() => h.services.backlog.move(team.id, 999, 'U_PO', { kind: 'top' }))).toMatchObject({ code: 'item.not_found' });
  });
});

describe('who may change the backlog', () => {
  it('refuses everyone but the PO, naming the action', () => {
    const [a] = seed('A');
    const iced = h.item(team, { status: 'icebox' });
    const attempts: [string, () => unknown][] = [
      ['backlog.reorder', () => h.services.backlog.move(team.id, a!.id, 'U_SM', { kind: 'top' })],
      ['backlog.reorder', () => h.services.backlog.sortByWsjf(team.id, 'U_SM')],
      ['backlog.edit', () => h.services.backlog.edit(team.id, a!.id, 'U_ALICE', { title: 'Mine' })],
      ['backlog.icebox', () => h.services.backlog.toIcebox(team.id, a!.id, 'U_ALICE', null)],
      ['backlog.reject', () => h.services.backlog.reject(team.id, a!.id, 'U_ALICE', 'No')],
      ['backlog.revive', () => h.services.backlog.revive(team.id, iced.id, 'U_ALICE')],
      ['backlog.ready_rules', () => h.services.backlog.setReadyChecklist(team.id, 'U_SM', ['details'])],
    ];
    for (const [action, attempt] of attempts) expect(caught(attempt)).toMatchObject({ code: 'backlog.not_po', details: { action, productOwnerId: 'U_PO' } });
    expect(reload(a!)).toMatchObject({ title: 'A', status: 'backlog', rank: a!.rank });
    expect(h.services.backlog.isPo(team.id, 'U_PO')).toBe(true);
  });
});

describe('editing', () => {
  it('logs one field event per changed column and an estimate event for points', () => {
    const [a] = seed('A');
    const wsjf = { businessValue: 8, timeCriticality: 5, riskReduction: 3, jobSize: 2 };
    const edited = h.services.backlog.edit(team.id, a!.id, 'U_PO', { title: '  New   title ', moscow: 'must', storyPoints: 5, ...wsjf });
    expect(edited).toMatchObject({ title: 'New title', moscow: 'must', storyPoints: 5, ...wsjf });
    expect(h.repos.itemEvents.listForItem(a!.id).map((e) => `${e.kind}:${e.field}:${e.toValue}`)).toEqual([
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
    const cleared = h.services.backlog.edit(team.id, a!.id, 'U_PO', unset);
    expect(cleared).toMatchObject({ storyPoints: null, businessValue: null, jobSize: null });
    expect(h.repos.itemEvents.listForItem(a!.id).at(-1)).toMatchObject({ kind: 'estimate', fromValue: '5', toValue: null, reason: 'edit' });
  });

  it.each([
    ['an empty title', { title: ' ' }],
    ['a partial WSJF', { businessValue: 8 }],
    ['points off the scale', { storyPoints: 7 }],
  ])('refuses %s', (_, edit) => {
    const [a] = seed('A');
    expect(caught(() => h.services.backlog.edit(team.id, a!.id, 'U_PO', edit))).toMatchObject({ code: 'item.invalid' });
    expect(h.repos.itemEvents.listForItem(a!.id)).toEqual([]);
  });

  it('edits items in the inbox, icebox and sprint, not done or rejected ones', () => {
    for (const status of ['inbox', 'icebox', 'in_sprint'] as const) {
      expect(h.services.backlog.edit(team.id, h.item(team, { status }).id, 'U_PO', { title: 'Edited' }).title).toBe('Edited');
    }
    for (const status of ['done', 'rejected'] as const) {
      expect(caught(() => h.services.backlog.edit(team.id, h.item(team, { status }).id, 'U_PO', { title: 'Edited' }))).toMatchObject({
        code: 'item.wrong_status',
      });
    }
  });
});

describe('icebox, reject and revive', () => {
  it('iceboxes a backlog item out of the order and tells the requester', () => {
    const [a] = seed('A', 'B');
    expect(h.services.backlog.toIcebox(team.id, a!.id, 'U_PO', ' Later ')).toMatchObject({ status: 'icebox', rank: null });
    expect(titles()).toEqual(['B']);
    expect(h.repos.itemEvents.listForItem(a!.id)).toMatchObject([{ kind: 'status', fromValue: 'backlog', toValue: 'icebox', reason: 'Later' }]);
    expect(h.outbox()).toMatchObject([{ kind: 'triage.outcome', payload: { itemId: a!.id, userId: 'U_ALICE' } }]);
    expect(h.services.backlog.icebox(team.id, 10)).toMatchObject({ total: 1, items: [{ id: a!.id }] });
  });

  it("rejects with a required reason, as won't-have", () => {
    const [a] = seed('A');
    expect(caught(() => h.services.backlog.reject(team.id, a!.id, 'U_PO', '  '))).toMatchObject({ code: 'item.invalid' });
    expect(h.services.backlog.reject(team.id, a!.id, 'U_PO', 'Legal said no')).toMatchObject({
      status: 'rejected',
      moscow: 'wont',
      rejectReason: 'Legal said no',
      rank: null,
    });
    expect(h.outbox().map((row) => row.kind)).toEqual(['triage.outcome']);
  });

  it('revives an icebox item by priority, or at the bottom when it has none', () => {
    h.item(team, { title: 'Must', moscow: 'must' });
    h.item(team, { title: 'Could', moscow: 'could' });
    const should = h.item(team, { title: 'Iced should', status: 'icebox', moscow: 'should' });
    const plain = h.item(team, { title: 'Iced plain', status: 'icebox' });
    expect(h.services.backlog.revive(team.id, should.id, 'U_PO').status).toBe('backlog');
    h.services.backlog.revive(team.id, plain.id, 'U_PO');
    expect(titles()).toEqual(['Must', 'Iced should', 'Could', 'Iced plain']);
    expect(rankReasons(should)).toEqual(['priority']);
    expect(rankReasons(plain)).toEqual(['bottom']);
    expect(h.repos.itemEvents.listForItem(should.id)[0]).toMatchObject({ kind: 'status', fromValue: 'icebox', toValue: 'backlog', reason: 'revived' });
    expect(caught(() => h.services.backlog.revive(team.id, should.id, 'U_PO'))).toMatchObject({ code: 'item.wrong_status' });
  });
});

describe('Definition of Ready', () => {
  it('checks details, estimate and open questions by default', () => {
    h.item(team, { title: 'Ready', storyPoints: 3 });
    h.item(team, { title: 'Bare', details: 'short' });
    h.item(team, { title: 'Asked', storyPoints: 3, openQuestion: 'Which?' });
    h.item(team, { title: 'Answered', storyPoints: 3, openQuestion: 'Which?', questionAnswer: 'This' });
    const readiness = h.services.backlog.listWithReadiness(team.id).map((entry) => [entry.item.title, entry.position, entry.readiness.missingRules]);
    expect(readiness).toEqual([
      ['Ready', 1, []],
      ['Bare', 2, ['details', 'estimated']],
      ['Asked', 3, ['no_open_question']],
      ['Answered', 4, []],
    ]);
    expect(h.services.backlog.health(team.id)).toEqual({ top: 4, ready: 2, estimated: 3, readyAndEstimated: 2, total: 4 });
  });

  it('lets the PO replace the checklist (deduplicated), refusing unknown rules', () => {
    h.item(team, { title: 'Big', storyPoints: 20 });
    expect(h.services.backlog.setReadyChecklist(team.id, 'U_PO', ['small_enough', 'prioritised', 'small_enough'])).toEqual(['small_enough', 'prioritised']);
    expect(h.services.backlog.readyRules(team.id)).toEqual(['small_enough', 'prioritised']);
    expect(h.services.backlog.listWithReadiness(team.id)[0]!.readiness.missingRules).toEqual(['small_enough', 'prioritised']);
    expect(caught(() => h.services.backlog.setReadyChecklist(team.id, 'U_PO', ['vibes']))).toMatchObject({ code: 'item.invalid' });
  });
});

describe('paging', () => {
  it('clamps the page and numbers positions across pages', () => {
    for (let i = 1; i <= 5; i += 1) h.item(team, { title: `Item ${i}` });
    const last = h.services.backlog.page(team.id, 9, 2);
    expect(last).toMatchObject({ total: 5, page: 2, pageCount: 3 });
    expect(last.entries.map((entry) => [entry.item.title, entry.position])).toEqual([['Item 5', 5]]);
  });
});
