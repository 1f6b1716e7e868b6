/**
 * `npm run bench`: the real app and a bare reference Bolt app, each in its own process, against a
 * fake Slack in a third process, driven over loopback by this process with signed requests.
 * Settings: BENCH_SECONDS (per run, default 5), BENCH_WARMUP_SECONDS (default 2),
 * BENCH_CONCURRENCY (default "10,50"), BENCH_ROWS (substring filter), BENCH_CPU_PROF=1 (writes a
 * .cpuprofile of the app to bench/profiles/), BENCH_LOAD=0 / BENCH_DATA=0 (skip the ack-latency
 * rows / the data-size rows), BENCH_ITERATIONS (view and chart timings, default 200).
 */
import { Agent } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { TEST_SIGNING_SECRET } from '../test/helpers/signedClient.js';
import { TEST_BOT_TOKEN } from '../test/helpers/testApp.js';
import { startWorker } from './ipc.js';
import { PayloadBuilder, runLoad, type LoadResult, type SlackRequest } from './load.js';
import { rows, type BenchContext, type LoadRow, type Target } from './rows.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const concurrencies = (process.env.BENCH_CONCURRENCY ?? '10,50').split(',').map(Number);
const filter = process.env.BENCH_ROWS;
const SLACK_DEADLINE_MS = 3_000;
const runLoadRows = process.env.BENCH_LOAD !== '0';
const runDataRows = process.env.BENCH_DATA !== '0';
const iterations = Number(process.env.BENCH_ITERATIONS ?? 200);

const slack = await startWorker<{ apiUrl: string }>(new URL('./fakeSlackWorker.ts', import.meta.url));
const env = { SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: slack.ready.apiUrl };
const profile = process.env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', `--cpu-prof-dir=${new URL('./profiles', import.meta.url).pathname}`] : [];
const app = await startWorker<{ port: number }>(new URL('./appWorker.ts', import.meta.url), { env, execArgv: profile });
const reference = await startWorker<{ port: number }>(new URL('./referenceApp.ts', import.meta.url), { env });
const workers = { app, reference };

const ctx: BenchContext = {
  app,
  reference,
  slack,
  payloads: new PayloadBuilder(),
  async sendOnce(target: Target, request: SlackRequest) {
    const result = await runLoad({
      port: workers[target].ready.port,
      secret: TEST_SIGNING_SECRET,
      concurrency: 1,
      seconds: 30,
      maxRequests: 1,
      next: () => request,
    });
    return result.non2xx === 0 && result.errors === 0 ? 200 : 500;
  },
};

await app.call('seedTeam');
await app.call('settle');
await app.call('markIdle');

interface Measured {
  row: LoadRow;
  concurrency: number;
  result: LoadResult;
  slackCalls: string;
  /** CPU microseconds per request in the target app, the fake Slack and this load generator. */
  cpuPerRequest: { target: number; slack: number; driver: number };
  /** Requests per second counting the time until their background work (events, outbox) was done. */
  handledPerSecond: number;
  /** The target's longest event-loop stall during the timed run (ms). */
  loopStallMs: number;
}
const measured: Measured[] = [];
const states = new Map<LoadRow, unknown>();
const sequence = new Map<LoadRow, number>();

async function measure(row: LoadRow, concurrency: number): Promise<Measured> {
  if (!states.has(row)) states.set(row, row.setup ? await row.setup(ctx) : undefined);
  const state = states.get(row);
  const target = workers[row.target];
  const next = () => {
    const i = (sequence.get(row) ?? 0) + 1;
    sequence.set(row, i);
    return row.request(ctx, state, i);
  };
  // The timed run reuses the warm-up's connections. A burst of fresh connections into a saturated
  // Node server waits up to ~2 s for its first requests (bench/connectionBurst.ts shows it on a
  // bare http server), which measures Node's accept fairness, not the app, and not Slack's traffic.
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const drive = (duration: number) => runLoad({ port: target.ready.port, secret: TEST_SIGNING_SECRET, concurrency, seconds: duration, next, agent });
  await drive(warmupSeconds);
  await target.call('settle');
  await slack.call('resetCounts');
  const cpuBefore = await cpuSnapshot(target);
  await target.call('loopStallMs');
  const started = performance.now();
  const result = await drive(seconds);
  const loopStallMs = await target.call<number>('loopStallMs');
  agent.destroy();
  // Background work (event handling, outbox sends) belongs to this row, not the next one.
  await target.call('settle');
  const handledPerSecond = result.requests / ((performance.now() - started) / 1000);
  const cpuAfter = await cpuSnapshot(target);
  const cpuPerRequest = {
    target: (cpuAfter.target - cpuBefore.target) / result.requests,
    slack: (cpuAfter.slack - cpuBefore.slack) / result.requests,
    driver: (cpuAfter.driver - cpuBefore.driver) / result.requests,
  };
  const counts = await slack.call<Record<string, { ok: number; failed: number }>>('counts');
  const slackCalls = Object.entries(counts)
    .map(([method, c]) => `${method} ${(c.ok / result.requests).toFixed(2)}${c.failed ? ` (+${c.failed} failed)` : ''}`)
    .join(', ');
  return { row, concurrency, result, slackCalls, cpuPerRequest, handledPerSecond, loopStallMs };
}

