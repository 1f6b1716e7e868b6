/**
 * Prometheus metrics (prom-client). Labels are bounded by our code, never by people: request kinds,
 * Slack method names, Slack's error codes, job names; no user, team or item ids. Counters and
 * histograms are updated on the request path (a cached child and one increment each); gauges that
 * need the database are computed only when /metrics is scraped.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** How a Slack request ended: its handlers finished, or one threw. */
export type RequestOutcome = 'ok' | 'error';

/** What one HTTP call to Slack came to, as the transport saw it. */
export type SlackCallOutcome = { method: string; status: number; slackError: string | null } | { method: string; failure: 'timeout' | 'network' };

export interface OutboxStats {
  pending: number;
  failed: number;
  /** created_at (ms) of the oldest pending notification, or null when none is pending. */
  oldestPendingAt: number | null;
}

export interface ScrapeSources {
  /** Read from the database on each scrape (a promise: the repositories answer asynchronously). */
  outboxStats(): Promise<OutboxStats>;
  /** Read from the database (the event inbox), hence a promise. */
  eventQueueDepth(): Promise<number> | number;
  now(): number;
}

export interface JobRun {
  job: string;
  /** Seconds between the cron slot and the start of the run; null for runs nobody scheduled (start-up catch-up). */
  lagSeconds: number | null;
  durationSeconds: number;
  outcome: 'ok' | 'error';
}

export interface AppMetrics {
  requestHandled(kind: string, outcome: RequestOutcome, seconds: number): void;
  slackCall(call: SlackCallOutcome): void;
  jobRan(run: JobRun): void;
  jobMissed(job: string): void;
  /** Connects the scrape-time gauges to their sources (once the app is built). */
  setSources(sources: ScrapeSources): void;
  /** The exposition text (app metrics and the process's default ones). */
  render(): Promise<{ contentType: string; body: string }>;
}

// Default process metrics (CPU, memory, event loop lag, GC) are per process: register them once,
// even when tests start several apps in one process.
let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

const SLACK_METHOD = /^[A-Za-z]+(\.[A-Za-z]+)+$/;
const SLACK_ERROR = /^[a-z0-9_]{1,64}$/;

function cached<T>(make: (a: string, b: string) => T): (a: string, b: string) => T {
  const children = new Map<string, T>();
  return (a, b) => {
    const key = `${a}\u0000${b}`;
    let child = children.get(key);
    if (!child) {
      child = make(a, b);
      children.set(key, child);
    }
    return child;
  };
}

/** The label a Slack method gets: its name, or "other" for anything not shaped like one. */
export function methodLabel(method: string): string {
  return SLACK_METHOD.test(method) || method === 'response_url' || method === 'file_upload' ? method : 'other';
}

