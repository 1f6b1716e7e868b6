import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { backoffMs, classifySlackError, createOutboxDispatcher } from '../../../src/slack/outbox/dispatcher.js';
import { RenderDeferred, type RendererRegistry } from '../../../src/slack/outbox/types.js';
import { onPostgres, openTestStorage, type TestStorage } from '../../helpers/testEngine.js';

let test: TestStorage | undefined;
afterEach(async () => {
  await test?.close();
  test = undefined;
});

async function setup(renderers: RendererRegistry, apiCall: (method: string, args: unknown) => Promise<unknown>) {
  test = await openTestStorage();
  const repos = test.storage.repos;
  let now = Date.parse('2026-11-23T09:00:00Z');
  const clock = () => new Date(now);
  const dispatcher = createOutboxDispatcher({
    repos,
    client: { apiCall } as never,
    renderers,
    clock,
    logger: createLogger('error', { sink: () => undefined }),
  });
  return { repos, dispatcher, advance: (ms: number) => (now += ms), at: () => now };
}

describe('outbox dispatcher', () => {
  it('a message waiting for another (RenderDeferred) keeps its retries, and is sent once it can be', async () => {
    let waits = 12;
    const sent: unknown[] = [];
    const { repos, dispatcher, advance, at } = await setup(
      {
        'generic.dm': {
          render: ({ userId, text }) => {
            if (waits > 0) {
              waits -= 1;
              throw new RenderDeferred('parent not posted yet', 1_000);
            }
            return { method: 'chat.postMessage', args: { channel: userId, text } };
          },
        },
      },
      async (_method, args) => {
        sent.push(args);
        return { ok: true, ts: '1.1', channel: 'D1' };
      },
    );
    await repos.outbox.enqueue({ dedupeKey: 'k', kind: 'generic.dm', payload: { kind: 'generic.dm', userId: 'U1', text: 'hi' }, at: at() });
    for (let i = 0; i < 13; i += 1) {
      await dispatcher.drain();
      advance(2_000);
    }
    expect(sent).toEqual([{ channel: 'U1', text: 'hi' }]);
    expect(await repos.outbox.findByKey('k')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('gives up on a message that waited a whole day', async () => {
    const { repos, dispatcher, advance, at } = await setup(
      {
        'generic.dm': {
          render: () => {
            throw new RenderDeferred('never', 60_000);
          },
        },
      },
      async () => ({ ok: true }),
    );
    await repos.outbox.enqueue({ dedupeKey: 'k', kind: 'generic.dm', payload: { kind: 'generic.dm', userId: 'U1', text: 'hi' }, at: at() });
    await dispatcher.drain();
    expect((await repos.outbox.findByKey('k'))!.status).toBe('pending');
    advance(25 * 60 * 60 * 1000);
    await dispatcher.drain();
    expect((await repos.outbox.findByKey('k'))!.status).toBe('failed');
  });
});

describe('outbox repository: claiming', () => {
  it('claims due rows oldest first in one write, counts the attempt, and hides them until the lease ends', async () => {
    test = await openTestStorage();
    const { outbox } = test.storage.repos;
    const at = Date.parse('2026-11-23T09:00:00Z');
    await outbox.enqueue({ dedupeKey: 'later', kind: 'generic.dm', payload: {}, at: at + 60_000 });
    await outbox.enqueue({ dedupeKey: 'b', kind: 'generic.dm', payload: {}, at: at - 1_000 });
    await outbox.enqueue({ dedupeKey: 'a', kind: 'generic.dm', payload: {}, at: at - 2_000 });
    await outbox.enqueue({ dedupeKey: 'c', kind: 'generic.dm', payload: {}, at });

    const claimed = await outbox.claimDue(at, 2, at + 60_000);
    expect(claimed.map((row) => row.dedupeKey)).toEqual(['b', 'a']);
    expect(claimed.map((row) => [row.attempts, row.nextAttemptAt, row.lastError])).toEqual([
      [1, at + 60_000, 'sending'],
      [1, at + 60_000, 'sending'],
    ]);
    expect((await outbox.claimDue(at, 50, at + 60_000)).map((row) => row.dedupeKey)).toEqual(['c']);
    expect(await outbox.claimDue(at, 50, at + 60_000)).toEqual([]);
    // A restart makes rows cut short due again where the process owns the database (SQLite). On a shared
    // one (PostgreSQL) they may be another live instance's, so they wait for their lease to run out.
    const due = onPostgres() ? at + 60_001 : at;
    expect(await outbox.releaseInterrupted(at)).toBe(onPostgres() ? 0 : 3);
    if (onPostgres()) expect(await outbox.claimDue(at, 50, at + 60_000)).toEqual([]);
    // By then 'later' (enqueued first, due at the same time) is due too.
    expect((await outbox.claimDue(due, 50, due + 60_000)).map((row) => [row.dedupeKey, row.attempts])).toEqual([
      ...(onPostgres() ? [['later', 1]] : []),
      ['b', 2],
      ['a', 2],
      ['c', 2],
    ]);
  });
});

describe('outbox error policy', () => {
  it('retries rate limits, 5xx and network errors; gives up on ok:false answers', () => {
    expect(classifySlackError({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 })).toEqual({
      permanent: false,
      reason: 'rate_limited',
      retryAfterMs: 7000,
    });
    expect(classifySlackError({ code: 'slack_webapi_http_error', statusCode: 503 }).permanent).toBe(false);
    expect(classifySlackError(new Error('socket hang up')).permanent).toBe(false);
    expect(classifySlackError({ code: 'slack_webapi_platform_error', data: { error: 'channel_not_found' } })).toEqual({
      permanent: true,
      reason: 'channel_not_found',
    });
    expect(classifySlackError({ code: 'slack_webapi_platform_error', data: { error: 'internal_error' } }).permanent).toBe(false);
  });
  it('backs off exponentially with jitter, capped at 5 minutes', () => {
    expect(backoffMs(1, () => 0.5)).toBe(1000);
    expect(backoffMs(3, () => 0.5)).toBe(4000);
    expect(backoffMs(30, () => 1)).toBe(375_000);
  });
});
