/** A closed-loop load generator: `concurrency` callers, each sending its next signed request as soon as the last one is answered. */
import { Agent, request as httpRequest } from 'node:http';
import { SignedSlackClient, signature, type SlackResponse } from '../test/helpers/signedClient.js';

export interface SlackRequest {
  body: string;
  contentType: string;
}

/** Builds request bodies with the test client's payload shapes, without sending them. */
export class PayloadBuilder extends SignedSlackClient {
  constructor(teamId = 'T1') {
    super('http://unused', undefined, teamId);
  }

  /** Answers with what would have been sent: the body as text, its content type in json. */
  override async post(body: string, { contentType = 'application/x-www-form-urlencoded' }: { contentType?: string } = {}): Promise<SlackResponse> {
    return { status: 0, text: body, json: { contentType } };
  }

  /** The body the given client call would have sent. */
  async build(send: (client: SignedSlackClient) => Promise<SlackResponse>): Promise<SlackRequest> {
    const built = await send(this);
    return { body: built.text, contentType: String(built.json.contentType) };
  }
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  /** Connection errors and timeouts (no HTTP status at all). */
  errors: number;
  /** When the slowest request was sent (ms after the run started), and whether it opened a connection. */
  slowest: { sentAtMs: number; newConnection: boolean };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function send(agent: Agent, port: number, secret: string, req: SlackRequest): Promise<{ status: number; newConnection: boolean }> {
  // A fresh timestamp and signature per request, as Slack does.
  const timestamp = Math.floor(Date.now() / 1000);
  let newConnection = false;
  return new Promise((resolve, reject) => {
    const r = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        agent,
        headers: {
          'content-type': req.contentType,
          'content-length': Buffer.byteLength(req.body),
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signature(secret, timestamp, req.body),
        },
        timeout: 10_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, newConnection }));
        res.on('error', reject);
      },
    );
    r.on('socket', (socket) => {
      // A reused keep-alive socket is already connected; a new one connects after this.
      newConnection = socket.connecting;
    });
    r.on('timeout', () => r.destroy(new Error('timeout')));
    r.on('error', reject);
    r.end(req.body);
  });
}

/**
 * Runs the load for `seconds` or until `maxRequests`, whichever comes first. Several ports (instances
 * of the app on one database) take the requests round robin, as a load balancer would spread them.
 */
export async function runLoad({
  port,
  secret,
  concurrency,
  seconds,
  maxRequests = Number.POSITIVE_INFINITY,
  next,
  agent: sharedAgent,
}: {
  port: number | readonly number[];
  secret: string;
  concurrency: number;
  seconds: number;
  maxRequests?: number;
  next: () => Promise<SlackRequest> | SlackRequest;
  /** Connections to reuse (kept alive from a warm-up, as Slack keeps them); else a fresh set. */
  agent?: Agent;
}): Promise<LoadResult> {
  const agent = sharedAgent ?? new Agent({ keepAlive: true, maxSockets: concurrency });
  const ports = typeof port === 'number' ? [port] : port;
  const latencies: number[] = [];
  let slowest = { latency: -1, sentAtMs: Number.NaN, newConnection: false };
  let non2xx = 0;
  let errors = 0;
  let started = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const caller = async () => {
    while (performance.now() < deadline && started < maxRequests) {
      const to = ports[started % ports.length]!;
      started += 1;
      const req = await next();
      const t0 = performance.now();
      try {
        const { status, newConnection } = await send(agent, to, secret, req);
        const latency = performance.now() - t0;
        latencies.push(latency);
        if (latency > slowest.latency) slowest = { latency, sentAtMs: t0 - start, newConnection };
        if (status < 200 || status >= 300) non2xx += 1;
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, caller));
  const elapsed = (performance.now() - start) / 1000;
  if (!sharedAgent) agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length + errors,
    seconds: elapsed,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    non2xx,
    errors,
    slowest: { sentAtMs: slowest.sentAtMs, newConnection: slowest.newConnection },
  };
}
