import { beforeEach, describe, expect, it } from 'vitest';
import type { Item } from '../../src/db/repositories/items.js';
import type { Team } from '../../src/db/repositories/teams.js';
import { caught, useDomainHarness } from '../helpers/domainHarness.js';

const h = useDomainHarness();
let team: Team;
beforeEach(async () => {
  team = await h.team();
});

const NOW = Date.parse('2026-11-23T09:00:00Z');

/** A suggestion through intake, a minute after the previous one (triage goes oldest first). */
async function suggest(title: string, { requester = 'U_ALICE', captured = false } = {}): Promise<Item> {
  h.clock.advance(60_000);
  const key = `V:${title}`;
  const content = { title, details: 'Some useful details here.', type: 'story' as const, neededBy: '', urgency: null };
  const origin = { teamId: team.id, source: 'command' as const, requesterId: requester, suggestedById: requester, intakeKey: key };
  if (!captured) return (await h.services.intake.submit(content, origin)).item;
  const ts = `1700000000.${String(h.clock().getTime()).slice(-6)}`;
  const from = { ...origin, source: 'reaction' as const, suggestedById: 'U_BOB', sourceChannelId: 'C_GENERAL', sourceTs: ts };
  return (await h.services.intake.capture(content, from, { channelId: 'C_GENERAL', threadTs: ts, attemptKey: key })).item;
}

const accept = (fields: Record<string, unknown> = {}) => ({
  decision: 'accept',
  type: 'bug',
  moscow: 'should',
  businessValue: null,
  timeCriticality: null,
  riskReduction: null,
  jobSize: null,
  storyPoints: null,
  position: 'priority',
  note: '',
  ...fields,
});
const decide = (item: Item, decision: Record<string, unknown>, by = 'U_PO') => h.services.triage.decide(team.id, item.id, by, decision);
const backlogTitles = async () => (await h.repos.items.listByStatus(team.id, 'backlog')).map((item) => item.title);
const reload = async (item: Item) => (await h.repos.items.findById(item.id))!;
const outcomes = async () => (await h.outbox()).filter((row) => row.kind.startsWith('triage.outcome'));

describe('who may triage', () => {
  it('lets only the Product Owner see the queue and decide, naming the PO in the refusal', async () => {
    const item = await suggest('Export to CSV');
    for (const userId of ['U_ALICE', 'U_SM', 'U_STRANGER']) {
      expect(await caught(() => h.services.triage.queue(team.id, userId))).toMatchObject({
        code: 'triage.not_po',
        details: { action: 'triage', productOwnerId: 'U_PO' },
      });
      expect(await caught(() => decide(item, { decision: 'icebox', note: '' }, userId))).toMatchObject({ code: 'triage.not_po' });
    }
    expect((await reload(item)).status).toBe('inbox');
    expect(await caught(() => h.services.triage.queue(999, 'U_PO'))).toMatchObject({ code: 'team.not_found' });
  });
});

describe('the triage queue', () => {
  it('goes oldest first, items waiting for an answer last, and counts the session ("2 of 3")', async () => {
    const asked = await suggest('First, asked');
    const second = await suggest('Second');
    const third = await suggest('Third');
    await decide(asked, { decision: 'ask', question: 'Which columns?' });
    expect((await h.services.triage.queue(team.id, 'U_PO')).map((item) => item.id)).toEqual([second.id, third.id, asked.id]);
    const card = (await h.services.triage.next(team.id, 'U_PO', { done: 1, skipped: [second.id] }))!;
    expect(card).toMatchObject({ item: { id: third.id }, position: 3, total: 4 });
    expect(await h.services.triage.next(team.id, 'U_PO', { done: 0, skipped: [second.id, third.id, asked.id] })).toBeNull();
  });

  it('lists likely duplicates first among the merge targets', async () => {
    const survivor = await h.item(team, { title: 'Login times out on mobile', moscow: 'must' });
    await h.item(team, { title: 'Dark mode' });
    await suggest('Login timeouts on mobile');
    const card = (await h.services.triage.next(team.id, 'U_PO', { done: 0, skipped: [] }))!;
    expect(card.duplicates.map((d) => d.item.id)).toEqual([survivor.id]);
    expect(card.mergeTargets[0]!.id).toBe(survivor.id);
  });
});

