/**
 * The durable event inbox, on the real app: an Events API delivery is in the database before Slack
 * gets its 200, a delivery that cannot be stored is not acked (Slack retries it), a redelivery has
 * no second effect, and a failing listener is retried with backoff (a DomainError is not).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { seedTeam, startTestApp, type TestApp } from '../helpers/testApp.js';
import { onPostgres } from '../helpers/testEngine.js';

const MESSAGE = { ts: '1700000100.000200', user: 'U_CAROL', text: 'The export button does nothing on Safari' };

const reaction = () => ({
  type: 'reaction_added',
  user: 'U_BOB',
  reaction: 'inbox_tray',
  item: { type: 'message', channel: 'C_TEAM', ts: MESSAGE.ts },
  item_user: 'U_CAROL',
});

describe('the event inbox', () => {
  let app: TestApp;
  const items = () =>
    app.rituals.storage.query<{ id: number; source: string; sourceTs: string | null }>('SELECT id, source, source_ts AS "sourceTs" FROM items ORDER BY id');
  const row = (eventId: string) => app.rituals.repos.eventInbox.find(eventId);
  const threadReplies = () => app.slack.sent('chat.postMessage').filter((call) => call.args.thread_ts === MESSAGE.ts);

  beforeEach(async () => {
    app = await startTestApp();
    await seedTeam(app);
    app.slack.addMessage('C_TEAM', MESSAGE);
  });
  afterEach(async () => {
    await app.stop();
  });

  it('stores the whole envelope before the 200, then works it and marks it done', async () => {
    // The capture waits on Slack, so at the ack the row can only be there because the ack waited for it.
    app.slack.fail('conversations.history', { kind: 'delay', ms: 500 });
    const response = await app.client.event(reaction(), { eventId: 'EvStored' });
    expect(response.status).toBe(200);
    const stored = await row('EvStored');
    expect(stored).toMatchObject({ state: 'pending', doneAt: null });
    expect(JSON.parse(stored!.body)).toMatchObject({ type: 'event_callback', event_id: 'EvStored', team_id: 'T1', event: reaction() });
    expect(await items()).toHaveLength(0);

    await app.rituals.events.idle();
    expect(await row('EvStored')).toMatchObject({ state: 'done', attempts: 1, leaseUntil: null, lastError: null });
    expect(await items()).toMatchObject([{ source: 'reaction', sourceTs: MESSAGE.ts }]);
  });

  it('does not ack a delivery it cannot store (500: Slack retries it), and works the retry', async () => {
    const { storage } = app.rituals;
    // A trigger that refuses the insert, as a full disk would (PostgreSQL's calls a function of its own).
    if (onPostgres()) {
      await storage.query(`CREATE FUNCTION refuse_inbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk I/O error'; END $$`);
      await storage.query('CREATE TRIGGER refuse_inbox BEFORE INSERT ON event_inbox FOR EACH ROW EXECUTE FUNCTION refuse_inbox()');
    } else {
      await storage.query("CREATE TRIGGER refuse_inbox BEFORE INSERT ON event_inbox BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
    }
    // Dropped even when an assertion fails: test apps on PostgreSQL reuse their schema, emptied, in the next test.
    const acceptInserts = async () => {
      if (onPostgres()) {
        await storage.query('DROP TRIGGER IF EXISTS refuse_inbox ON event_inbox');
        await storage.query('DROP FUNCTION IF EXISTS refuse_inbox()');
      } else {
        await storage.query('DROP TRIGGER IF EXISTS refuse_inbox');
      }
    };
    try {
      const refused = await app.client.event(reaction(), { eventId: 'EvRefused' });
      expect(refused.status).toBe(500);
      await app.rituals.events.idle();
      expect(await row('EvRefused')).toBeUndefined();
      expect(app.slack.callsTo('conversations.history')).toHaveLength(0);
    } finally {
      await acceptInserts();
    }

    expect((await app.client.event(reaction(), { eventId: 'EvRefused', retryNum: 1 })).status).toBe(200);
    await app.rituals.events.idle();
    expect(await row('EvRefused')).toMatchObject({ state: 'done' });
    expect(await items()).toHaveLength(1);
  });

  it('a redelivery after the event was worked (X-Slack-Retry-Num) is acked and has no second effect', async () => {
    expect((await app.client.event(reaction(), { eventId: 'EvOnce' })).status).toBe(200);
    await app.rituals.events.idle();
    await app.rituals.outbox.drain();
    expect(await items()).toHaveLength(1);
    expect(threadReplies()).toHaveLength(1);
    const worked = await row('EvOnce');

    for (const retryNum of [1, 2]) expect((await app.client.event(reaction(), { eventId: 'EvOnce', retryNum })).status).toBe(200);
    await app.rituals.events.idle();
    await app.rituals.outbox.drain();
    expect(await row('EvOnce')).toEqual(worked);
    expect(await items()).toHaveLength(1);
    expect(threadReplies()).toHaveLength(1);
    expect(app.slack.callsTo('conversations.history')).toHaveLength(1);
    expect(await app.rituals.events.size()).toBe(0);
  });

  it('runs plain Bolt listeners from the inbox too, and retries one that throws after a backoff', async () => {
    let runs = 0;
    app.rituals.app.event('pin_added', async () => {
      runs += 1;
      if (runs === 1) throw new Error('Slack was down');
    });
    await app.client.event({ type: 'pin_added', user: 'U_BOB', channel_id: 'C_TEAM' }, { eventId: 'EvFlaky' });
    await app.rituals.events.idle();
    expect(runs).toBe(1);
    expect(await row('EvFlaky')).toMatchObject({ state: 'pending', attempts: 1, claimedBy: null, lastError: 'Error: Slack was down' });
    expect(app.logs.some((line) => line.includes('event EvFlaky failed (attempt 1); it will be retried'))).toBe(true);

    // The first backoff is 2 s; the sweep (every 2 s) then claims it again.
    const deadline = Date.now() + 8_000;
    while ((await row('EvFlaky'))!.state === 'pending' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await row('EvFlaky')).toMatchObject({ state: 'done', attempts: 2, lastError: null });
    expect(runs).toBe(2);
  });

  it('gives up at once on a listener refused by a domain rule: the same input would be refused again', async () => {
    let runs = 0;
    app.rituals.app.event('pin_added', async () => {
      runs += 1;
      throw new DomainError('team.not_found');
    });
    await app.client.event({ type: 'pin_added', user: 'U_BOB', channel_id: 'C_TEAM' }, { eventId: 'EvRefusedByRule' });
    await app.rituals.events.idle();
    expect(runs).toBe(1);
    expect(await row('EvRefusedByRule')).toMatchObject({ state: 'failed', attempts: 1 });
    expect((await row('EvRefusedByRule'))!.lastError).toContain('team.not_found');
  });

  it('leaves stored events it did not start for the next start, which works them', async () => {
    // Stopped apps claim nothing: the rows wait in the database, as after a deploy.
    await app.rituals.events.stop();
    for (const eventId of ['EvLater1', 'EvLater2']) expect((await app.client.event(reaction(), { eventId })).status).toBe(200);
    expect([(await row('EvLater1'))?.state, (await row('EvLater2'))?.state]).toEqual(['pending', 'pending']);
    await app.restart();
    await app.rituals.events.idle();
    expect([(await row('EvLater1'))?.state, (await row('EvLater2'))?.state]).toEqual(['done', 'done']);
    // Both captured the same message: one item, the second run points at it.
    expect(await items()).toHaveLength(1);
  });
});
