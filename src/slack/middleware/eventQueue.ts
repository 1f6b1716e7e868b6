/**
 * Bolt acknowledges Events API requests before any middleware runs, so an event's work (Slack
 * calls, writes) is free to pile up behind it: under a burst, hundreds of handlers in flight
 * starve the event loop and later acks wait seconds. This middleware runs event work through a
 * queue with a fixed number in flight, so acks stay fast and the work drains at its own pace.
 * It must come before dedupeEvents: an event id is recorded only once its listeners finished.
 * A queued event is in memory only, as it was before (acked events were never persisted); the
 * captures it leads to are idempotent, and Slack's retries of un-acked deliveries still dedupe.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { AppLogger } from '../../logger.js';

export interface EventQueue {
  middleware: Middleware<AnyMiddlewareArgs>;
  /** Events waiting or running. */
  size(): number;
  /** Resolves once nothing is waiting or running (shutdown, tests, benchmarks). */
  idle(): Promise<void>;
}

/** Event listeners run at most `concurrency` at a time; other requests pass straight through. */
export function createEventQueue({ concurrency = 8, logger, warnAt = 1_000 }: { concurrency?: number; logger: AppLogger; warnAt?: number }): EventQueue {
  const waiting: (() => Promise<void>)[] = [];
  let running = 0;
  let idleWaiters: (() => void)[] = [];
  let warned = false;

  const pump = (): void => {
    while (running < concurrency && waiting.length > 0) {
      const job = waiting.shift()!;
      running += 1;
      void job()
        .catch((error) => logger.error('event listener failed', error))
        .finally(() => {
          running -= 1;
          pump();
        });
    }
    if (running === 0 && waiting.length === 0) {
      warned = false;
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  };

  return {
    middleware: async ({ body, next }) => {
      if (typeof (body as { event_id?: unknown }).event_id !== 'string') {
        await next();
        return;
      }
      waiting.push(() => next());
      if (waiting.length >= warnAt && !warned) {
        warned = true;
        logger.warn(`${waiting.length} events are waiting to be handled`);
      }
      pump();
    },
    size: () => waiting.length + running,
    idle: () => (running === 0 && waiting.length === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))),
  };
}
