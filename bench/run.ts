/**
 * `npm run bench`: the real app and a bare reference Bolt app, each in its own process, against a
 * fake Slack in a third process, driven over loopback by this process with signed requests.
 * Settings: BENCH_SECONDS (per run, default 5), BENCH_WARMUP_SECONDS (default 2),
 * BENCH_CONCURRENCY (default "10,50"), BENCH_ROWS (substring filter), BENCH_CPU_PROF=1 (writes a
 * .cpuprofile of the app to bench/profiles/).
 */
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
    const result = await runLoad({ port: workers[target].ready.port, secret: TEST_SIGNING_SECRET, concurrency: 1, seconds: 30, maxRequests: 1, next: () => request });
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
  const drive = (duration: number) => runLoad({ port: target.ready.port, secret: TEST_SIGNING_SECRET, concurrency, seconds: duration, next });
  await drive(warmupSeconds);
  await target.call('settle');
  await slack.call('resetCounts');
  const cpuBefore = await cpuSnapshot(target);
  const result = await drive(seconds);
  // Background work (event handling, outbox sends) belongs to this row, not the next one.
  await target.call('settle');
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
  return { row, concurrency, result, slackCalls, cpuPerRequest };
}

async function cpuSnapshot(target: { call<T>(task: string): Promise<T> }) {
  const own = process.cpuUsage();
  return { target: await target.call<number>('cpuMicros'), slack: await slack.call<number>('cpuMicros'), driver: own.user + own.system };
}

const selected = rows.filter((row) => !filter || row.baseline === null || row.name.includes(filter));
for (const concurrency of concurrencies) {
  for (const row of selected) {
    process.stderr.write(`bench: ${row.name} at concurrency ${concurrency}...\n`);
    measured.push(await measure(row, concurrency));
  }
}

const appMemory = await app.call<{ idleRss: number; peakRss: number }>('memory');
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
console.log(`\nAck latency over loopback; ${seconds} s per run after a ${warmupSeconds} s warm-up; node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${mb(totalmem())} RAM.\n`);
console.log(line(header));
console.log(line(header.map(() => '---')));
for (const cells of table) console.log(line(cells));
console.log('\nPer request: Slack calls (counted by the fake Slack after the run settled) and CPU time of each process:');
for (const m of measured) {
  const cpu = m.cpuPerRequest;
  console.log(`- ${m.row.name} @${m.concurrency}: ${m.slackCalls || 'no Slack calls'}; CPU ${(cpu.target / 1000).toFixed(2)} ms in the app, ${(cpu.slack / 1000).toFixed(2)} ms in the fake Slack, ${(cpu.driver / 1000).toFixed(2)} ms in the load generator`);
}
const slowest = Math.max(...measured.map((m) => m.result.max));
console.log(`\nSlowest ack of the whole run: ${ms(slowest)} ms (Slack gives up at ${SLACK_DEADLINE_MS} ms)${slowest > SLACK_DEADLINE_MS / 2 ? '  <-- TOO CLOSE' : ''}.`);
console.log(`App RSS: idle ${mb(appMemory.idleRss)}, peak ${mb(appMemory.peakRss)}. Reference app RSS: idle ${mb(referenceMemory.idleRss)}, peak ${mb(referenceMemory.peakRss)}.`);