async function cpuSnapshot(target: { call<T>(task: string): Promise<T> }) {
  const own = process.cpuUsage();
  return { target: await target.call<number>('cpuMicros'), slack: await slack.call<number>('cpuMicros'), driver: own.user + own.system };
}

const selected = runLoadRows ? rows.filter((row) => !filter || row.baseline === null || row.name.includes(filter)) : [];
for (const concurrency of concurrencies) {
  for (const row of selected) {
    process.stderr.write(`bench: ${row.name} at concurrency ${concurrency}...\n`);
    measured.push(await measure(row, concurrency));
  }
}

interface Timing {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}
const dataTable: string[][] = [];
const dataNotes: string[] = [];
const timingRow = (name: string, t: Timing, target: number) => [
  name,
  String(t.n),
  t.p50.toFixed(1),
  t.p90.toFixed(1),
  t.p99.toFixed(1),
  t.max.toFixed(1),
  `${target}`,
  t.p99 <= target ? 'yes' : 'NO',
];

/** One signed command from the PO in the big team's channel: ack latency, and until the fake Slack answered views.open. */
async function commandRoundTrip(command: string): Promise<{ ackMs: number; viewsOpenMs: number; ok: boolean }> {
  const request = await ctx.payloads.build((client) => client.command(command, '', { user: 'U_PO', channel: 'C_BIG' }));
  const t0 = Date.now();
  const ackStart = performance.now();
  const status = await ctx.sendOnce('app', request);
  const ackMs = performance.now() - ackStart;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const open = await slack.call<{ at: number; response: { ok: boolean } } | null>('lastCall', 'views.open');
    if (open && open.at >= t0) return { ackMs, viewsOpenMs: open.at - t0, ok: status === 200 && open.response.ok };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { ackMs, viewsOpenMs: Number.NaN, ok: false };
}

// Peak RSS under request load, before the data rows seed 100,000 items in one transaction.
const appMemory = await app.call<{ idleRss: number; peakRss: number }>('memory');
if (runDataRows) {
  for (const total of [10_000, 100_000]) {
    process.stderr.write(`bench: seeding ${total} items...\n`);
    const seeded = await app.call<{ teamItems: number; items: number; seconds: number }>('seedItems', { total });
    dataNotes.push(`Seeded the team to ${seeded.teamItems} items (${seeded.items} in the database) in ${seeded.seconds.toFixed(1)} s.`);
    const views = await app.call<{ backlog: Timing; triage: Timing }>('viewTimes', { iterations });
    dataTable.push(timingRow(`/backlog view build, team of ${total / 1000}k items`, views.backlog, 30));
    dataTable.push(timingRow(`/triage view build, team of ${total / 1000}k items`, views.triage, 30));
    for (const command of ['/backlog', '/triage']) {
      const trip = await commandRoundTrip(command);
      dataNotes.push(
        `${command} end to end at ${total / 1000}k items: ack ${trip.ackMs.toFixed(1)} ms, views.open answered ${trip.viewsOpenMs} ms after sending${trip.ok ? '' : '  <-- FAILED'}.`,
      );
    }
  }
  process.stderr.write('bench: burndown...\n');
  const burnSeed = await app.call<{ events: number; seconds: number }>('seedBurndown');
  dataNotes.push(`Burndown sprint: 500 items, ${burnSeed.events} sprint events (20,000 item events in all) seeded in ${burnSeed.seconds.toFixed(1)} s.`);
  const burn = await app.call<{ series: Timing; png: Timing; total: Timing }>('burndownTimes', { iterations: Math.min(iterations, 50) });
  dataTable.push(timingRow('burndown series (event log replay)', burn.series, 150));
  dataTable.push(timingRow('burndown SVG + PNG render', burn.png, 150));
  dataTable.push(timingRow('burndown total (series + SVG + PNG)', burn.total, 150));
  process.stderr.write('bench: digest fan-out for 500 teams...\n');
  await app.call('seedDigestTeams', { count: 500 });
  await app.call('settle');
  await slack.call('resetCounts');
  const cpuBefore = await app.call<number>('cpuMicros');
  const fanOut = await app.call<{ sent: number; seconds: number }>('digestFanOut');
  await app.call('settle');
  const cpuAfter = await app.call<number>('cpuMicros');
  const calls = await slack.call<Record<string, { ok: number; failed: number }>>('counts');
  const callText = Object.entries(calls)
    .map(([method, c]) => `${method} ${c.ok}${c.failed ? ` (+${c.failed} failed)` : ''}`)
    .join(', ');
  const total = Object.values(calls).reduce((sum, c) => sum + c.ok + c.failed, 0);
  dataNotes.push(
    `Digest fan-out: ${fanOut.sent} of 500 digests posted in ${fanOut.seconds.toFixed(1)} s (${((fanOut.seconds * 1000) / Math.max(1, fanOut.sent)).toFixed(0)} ms per team, ${((cpuAfter - cpuBefore) / 1000 / Math.max(1, fanOut.sent)).toFixed(0)} ms app CPU per team); ${total} Slack calls: ${callText}.`,
  );
}