export function createMetrics({ version, mode }: { version: string; mode: 'socket' | 'http' }): AppMetrics {
  const registry = new Registry();
  let sources: ScrapeSources | null = null;

  // Every metric lives in this app's registry; the scrape-time gauges read their sources when connected.
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) => new Counter<L>({ name, help, labelNames, registers: [registry] });
  const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]) =>
    new Histogram<L>({ name, help, labelNames, buckets, registers: [registry] });
  // collect() may return a promise: prom-client awaits it before reading the value, and a rejection
  // fails the scrape as a thrown error did before.
  const scrapeGauge = (name: string, help: string, read: (from: ScrapeSources) => number | Promise<number>) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        if (sources) this.set(await read(sources));
      },
    });

  new Gauge({
    name: 'rituals_info',
    help: 'Always 1; the labels say which version runs in which mode.',
    labelNames: ['version', 'mode'],
    registers: [registry],
  })
    .labels(version, mode)
    .set(1);

  // One histogram, no separate counter: its _count is the number of requests, and the request path
  // pays for one observation only.
  const requestSeconds = histogram(
    'rituals_slack_request_duration_seconds',
    'Slack requests handled, by kind and outcome, and the time until their handlers finished (events: from leaving the queue).',
    ['kind', 'outcome'],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  );
  const requestChildren = cached((kind, outcome) => requestSeconds.labels(kind, outcome));

  const apiCalls = counter('rituals_slack_api_calls_total', 'HTTP calls to Slack (Web API methods, response_url replies, file uploads), retries included.', [
    'method',
  ]);
  const apiErrors = counter(
    'rituals_slack_api_errors_total',
    "Failed calls to Slack by method and error: Slack's error code (ok:false), http_<status>, timeout or network.",
    ['method', 'error'],
  );
  const apiRateLimited = counter('rituals_slack_api_rate_limited_total', 'Calls Slack answered with 429 (rate limited), by method.', ['method']);
  const callChildren = new Map<string, ReturnType<typeof apiCalls.labels>>();
  const errorChildren = cached((method, error) => apiErrors.labels(method, error));

  scrapeGauge(
    'rituals_outbox_depth',
    'Notifications waiting in the outbox to be sent (pending, including ones waiting to retry).',
    async (from) => (await from.outboxStats()).pending,
  );
  scrapeGauge('rituals_outbox_oldest_age_seconds', 'Age of the oldest pending notification in the outbox (0 when none is pending).', async (from) => {
    const oldest = (await from.outboxStats()).oldestPendingAt;
    return oldest === null ? 0 : Math.max(0, (from.now() - oldest) / 1000);
  });
  scrapeGauge(
    'rituals_outbox_failed',
    'Notifications the outbox gave up on (Slack refused them for good); kept for inspection.',
    async (from) => (await from.outboxStats()).failed,
  );
  scrapeGauge(
    'rituals_event_queue_depth',
    'Acknowledged Events API deliveries stored in the event inbox and not finished yet (waiting, running or waiting to retry).',
    (from) => from.eventQueueDepth(),
  );

  const jobBuckets = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 300];
  const jobLag = histogram(
    'rituals_scheduled_job_lag_seconds',
    'Seconds between a scheduled job falling due (its cron minute) and starting to run.',
    ['job'],
    jobBuckets,
  );
  const jobSeconds = histogram('rituals_scheduled_job_duration_seconds', 'How long a scheduled job ran.', ['job'], jobBuckets);
  const jobRuns = counter('rituals_scheduled_job_runs_total', 'Scheduled job runs, by job and outcome.', ['job', 'outcome']);
  const jobMissed = counter(
    'rituals_scheduled_job_missed_total',
    'Cron ticks skipped because the process was busy or asleep (each job sweeps what is due on its next run).',
    ['job'],
  );

  return {
    requestHandled(kind, outcome, seconds) {
      requestChildren(kind, outcome).observe(seconds);
    },
    slackCall(call) {
      const method = methodLabel(call.method);
      let calls = callChildren.get(method);
      if (!calls) {
        calls = apiCalls.labels(method);
        callChildren.set(method, calls);
      }
      calls.inc();
      if ('failure' in call) {
        errorChildren(method, call.failure).inc();
      } else if (call.status === 429) {
        apiRateLimited.labels(method).inc();
        errorChildren(method, 'http_429').inc();
      } else if (call.status < 200 || call.status >= 300) {
        errorChildren(method, `http_${call.status}`).inc();
      } else if (call.slackError !== null) {
        errorChildren(method, SLACK_ERROR.test(call.slackError) ? call.slackError : 'other').inc();
      }
    },
    jobRan(run) {
      if (run.lagSeconds !== null) jobLag.labels(run.job).observe(Math.max(0, run.lagSeconds));
      jobSeconds.labels(run.job).observe(run.durationSeconds);
      jobRuns.labels(run.job, run.outcome).inc();
    },
    jobMissed(job) {
      jobMissed.labels(job).inc();
    },
    setSources(next) {
      sources = next;
    },
    async render() {
      const [own, process] = await Promise.all([registry.metrics(), processMetrics().metrics()]);
      return { contentType: registry.contentType, body: `${own}\n${process}` };
    },
  };
}
