/**
 * `npm run bench`: the real app and a bare reference Bolt app, each in its own process, against a
 * fake Slack in a third process, driven over loopback by this process with signed requests.
 * Settings: BENCH_SECONDS (per run, default 5), BENCH_WARMUP_SECONDS (default 2),
 * BENCH_CONCURRENCY (default "10,50"), BENCH_ROWS (substring filter), BENCH_CPU_PROF=1 (writes a
 * .cpuprofile of the app to bench/profiles/), BENCH_LOAD=0 / BENCH_DATA=0 (skip the ack-latency
 * rows / the data-size rows), BENCH_ITERATIONS (view and chart timings, default 200).
 * PostgreSQL rows (same run): the app's ack rows on one PostgreSQL instance and on BENCH_PG_INSTANCES
 * (default 3) instances sharing one database, requests round robin, and the /backlog and /triage view
 * builds at 100k items, each next to SQLite's; every engine run gets a fresh schema on BENCH_PG_URL
 * (default postgres://postgres@127.0.0.1:5432/test), dropped afterwards. BENCH_PG=0 skips them all,
 * BENCH_PG_INSTANCES=1 the several-instance rows. An unreachable server skips them with a note.
 */
import { Agent } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { TEST_SIGNING_SECRET } from '../test/helpers/signedClient.js';
import { TEST_BOT_TOKEN } from '../test/helpers/testApp.js';
import { startWorker, type Worker } from './ipc.js';
import { PayloadBuilder, runLoad, type LoadResult, type SlackRequest } from './load.js';
import { benchPgServer, createBenchSchema, printableUrl, type BenchSchema } from './pgSchema.js';
import { rows, type BenchContext, type LoadRow, type Target } from './rows.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const concurrencies = (process.env.BENCH_CONCURRENCY ?? '10,50').split(',').map(Number);
const filter = process.env.BENCH_ROWS;
const SLACK_DEADLINE_MS = 3_000;
const runLoadRows = process.env.BENCH_LOAD !== '0';
const runDataRows = process.env.BENCH_DATA !== '0';
const iterations = Number(process.env.BENCH_ITERATIONS ?? 200);
const runPgRows = process.env.BENCH_PG !== '0' && (runLoadRows || runDataRows);
const pgInstances = Math.max(1, Number(process.env.BENCH_PG_INSTANCES ?? 3));
const pgServer = benchPgServer();
/** The item count of the data rows compared across engines. */
const PG_DATA_ITEMS = 100_000;

const slack = await startWorker<{ apiUrl: string }>(new URL('./fakeSlackWorker.ts', import.meta.url));
const env = { SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: slack.ready.apiUrl };
const profile = process.env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', `--cpu-prof-dir=${new URL('./profiles', import.meta.url).pathname}`] : [];
const appWorkerUrl = new URL('./appWorker.ts', import.meta.url);
// DATABASE_URL blank: the app's rows run on SQLite even when the shell that started the bench has one set.
const app = await startWorker<{ port: number }>(appWorkerUrl, { env: { ...env, DATABASE_URL: '' }, execArgv: profile });
const reference = await startWorker<{ port: number }>(new URL('./referenceApp.ts', import.meta.url), { env });
const payloads = new PayloadBuilder();

/** What a row sees: `app` is the instance its setup talks to (the first, when several share a database). */
function contextFor(appInstance: Worker<{ port: number }>): BenchContext {
  const targets = { app: appInstance, reference };
  return {
    app: appInstance,
    reference,
    slack,
    payloads,
    async sendOnce(target: Target, request: SlackRequest) {
      const result = await runLoad({
        port: targets[target].ready.port,
        secret: TEST_SIGNING_SECRET,
        concurrency: 1,
        seconds: 30,
        maxRequests: 1,
        next: () => request,
      });
      return result.non2xx === 0 && result.errors === 0 ? 200 : 500;
    },
  };
}
const ctx = contextFor(app);