describe('accept', () => {
  it('places by priority, at the top or at the bottom, logging each field, the estimate, the status and the rank', async () => {
    await h.item(team, { title: 'Must A', moscow: 'must' });
    await h.item(team, { title: 'Should B', moscow: 'should' });
    await h.item(team, { title: 'Could C', moscow: 'could' });
    const byPriority = await suggest('New should');
    const top = await suggest('New top');
    const bottom = await suggest('New bottom');

    expect(await decide(byPriority, accept())).toMatchObject({ status: 'backlog', type: 'bug', moscow: 'should', triagedAt: NOW + 180_000 });
    expect(await backlogTitles()).toEqual(['Must A', 'Should B', 'New should', 'Could C']);
    await decide(top, accept({ position: 'top', moscow: 'could' }));
    expect((await backlogTitles())[0]).toBe('New top');
    const wsjf = { businessValue: 8, timeCriticality: 5, riskReduction: 3, jobSize: 2, storyPoints: 5 };
    const placed = await decide(bottom, accept({ position: 'bottom', moscow: 'must', note: 'Top customer', ...wsjf }));
    expect(await backlogTitles()).toEqual(['New top', 'Must A', 'Should B', 'New should', 'Could C', 'New bottom']);
    expect(placed).toMatchObject(wsjf);

    const logged = (await h.repos.itemEvents.listForItem(bottom.id)).map((e) => `${e.kind}:${e.field ?? ''}:${e.toValue ?? ''}:${e.reason ?? ''}`);
    expect(logged).toEqual([
      'created:status:inbox:command',
      'field:type:bug:',
      'field:moscow:must:',
      'field:business_value:8:',
      'field:time_criticality:5:',
      'field:risk_reduction:3:',
      'field:job_size:2:',
      'estimate:story_points:5:triage',
      'status:status:backlog:Top customer',
      `rank:rank:${placed.rank}:bottom`,
    ]);
    expect((await h.repos.itemEvents.listForItem(top.id)).find((e) => e.kind === 'rank')?.reason).toBe('top');
    expect((await outcomes()).map((row) => row.payload)).toMatchObject([
      { kind: 'triage.outcome', itemId: byPriority.id, userId: 'U_ALICE' },
      { kind: 'triage.outcome', itemId: top.id },
      { kind: 'triage.outcome', itemId: bottom.id },
    ]);
  });

  it.each([
    ['a partial WSJF', { businessValue: 8 }],
    ['a WSJF value off the scale', { businessValue: 4, timeCriticality: 5, riskReduction: 3, jobSize: 2 }],
    ['story points off the scale', { storyPoints: 4 }],
    ['no MoSCoW', { moscow: undefined }],
    ['no position', { position: 'middle' }],
  ])('refuses %s and leaves the item in the inbox', async (_, change) => {
    const item = await suggest('Half scored');
    expect(await caught(() => decide(item, accept(change)))).toMatchObject({ code: 'item.invalid' });
    expect(await reload(item)).toMatchObject({ status: 'inbox', moscow: null });
    expect(await h.repos.itemEvents.listForItem(item.id)).toHaveLength(1);
  });

  it('refuses an item that was already triaged, or is not the team’s', async () => {
    const item = await suggest('Twice');
    await decide(item, accept());
    expect(await caught(() => decide(item, accept()))).toMatchObject({ code: 'item.wrong_status', details: { status: 'backlog' } });
    const other = await h.team({ teamChannelId: 'C_OTHER' });
    const theirs = await h.item(other, { status: 'inbox' });
    expect(await caught(() => decide(theirs, accept()))).toMatchObject({ code: 'item.not_found' });
  });
});

