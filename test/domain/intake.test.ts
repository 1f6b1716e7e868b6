import { beforeEach, describe, expect, it } from 'vitest';
import type { Team } from '../../src/db/repositories/teams.js';
import { PERMALINK_HOLD_MS, type IntakeOrigin } from '../../src/domain/intake.js';
import { suggestionSchema, type SuggestionInput } from '../../src/domain/suggestion.js';
import { caught, useDomainHarness } from '../helpers/domainHarness.js';

const h = useDomainHarness();
let team: Team;
beforeEach(async () => {
  team = await h.team();
});

const NOW = Date.parse('2026-11-23T09:00:00Z');
const input = (title = 'Export to CSV'): SuggestionInput => ({ title, details: 'Monthly report', type: 'story', neededBy: 'Finance', urgency: null });
const suggested = (key = 'V1', overrides: Partial<IntakeOrigin> = {}): IntakeOrigin => ({
  teamId: team.id,
  source: 'command',
  requesterId: 'U_ALICE',
  suggestedById: 'U_ALICE',
  intakeKey: key,
  ...overrides,
});
const captured = (key: string, ts = '1700000000.000100'): IntakeOrigin =>
  suggested(key, { source: 'reaction', requesterId: 'U_CAROL', suggestedById: 'U_BOB', sourceChannelId: 'C_GENERAL', sourceTs: ts });
const reply = (attemptKey: string, ts = '1700000000.000100') => ({ channelId: 'C_GENERAL', threadTs: ts, attemptKey });

describe('intake.submit', () => {
  it('stores one inbox item with a number and a created event, and queues the receipt and the triage notice', async () => {
    const { item, created } = await h.services.intake.submit(input(), suggested());
    expect(created).toBe(true);
    expect(item).toMatchObject({
      teamId: team.id,
      number: 1,
      status: 'inbox',
      title: 'Export to CSV',
      requesterId: 'U_ALICE',
      intakeKey: 'V1',
      createdAt: NOW,
    });
    expect(await h.repos.itemEvents.listForItem(item.id)).toMatchObject([
      { kind: 'created', field: 'status', toValue: 'inbox', reason: 'command', actorId: 'U_ALICE', at: NOW },
    ]);
    expect(await h.outbox()).toMatchObject([
      { kind: 'suggestion.triage_notice', payload: { itemId: item.id, channelId: 'C_TRIAGE' }, nextAttemptAt: NOW, teamId: team.id },
      { kind: 'suggestion.receipt', payload: { itemId: item.id, userId: 'U_ALICE' }, teamId: team.id },
    ]);
    expect((await h.services.intake.submit(input('Another'), suggested('V2'))).item.number).toBe(2);
  });

  it('stores a submission once when it comes again with the same key (a retried view submission)', async () => {
    const first = await h.services.intake.submit(input(), suggested());
    const again = await h.services.intake.submit(input('Edited title'), suggested());
    expect(again).toEqual({ item: first.item, created: false });
    expect(await h.repos.items.countByStatus(team.id, 'inbox')).toBe(1);
    expect(await h.outbox()).toHaveLength(2);
  });

  it('queues no triage notice for a team without a triage channel', async () => {
    const quiet = await h.team({ teamChannelId: 'C_QUIET', triageChannelId: null });
    await h.services.intake.submit(input(), suggested('V1', { teamId: quiet.id }));
    expect((await h.outbox()).map((row) => row.kind)).toEqual(['suggestion.receipt']);
  });

  it('refuses an unknown team and stores nothing', async () => {
    expect(await caught(() => h.services.intake.submit(input(), suggested('V1', { teamId: 999 })))).toMatchObject({ code: 'team.not_found' });
    expect(await h.outbox()).toEqual([]);
  });
});

describe('intake.capture', () => {
  it('stores a captured message with its author as requester and replies in its thread', async () => {
    const { item, created } = await h.services.intake.capture(input(), captured('E1'), reply('E1'));
    expect(created).toBe(true);
    expect(item).toMatchObject({ status: 'inbox', source: 'reaction', requesterId: 'U_CAROL', suggestedById: 'U_BOB', sourceChannelId: 'C_GENERAL' });
    expect((await h.outbox()).map((row) => row.kind)).toEqual(['suggestion.triage_notice', 'capture.thread_reply']);
    expect((await h.outbox())[1]!.payload).toEqual({
      kind: 'capture.thread_reply',
      itemId: item.id,
      channelId: 'C_GENERAL',
      threadTs: '1700000000.000100',
      capturedBy: 'U_BOB',
      alreadyCaptured: false,
    });
    expect((await h.services.intake.findCaptured(team.id, 'C_GENERAL', '1700000000.000100'))?.id).toBe(item.id);
  });

  it('points a second capture of the same message (another key) at the existing item, with its own reply', async () => {
    const first = await h.services.intake.capture(input(), captured('E1'), reply('E1'));
    const second = await h.services.intake.capture(input('Other words'), captured('E2'), reply('E2'));
    expect(second).toEqual({ item: first.item, created: false });
    expect(await h.repos.items.countByStatus(team.id, 'inbox')).toBe(1);
    const replies = (await h.outbox()).filter((row) => row.kind === 'capture.thread_reply');
    expect(replies.map((row) => row.payload.alreadyCaptured)).toEqual([false, true]);
  });

  it('replies once to a retried capture attempt (same attempt key)', async () => {
    await h.services.intake.capture(input(), captured('E1'), reply('E1'));
    await h.services.intake.capture(input(), captured('E1'), reply('E1'));
    expect((await h.outbox()).filter((row) => row.kind === 'capture.thread_reply')).toHaveLength(1);
  });

  it('holds the triage notice while the permalink is fetched, and releases it with the permalink', async () => {
    const { item } = await h.services.intake.capture(input(), { ...captured('E1'), permalinkPending: true }, reply('E1'));
    expect((await h.outbox()).find((row) => row.kind === 'suggestion.triage_notice')!.nextAttemptAt).toBe(NOW + PERMALINK_HOLD_MS);
    h.clock.advance(500);
    await h.services.intake.attachPermalink(item.id, 'https://example.slack.com/archives/C_GENERAL/p1');
    expect((await h.repos.items.findById(item.id))!.permalink).toBe('https://example.slack.com/archives/C_GENERAL/p1');
    expect((await h.outbox()).find((row) => row.kind === 'suggestion.triage_notice')!.nextAttemptAt).toBe(NOW + 500);
  });
});

describe('suggestion content (every intake path)', () => {
  const valid = { title: '  Export   to CSV ', details: ' x ', type: 'story', neededBy: '', urgency: null };

  it('collapses the title and trims the details', () => {
    expect(suggestionSchema.parse(valid)).toMatchObject({ title: 'Export to CSV', details: 'x' });
  });

  it.each([
    ['an empty title', { title: '   ' }, 'title'],
    ['a title over 150 characters', { title: 'x'.repeat(151) }, 'title'],
    ['details over 3000 characters', { details: 'x'.repeat(3001) }, 'details'],
    ['an unknown type', { type: 'feature' }, 'type'],
  ])('refuses %s', (_, change, field) => {
    const result = suggestionSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });
});