/** The processes a row is driven against: one, or several instances on one database taking the requests round robin. */
interface Group {
  name: string;
  instances: Worker<{ port: number }>[];
  ctx: BenchContext;
}
const groups: Record<Target, Group> = {
  app: { name: 'SQLite', instances: [app], ctx },
  reference: { name: 'reference', instances: [reference], ctx },
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
/** Each row's setup, per group (a submission's sealed metadata comes from a modal that group's app opened). */
const states = new Map<string, unknown>();
// One sequence per row across all groups: ids never repeat, also when two groups share a database.
const sequence = new Map<LoadRow, number>();

async function measure(row: LoadRow, concurrency: number, group: Group = groups[row.target]): Promise<Measured> {
  const key = `${group.name}: ${row.name}`;
  if (!states.has(key)) states.set(key, row.setup ? await row.setup(group.ctx) : undefined);
  const state = states.get(key);
  const instances = group.instances;
  const settle = () => Promise.all(instances.map((instance) => instance.call('settle')));
  const next = () => {
    const i = (sequence.get(row) ?? 0) + 1;
    sequence.set(row, i);
    return row.request(group.ctx, state, i);
  };
  // The timed run reuses the warm-up's connections. A burst of fresh connections into a saturated
  // Node server waits up to ~2 s for its first requests (bench/connectionBurst.ts shows it on a
  // bare http server), which measures Node's accept fairness, not the app, and not Slack's traffic.
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const ports = instances.map((instance) => instance.ready.port);
  const drive = (duration: number) => runLoad({ port: ports, secret: TEST_SIGNING_SECRET, concurrency, seconds: duration, next, agent });
  await drive(warmupSeconds);
  await settle();
  await slack.call('resetCounts');
  const cpuBefore = await cpuSnapshot(instances);
  await Promise.all(instances.map((instance) => instance.call('loopStallMs')));
  const started = performance.now();
  const result = await drive(seconds);
  const loopStallMs = Math.max(...(await Promise.all(instances.map((instance) => instance.call<number>('loopStallMs')))));
  agent.destroy();
  // Background work (event handling, outbox sends) belongs to this row, not the next one.
  await settle();
  const handledPerSecond = result.requests / ((performance.now() - started) / 1000);
  const cpuAfter = await cpuSnapshot(instances);
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

/** CPU microseconds so far: the target instances' together, the fake Slack's, this process's. */
async function cpuSnapshot(instances: Worker<{ port: number }>[]) {
  const own = process.cpuUsage();
  const target = (await Promise.all(instances.map((instance) => instance.call<number>('cpuMicros')))).reduce((sum, micros) => sum + micros, 0);
  return { target, slack: await slack.call<number>('cpuMicros'), driver: own.user + own.system };
}

const selected = runLoadRows ? rows.filter((row) => !filter || row.baseline === null || row.name.includes(filter)) : [];
for (const concurrency of concurrencies) {
  for (const row of selected) {
    process.stderr.write(`bench: ${row.name} at concurrency ${concurrency}...\n`);
    measured.push(await measure(row, concurrency));
  }
}

// PostgreSQL's ack rows come right after SQLite's (the SQLite app idles meanwhile), so both engines
// meet the same machine; its first instance stays up, idle, for its data rows after SQLite's.
const pg = {
  /** Why there are no PostgreSQL rows, or why some are missing. */
  note: null as string | null,
  schema: null as BenchSchema | null,
  instances: [] as Worker<{ port: number }>[],
  one: [] as Measured[],
  several: [] as Measured[],
};
const appRows = selected.filter((row) => row.target === 'app');
const failure = (error: unknown) => String((error as Error)?.message ?? error).split('\n')[0];

async function startPgInstance(url: string): Promise<Worker<{ port: number }>> {
  const instance = await startWorker<{ port: number }>(appWorkerUrl, { env: { ...env, DATABASE_URL: url } });
  pg.instances.push(instance);
  return instance;
}

if (runPgRows) {
  try {
    pg.schema = await createBenchSchema(pgServer);
  } catch (error) {
    pg.note = `PostgreSQL rows skipped: ${printableUrl(pgServer)} could not be reached (${failure(error)}).`;
    process.stderr.write(`bench: ${pg.note}\n`);
  }
}
if (pg.schema) {
  try {
    process.stderr.write(`bench: PostgreSQL ${pg.schema.serverVersion}, schema ${pg.schema.schema}...\n`);
    const first = await startPgInstance(pg.schema.url);
    await first.call('seedTeam');
    await first.call('settle');
    const one: Group = { name: 'PostgreSQL, 1 instance', instances: [first], ctx: contextFor(first) };
    for (const concurrency of concurrencies) {
      for (const row of appRows) {
        process.stderr.write(`bench: ${row.name} at concurrency ${concurrency}, ${one.name}...\n`);
        pg.one.push(await measure(row, concurrency, one));
      }
    }
    if (appRows.length > 0 && pgInstances > 1) {
      const others = [];
      for (let n = 1; n < pgInstances; n += 1) others.push(await startPgInstance(pg.schema.url));
      const several: Group = { name: `PostgreSQL, ${pgInstances} instances`, instances: [first, ...others], ctx: contextFor(first) };
      for (const concurrency of concurrencies) {
        for (const row of appRows) {
          process.stderr.write(`bench: ${row.name} at concurrency ${concurrency}, ${several.name}...\n`);
          pg.several.push(await measure(row, concurrency, several));
        }
      }
      await Promise.all(others.map((instance) => instance.stop()));
    }
  } catch (error) {
    pg.note = `PostgreSQL rows stopped early: ${failure(error)}`;
    process.stderr.write(`bench: ${String((error as Error)?.stack ?? error)}\n`);
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
async function commandRoundTrip(command: string, on: BenchContext = ctx): Promise<{ ackMs: number; viewsOpenMs: number; ok: boolean }> {
  const request = await on.payloads.build((client) => client.command(command, '', { user: 'U_PO', channel: 'C_BIG' }));
  const t0 = Date.now();
  const ackStart = performance.now();
  const status = await on.sendOnce('app', request);
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
/** The view builds at PG_DATA_ITEMS on each engine, and how long seeding them took. */
const engineViews: Record<'sqlite' | 'postgres', { backlog: Timing; triage: Timing; seedSeconds: number } | null> = { sqlite: null, postgres: null };
const engineNotes: string[] = [];
if (runDataRows) {
  for (const total of [10_000, 100_000]) {
    process.stderr.write(`bench: seeding ${total} items...\n`);
    const seeded = await app.call<{ teamItems: number; items: number; seconds: number }>('seedItems', { total });
    dataNotes.push(`Seeded the team to ${seeded.teamItems} items (${seeded.items} in the database) in ${seeded.seconds.toFixed(1)} s.`);
    const views = await app.call<{ backlog: Timing; triage: Timing }>('viewTimes', { iterations });
    if (total === PG_DATA_ITEMS) engineViews.sqlite = { ...views, seedSeconds: seeded.seconds };
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
await app.stop();

// PostgreSQL's data rows, on its first instance (the others are stopped), after SQLite's.
if (pg.schema && runDataRows && pg.note === null) {
  try {
    const first = pg.instances[0]!;
    process.stderr.write(`bench: seeding ${PG_DATA_ITEMS} items on PostgreSQL...\n`);
    const seeded = await first.call<{ teamItems: number; items: number; seconds: number }>('seedItems', { total: PG_DATA_ITEMS });
    await first.call('analyzeDatabase');
    engineNotes.push(`PostgreSQL: seeded the team to ${seeded.teamItems} items (${seeded.items} in the database) in ${seeded.seconds.toFixed(1)} s.`);
    const views = await first.call<{ backlog: Timing; triage: Timing }>('viewTimes', { iterations });
    engineViews.postgres = { ...views, seedSeconds: seeded.seconds };
    for (const command of ['/backlog', '/triage']) {
      const trip = await commandRoundTrip(command, contextFor(first));
      engineNotes.push(
        `PostgreSQL: ${command} end to end at ${PG_DATA_ITEMS / 1000}k items: ack ${trip.ackMs.toFixed(1)} ms, views.open answered ${trip.viewsOpenMs} ms after sending${trip.ok ? '' : '  <-- FAILED'}.`,
      );
    }
  } catch (error) {
    pg.note = `PostgreSQL data rows failed: ${failure(error)}`;
    process.stderr.write(`bench: ${String((error as Error)?.stack ?? error)}\n`);
  }
}
if (pg.schema) {
  await Promise.all(pg.instances.map((instance) => instance.stop()));
  await pg.schema.drop().catch((error: unknown) => process.stderr.write(`bench: could not drop schema ${pg.schema?.schema}: ${failure(error)}\n`));
}

const referenceMemory = await reference.call<{ idleRss: number; peakRss: number }>('memory');
await reference.stop();
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

// PostgreSQL next to SQLite, and several PostgreSQL instances next to one.
const ratio = (value: number, base: number) => (Number.isFinite(value) && Number.isFinite(base) && base > 0 ? `${(value / base).toFixed(2)}x` : '-');
const cpuMs = (m: Measured) => (m.cpuPerRequest.target / 1000).toFixed(2);
const failures = (m: Measured) => (m.result.non2xx + m.result.errors === 0 ? '0' : `${m.result.non2xx} non-2xx, ${m.result.errors} errors`);
/** One row measured against its baseline (the same row and concurrency on the other side): both, and their ratios. */
const comparedCells = (m: Measured, base: Measured | undefined): string[] => [
  m.row.name,
  String(m.concurrency),
  base ? base.result.perSecond.toFixed(0) : '-',
  base ? ms(base.result.p99) : '-',
  m.result.perSecond.toFixed(0),
  ms(m.result.p99),
  base ? ratio(m.result.perSecond, base.result.perSecond) : '-',
  base ? ratio(m.result.p99, base.result.p99) : '-',
  `${base ? cpuMs(base) : '-'} / ${cpuMs(m)}`,
  failures(m),
];
if (runPgRows) {
  const server = pg.schema ? `PostgreSQL ${pg.schema.serverVersion} at ${printableUrl(pgServer)}` : `PostgreSQL at ${printableUrl(pgServer)}`;
  console.log(`\nSQLite vs PostgreSQL, one app instance each (${server}, a fresh schema per run, dropped after):\n`);
  if (pg.note) console.log(`${pg.note}\n`);
  if (pg.one.length > 0) {
    const engineHeader = [
      'row',
      'conc',
      'SQLite req/s',
      'SQLite p99 ms',
      'PostgreSQL req/s',
      'PostgreSQL p99 ms',
      'req/s PG/SQLite',
      'p99 PG/SQLite',
      'app CPU ms/req SQLite / PG',
      'PG failures',
    ];
    console.log(line(engineHeader));
    console.log(line(engineHeader.map(() => '---')));
    for (const m of pg.one) {
      const base = measured.find((s) => s.row === m.row && s.concurrency === m.concurrency);
      console.log(line(comparedCells(m, base)));
    }
  }
  const { sqlite, postgres } = engineViews;
  if (sqlite && postgres) {
    const viewHeader = [
      'view build, team of 100k items',
      'SQLite p50 ms',
      'SQLite p99 ms',
      'PostgreSQL p50 ms',
      'PostgreSQL p99 ms',
      'p50 PG/SQLite',
      'p99 PG/SQLite',
    ];
    console.log('');
    console.log(line(viewHeader));
    console.log(line(viewHeader.map(() => '---')));
    for (const view of ['backlog', 'triage'] as const) {
      const a = sqlite[view];
      const b = postgres[view];
      console.log(line([`/${view}`, ms(a.p50), ms(a.p99), ms(b.p50), ms(b.p99), ratio(b.p50, a.p50), ratio(b.p99, a.p99)]));
    }
    console.log(
      `\n- Seeding the team to 100k items: SQLite ${sqlite.seedSeconds.toFixed(1)} s (from 10k), PostgreSQL ${postgres.seedSeconds.toFixed(1)} s (from 0).`,
    );
  }
  for (const note of engineNotes) console.log(`- ${note}`);
  if (pg.several.length > 0) {
    console.log(
      `\nPostgreSQL: one app instance vs ${pgInstances} on one database, requests round robin over them (the same load generator, concurrency in all):\n`,
    );
    const scaleHeader = [
      'row',
      'conc',
      '1 instance req/s',
      '1 instance p99 ms',
      `${pgInstances} instances req/s`,
      `${pgInstances} instances p99 ms`,
      `req/s ${pgInstances}/1`,
      `p99 ${pgInstances}/1`,
      `app CPU ms/req 1 / ${pgInstances}`,
      `${pgInstances} instances failures`,
    ];
    console.log(line(scaleHeader));
    console.log(line(scaleHeader.map(() => '---')));
    for (const m of pg.several) {
      const base = pg.one.find((s) => s.row === m.row && s.concurrency === m.concurrency);
      console.log(line(comparedCells(m, base)));
    }
  }
  const slowestPg = Math.max(0, ...[...pg.one, ...pg.several].map((m) => m.result.max));
  if (slowestPg > 0) console.log(`\nSlowest PostgreSQL ack: ${ms(slowestPg)} ms${slowestPg > SLACK_DEADLINE_MS / 2 ? '  <-- TOO CLOSE' : ''}.`);
}
