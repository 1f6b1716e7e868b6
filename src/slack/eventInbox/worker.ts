/**
 * Works the event inbox: claims stored deliveries with a lease, at most `concurrency` at a time (so
 * a burst of events cannot starve the acks of later requests), and runs each through Bolt's own
 * processEvent with an ack that does nothing (it was acked when stored), so every middleware and
 * listener, plain Bolt ones included, runs as for a live request. Then the row is done, or failed.
 *
 * Crash recovery is the lease: a running row's lease is renewed while it runs; when its instance
 * dies the lease runs out and the next sweep (of any instance, or of this one after a restart)
 * claims it again. An event may therefore run twice when an instance dies mid-run; the captures
 * and notices it leads to are idempotent (claimed by message and by outbox key), as for Slack's
 * own retries before.
 *
 * A listener that throws is retried with backoff (DEFAULT_EVENT_RETRY): a Slack outage or a
 * timeout passes. Not when it threw a DomainError: the rules refused this input, and would again.
 * A retry waits in the database (pending, leased until its backoff ends), not in memory.
 */
import type { AnyMiddlewareArgs, App, Middleware } from '@slack/bolt';
import type { EventInboxRow } from '../../db/repositories/eventInbox.js';
import type { Repositories } from '../../db/repositories/index.js';
import { isDomainError } from '../../domain/errors.js';
import type { AppLogger } from '../../logger.js';
import type { EventEnvelope, InboxGate } from './receiver.js';

export interface EventInbox extends InboxGate {
  /** This process's name on the rows it claims. */
  readonly instanceId: string;
  /** Mount first: it reports how an inbox run's middleware and listeners ended. */
  middleware: Middleware<AnyMiddlewareArgs>;
  /** Starts claiming (what was left by a stop or a crash included) and running through app.processEvent. */
  start(app: Pick<App, 'processEvent'>): void;
  /** Stops claiming and waits for the runs under way; unclaimed rows wait for the next start. */
  stop(): Promise<void>;
  /** Acknowledged deliveries not finished yet (waiting, running or waiting to retry), on every instance. */
  size(): Promise<number>;
  /** Resolves once this instance runs nothing and finds nothing to claim (retries waiting out their backoff aside). */
  idle(): Promise<void>;
}

export interface EventInboxOptions {
  repos: Pick<Repositories, 'eventInbox'>;
  logger: AppLogger;
  instanceId: string;
  concurrency?: number;
  /** How long a claim holds without renewal; renewed every sweep while the run lasts. */
  leaseMs?: number;
  /** How often leases are renewed and expired leases and due retries are looked for. */
  sweepMs?: number;
  /** Wall time (ms): leases are compared across processes, so not the app's (test) clock. */
  now?: () => number;
}

/** How an inbox run's middleware chain ended, as the first middleware saw it. */
interface RunOutcome {
  /** The run got through Bolt's authorization to our middleware; when not, no listener ran. */
  reached?: boolean;
  error?: unknown;
}

/** Bolt routes a failed authorize to its error handler and returns: the event must be tried again, not marked done. */
class NotAuthorizedError extends Error {
  constructor() {
    super('the event was not authorized (the install lookup or auth.test failed), so no listener ran');
    this.name = 'NotAuthorizedError';
  }
}

const describeError = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