const afterData = await app.call<{ rss: number; peakRss: number }>('memory');
const referenceMemory = await reference.call<{ idleRss: number; peakRss: number }>('memory');
await Promise.all([app.stop(), reference.stop()]);
await slack.stop();

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '-');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const header = ['row', 'conc', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors', 'req/s vs ref', 'p99 vs ref'];
const table = measured.map(({ row, concurrency, result }) => {
  const base = measured.find((m) => m.row.name === row.baseline && m.concurrency === concurrency)?.result;
  return [
    row.name,
    String(concurrency),
    result.perSecond.toFixed(0),
    ms(result.p50),
    ms(result.p90),
    ms(result.p99),
    ms(result.max),
    String(result.non2xx),
    String(result.errors),
    base ? `${(result.perSecond / base.perSecond).toFixed(2)}x` : '(yardstick)',
    base ? `${(result.p99 / base.p99).toFixed(2)}x` : '',
  ];
});
const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
console.log(
  `\nAck latency over loopback; ${seconds} s per run after a ${warmupSeconds} s warm-up; node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${mb(totalmem())} RAM.\n`,
);
console.log(line(header));
console.log(line(header.map(() => '---')));
for (const cells of table) console.log(line(cells));
console.log('\nPer request: Slack calls (counted by the fake Slack after the run settled) and CPU time of each process:');
for (const m of measured) {
  const cpu = m.cpuPerRequest;
  console.log(
    `- ${m.row.name} @${m.concurrency}: ${m.slackCalls || 'no Slack calls'}; CPU ${(cpu.target / 1000).toFixed(2)} ms in the app, ${(cpu.slack / 1000).toFixed(2)} ms in the fake Slack, ${(cpu.driver / 1000).toFixed(2)} ms in the load generator; ${m.handledPerSecond.toFixed(0)}/s fully handled (until background work finished); longest event-loop stall ${m.loopStallMs.toFixed(0)} ms; slowest ack sent ${m.result.slowest.sentAtMs.toFixed(0)} ms into the run${m.result.slowest.newConnection ? ', on a new connection' : ''}`,
  );
}
if (dataTable.length > 0) {
  const dataHeader = ['measure', 'n', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'target ms', 'p99 within'];
  console.log(`\nData size (in the app process, ${iterations} iterations for views, ${Math.min(iterations, 50)} for charts):\n`);
  console.log(line(dataHeader));
  console.log(line(dataHeader.map(() => '---')));
  for (const cells of dataTable) console.log(line(cells));
  console.log('');
  for (const note of dataNotes) console.log(`- ${note}`);
}
const slowest = Math.max(0, ...measured.map((m) => m.result.max));
console.log(
  `\nSlowest ack of the whole run: ${ms(slowest)} ms (Slack gives up at ${SLACK_DEADLINE_MS} ms)${slowest > SLACK_DEADLINE_MS / 2 ? '  <-- TOO CLOSE' : ''}.`,
);
console.log(
  `App RSS: idle ${mb(appMemory.idleRss)}, peak under request load ${mb(appMemory.peakRss)}. Reference app RSS: idle ${mb(referenceMemory.idleRss)}, peak ${mb(referenceMemory.peakRss)}.`,
);
if (runDataRows)
  console.log(`App RSS after the data rows: ${mb(afterData.rss)} (peak ${mb(afterData.peakRss)}, while seeding 100,000 items in one transaction).`);