describe('icebox, reject and merge', () => {
  it('iceboxes with the note as the reason, and tells the requester', async () => {
    const item = await suggest('Nice to have');
    expect(await decide(item, { decision: 'icebox', note: ' Not this quarter ' })).toMatchObject({ status: 'icebox', triagedAt: h.clock().getTime() });
    expect((await h.repos.itemEvents.listForItem(item.id)).at(-1)).toMatchObject({
      kind: 'status',
      fromValue: 'inbox',
      toValue: 'icebox',
      reason: 'Not this quarter',
      actorId: 'U_PO',
    });
    expect(await outcomes()).toMatchObject([{ payload: { kind: 'triage.outcome', itemId: item.id, userId: 'U_ALICE' } }]);
  });

  it("requires a reason to reject; a rejected item is won't-have, told to the requester by DM and in the source thread", async () => {
    const item = await suggest('Rewrite everything in Rust', { captured: true, requester: 'U_CAROL' });
    expect(await caught(() => decide(item, { decision: 'reject', reason: '   ' }))).toMatchObject({ code: 'item.invalid' });
    expect((await reload(item)).status).toBe('inbox');
    expect(await decide(item, { decision: 'reject', reason: 'Out of scope' })).toMatchObject({
      status: 'rejected',
      moscow: 'wont',
      rejectReason: 'Out of scope',
    });
    expect((await outcomes()).map((row) => row.payload)).toMatchObject([
      { kind: 'triage.outcome', itemId: item.id, userId: 'U_CAROL' },
      { kind: 'triage.outcome_thread', itemId: item.id, channelId: 'C_GENERAL', threadTs: item.sourceTs },
    ]);
  });

  it('merges a duplicate into an open item: rejected, linked, logged, and the requester follows the survivor', async () => {
    const survivor = await h.item(team, { title: 'Login times out on mobile', moscow: 'must' });
    const dup = await suggest('Login timeouts on mobile', { requester: 'U_CAROL' });
    expect(await decide(dup, { decision: 'merge', targetNumber: survivor.number, note: '' })).toMatchObject({ status: 'rejected', mergedIntoId: survivor.id });
    expect((await h.repos.itemEvents.listForItem(dup.id)).filter((e) => e.kind !== 'created')).toMatchObject([
      { kind: 'merged', field: 'merged_into', toValue: String(survivor.id), actorId: 'U_PO' },
      // The merged event names the survivor; the status change keeps only the PO's note (none here), no words.
      { kind: 'status', toValue: 'rejected', reason: null },
    ]);
    expect(await h.repos.itemFollowers.listForItem(survivor.id)).toEqual(['U_CAROL']);
    expect(await outcomes()).toHaveLength(1);
  });

  it('refuses a merge into itself, an unknown item or a closed one, naming the field', async () => {
    const dup = await suggest('Lonely');
    const done = await h.item(team, { status: 'done' });
    for (const targetNumber of [dup.number, 999, done.number]) {
      expect(await caught(() => decide(dup, { decision: 'merge', targetNumber, note: '' }))).toMatchObject({
        code: 'item.invalid',
        details: { field: 'targetNumber' },
      });
    }
    expect(await caught(() => decide(dup, { decision: 'merge', note: '' }))).toMatchObject({ code: 'item.invalid' });
    expect((await reload(dup)).status).toBe('inbox');
  });
});

describe('ask and answer', () => {
  it('asks the requester, who alone answers; the PO is told and the answer is logged', async () => {
    const item = await suggest('Export to CSV');
    expect(await decide(item, { decision: 'ask', question: 'Which columns?' })).toMatchObject({
      status: 'inbox',
      openQuestion: 'Which columns?',
      questionAnswer: null,
    });
    expect((await h.outbox()).find((row) => row.kind === 'triage.question')!.payload).toMatchObject({
      itemId: item.id,
      userId: 'U_ALICE',
      question: 'Which columns?',
      askedBy: 'U_PO',
    });

    expect(await caught(() => h.services.triage.answer(item.id, 'U_BOB', 'Name'))).toMatchObject({ code: 'item.invalid' });
    expect(await caught(() => h.services.triage.answer(item.id, 'U_ALICE', '   '))).toMatchObject({ code: 'item.invalid' });
    expect((await h.services.triage.answer(item.id, 'U_ALICE', ' Name, email and plan ')).questionAnswer).toBe('Name, email and plan');
    expect((await h.repos.itemEvents.listForItem(item.id)).map((e) => e.kind)).toEqual(['created', 'asked', 'answered']);
    expect((await h.outbox()).find((row) => row.kind === 'triage.answer_notice')!.payload).toMatchObject({ itemId: item.id, userId: 'U_PO' });
  });

  it('requires a question, and refuses answers without an open question or after triage', async () => {
    const item = await suggest('Export to CSV');
    expect(await caught(() => decide(item, { decision: 'ask', question: '' }))).toMatchObject({ code: 'item.invalid' });
    expect(await caught(() => h.services.triage.answer(item.id, 'U_ALICE', 'Unasked'))).toMatchObject({ code: 'item.wrong_status' });
    await decide(item, { decision: 'ask', question: 'Which columns?' });
    await decide(item, { decision: 'icebox', note: '' });
    expect(await caught(() => h.services.triage.answer(item.id, 'U_ALICE', 'Too late'))).toMatchObject({
      code: 'item.wrong_status',
      details: { status: 'icebox' },
    });
    expect(await caught(() => h.services.triage.answer(999, 'U_ALICE', 'Nobody'))).toMatchObject({ code: 'item.not_found' });
  });
});