export function createEventInbox({
  repos,
  logger,
  instanceId,
  concurrency = 8,
  leaseMs = 15_000,
  sweepMs = 2_000,
  now = Date.now,
}: EventInboxOptions): EventInbox {
  const inbox = repos.eventInbox;
  // Keyed by the body object: Bolt hands the same object to every middleware of the run.
  const outcomes = new WeakMap<object, RunOutcome>();
  const running = new Set<string>();
  let app: Pick<App, 'processEvent'> | null = null;
  let stopping = false;
  let sweeper: NodeJS.Timeout | null = null;
  let claiming = false;
  /** Something may be claimable that the last claim did not see (a new row, a finished run, a sweep). */
  let dirty = true;
  let waiters: (() => void)[] = [];

  const settle = (): void => {
    if (running.size > 0 || claiming || (dirty && app && !stopping)) return;
    const resolved = waiters;
    waiters = [];
    for (const resolve of resolved) resolve();
  };

  const finish = async (row: EventInboxRow, outcome: RunOutcome): Promise<void> => {
    if (!('error' in outcome)) {
      if (!(await inbox.complete(row.eventId, instanceId, now())))
        logger.warn(`event ${row.eventId} finished after its lease ran out (another run may have started)`);
      return;
    }
    // A rule's refusal, or a body that is not JSON, would fail the same way on every try.
    const retryable = !isDomainError(outcome.error) && !(outcome.error instanceof SyntaxError);
    const result = await inbox.fail(row.eventId, instanceId, describeError(outcome.error), now(), { retryable });
    if (result === 'retry') logger.warn(`event ${row.eventId} failed (attempt ${row.attempts}); it will be retried`, outcome.error);
    else logger.error(`event ${row.eventId} failed (attempt ${row.attempts}); given up`, outcome.error);
  };

  const run = async (row: EventInboxRow): Promise<void> => {
    const outcome: RunOutcome = {};
    try {
      const body = JSON.parse(row.body) as EventEnvelope;
      outcomes.set(body, outcome);
      // Acked when stored; Bolt's own processEvent then authorizes and runs the middleware and listeners.
      await app!.processEvent({ body: body as unknown as Record<string, unknown>, ack: async () => undefined });
      if (!outcome.reached) outcome.error ??= new NotAuthorizedError();
    } catch (error) {
      // Only what Bolt does not route to its error handler lands here (a body that is not JSON, say).
      outcome.error ??= error;
    }
    await finish(row, outcome);
  };

  const begin = (row: EventInboxRow): void => {
    running.add(row.eventId);
    void run(row)
      .catch((error) => logger.error(`could not record the outcome of event ${row.eventId}`, error))
      .finally(() => {
        running.delete(row.eventId);
        dirty = true;
        void pump();
      });
  };

  const pump = async (): Promise<void> => {
    if (claiming || !app || stopping) {
      settle();
      return;
    }
    claiming = true;
    try {
      while (dirty && running.size < concurrency && !stopping) {
        dirty = false;
        const free = concurrency - running.size;
        const at = now();
        const rows = await inbox.claim(instanceId, at, at + leaseMs, free);
        // A full batch may have left more behind.
        if (rows.length === free) dirty = true;
        for (const row of rows) begin(row);
      }
    } catch (error) {
      // The rows stay pending; the next sweep claims them.
      logger.error('could not claim events from the inbox', error);
    } finally {
      claiming = false;
      settle();
    }
  };

  const sweep = async (): Promise<void> => {
    try {
      const at = now();
      if (running.size > 0) await inbox.extendLease(instanceId, [...running], at + leaseMs);
      const abandoned = await inbox.failExhausted(at);
      if (abandoned > 0) logger.error(`${abandoned} event(s) given up: every run of theirs was cut short`);
    } catch (error) {
      logger.error('could not sweep the event inbox', error);
    }
    dirty = true;
    await pump();
  };

  return {
    instanceId,
    async accept(body) {
      const fresh = await inbox.accept(body.event_id, JSON.stringify(body), now());
      if (fresh) {
        dirty = true;
        void pump();
      }
      return fresh;
    },
    middleware: async ({ body, next }) => {
      const outcome = outcomes.get(body);
      if (!outcome) {
        await next();
        return;
      }
      outcome.reached = true;
      try {
        await next();
      } catch (error) {
        // Recorded for the worker (retry or give up), which logs it; Bolt's error handler is not called twice.
        outcome.error = error;
      }
    },
    start(target) {
      app = target;
      stopping = false;
      dirty = true;
      sweeper = setInterval(() => void sweep(), sweepMs);
      sweeper.unref();
      void pump();
    },
    async stop() {
      stopping = true;
      if (sweeper) clearInterval(sweeper);
      sweeper = null;
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        settle();
      });
    },
    size: async () => inbox.pendingCount(),
    idle: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        settle();
      }),
  };
}
