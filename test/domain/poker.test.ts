import { beforeEach, describe, expect, it } from 'vitest';
import type { Item } from '../../src/db/repositories/items.js';
import type { Team } from '../../src/db/repositories/teams.js';
import { actor, caught, useDomainHarness } from '../helpers/domainHarness.js';

const h = useDomainHarness();
let team: Team;
let item: Item;
beforeEach(async () => {
  team = await h.team();
  item = await h.item(team, { title: 'Password reset' });
});

const start = async (by = 'U_ALICE') => (await h.services.poker.start(team.id, item.number, actor(by))).session.id;

describe('planning poker', () => {
  it('hides votes until the facilitator reveals, then shows them with statistics', async () => {
    const id = await start();
    expect(await h.services.poker.state(id)).toMatchObject({
      session: { facilitatorId: 'U_ALICE', channelId: 'C_TEAM', status: 'voting', round: 1 },
      stats: null,
    });
    await h.services.poker.vote(id, 1, '5', actor('U_BOB'));
    await h.services.poker.vote(id, 1, '8', actor('U_ALICE'));
    // A vote can be changed until the reveal.
    const hidden = await h.services.poker.vote(id, 1, '3', actor('U_ALICE'));
    expect(hidden.votes).toHaveLength(2);
    expect(hidden.stats).toBeNull();

    const shown = await h.services.poker.reveal(id, actor('U_ALICE'));
    expect(shown.session.status).toBe('revealed');
    expect(shown.votes.map((v) => [v.userId, v.vote]).sort()).toEqual([
      ['U_ALICE', '3'],
      ['U_BOB', '5'],
    ]);
    expect(shown.stats).toMatchObject({ average: 4, median: 4, min: 3, max: 5, spread: 2, consensus: true, suggested: 5 });
  });

  it('lets only the facilitator reveal, re-vote and accept', async () => {
    const id = await start();
    await h.services.poker.vote(id, 1, '5', actor('U_BOB'));
    expect(await caught(() => h.services.poker.reveal(id, actor('U_SM')))).toMatchObject({
      code: 'poker.not_facilitator',
      details: { facilitatorId: 'U_ALICE', action: 'poker.reveal' },
    });
    await h.services.poker.reveal(id, actor('U_ALICE'));
    expect(await caught(() => h.services.poker.revote(id, actor('U_PO')))).toMatchObject({
      code: 'poker.not_facilitator',
      details: { action: 'poker.revote' },
    });
    expect(await caught(() => h.services.poker.accept(id, 5, actor('U_BOB')))).toMatchObject({
      code: 'poker.not_facilitator',
      details: { action: 'poker.accept' },
    });
    expect((await h.repos.items.findById(item.id))!.storyPoints).toBeNull();
  });

  it('refuses late votes and a reveal without votes; a re-vote starts a hidden round', async () => {
    const id = await start();
    expect(await caught(() => h.services.poker.reveal(id, actor('U_ALICE')))).toMatchObject({ code: 'poker.closed' });
    await h.services.poker.vote(id, 1, '5', actor('U_BOB'));
    await h.services.poker.reveal(id, actor('U_ALICE'));
    expect(await caught(() => h.services.poker.vote(id, 1, '8', actor('U_PO')))).toMatchObject({ code: 'poker.closed' });
    expect(await caught(() => h.services.poker.reveal(id, actor('U_ALICE')))).toMatchObject({ code: 'poker.closed' });

    const round2 = await h.services.poker.revote(id, actor('U_ALICE'));
    expect(round2).toMatchObject({ session: { status: 'voting', round: 2 }, votes: [], stats: null });
    // A vote for the old round (a stale button) is refused.
    expect(await caught(() => h.services.poker.vote(id, 1, '8', actor('U_PO')))).toMatchObject({ code: 'poker.closed' });
    await h.services.poker.vote(id, 2, '1', actor('U_BOB'));
    await h.services.poker.vote(id, 2, '13', actor('U_PO'));
    await h.services.poker.vote(id, 2, '?', actor('U_SM'));
    expect((await h.services.poker.reveal(id, actor('U_ALICE'))).stats).toMatchObject({ consensus: false, spread: 12, unsureCount: 1 });
  });

  it('saves the accepted estimate on the item with an estimate event, and ends the session', async () => {
    const id = await start();
    await h.services.poker.vote(id, 1, '5', actor('U_BOB'));
    expect(await caught(() => h.services.poker.accept(id, 5, actor('U_ALICE')))).toMatchObject({ code: 'poker.closed' });
    await h.services.poker.reveal(id, actor('U_ALICE'));
    expect(await caught(() => h.services.poker.accept(id, 4, actor('U_ALICE')))).toMatchObject({ code: 'item.invalid' });
    expect((await h.services.poker.accept(id, 5, actor('U_ALICE'))).session).toMatchObject({ status: 'accepted', finalEstimate: 5 });
    expect((await h.repos.items.findById(item.id))!.storyPoints).toBe(5);
    expect(await h.repos.itemEvents.listForItem(item.id)).toMatchObject([
      { kind: 'estimate', field: 'story_points', actorId: 'U_ALICE', fromValue: null, toValue: '5', points: 5, reason: 'poker' },
    ]);
    expect(await caught(() => h.services.poker.revote(id, actor('U_ALICE')))).toMatchObject({ code: 'poker.closed' });
  });

  it('refuses outsiders, cards not in the deck, unknown and finished items; a new session ends the open one', async () => {
    expect(await caught(() => start('U_STRANGER'))).toMatchObject({ code: 'poker.not_member', details: { action: 'poker.start' } });
    const id = await start();
    expect(await caught(() => h.services.poker.vote(id, 1, '5', actor('U_STRANGER')))).toMatchObject({
      code: 'poker.not_member',
      details: { action: 'poker.vote' },
    });
    expect(await caught(() => h.services.poker.vote(id, 1, '4', actor('U_BOB')))).toMatchObject({ code: 'item.invalid' });
    expect(await caught(() => h.services.poker.start(team.id, 99, actor('U_ALICE')))).toMatchObject({ code: 'item.not_found' });
    const done = await h.item(team, { status: 'done' });
    expect(await caught(() => h.services.poker.start(team.id, done.number, actor('U_ALICE')))).toMatchObject({ code: 'item.wrong_status' });
    expect(await caught(() => h.services.poker.state(999))).toMatchObject({ code: 'poker.not_found' });

    const next = await start('U_BOB');
    expect((await h.services.poker.state(id)).session.status).toBe('cancelled');
    expect((await h.services.poker.state(next)).session).toMatchObject({ status: 'voting', facilitatorId: 'U_BOB' });
  });
});
