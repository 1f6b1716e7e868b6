/**
 * The app under test, in its own process: the real startRituals (HTTP mode, port 0, a temp SQLite
 * database, production log level and settings) against the fake Slack. Rows reach it through the
 * tasks below (seed data, wait for background work to finish, read memory); add a task here when
 * a row needs new data (for example thousands of backlog items).
 */
import { mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderBurndownPng } from '../src/charts/burndownChart.js';
import { configSecrets, parseConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startRituals } from '../src/server.js';
import { backlogView } from '../src/slack/features/backlog/submissions.js';
import { nextTriageView } from '../src/slack/features/triage/submissions.js';
import { chartLabels } from '../src/slack/features/reports/burndownMessages.js';
import { insertTeam } from '../test/helpers/testApp.js';
import { serveTasks } from './ipc.js';
import { growTeamTo, seedBigTeam, seedDigestTeams, seedSprint, teamItemCount } from './seed.js';

const dir = mkdtempSync(join(tmpdir(), 'rituals-bench-'));
const config = parseConfig({
  SLACK_BOT_TOKEN: process.env.SLACK_BOT_TOKEN,
  SLACK_SIGNING_SECRET: process.env.SLACK_SIGNING_SECRET,
  SLACK_API_URL: process.env.SLACK_API_URL,
  PORT: '0',
  DATABASE_PATH: join(dir, 'rituals.sqlite'),
  // Set by bench/run.ts for its PostgreSQL rows (a fresh schema; several workers may share it); else SQLite.
  DATABASE_URL: process.env.DATABASE_URL,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  LOG_FORMAT: process.env.LOG_FORMAT,
});
// Production logging (one line per request at info, written synchronously as to a pipe), into a file
// rather than the terminal the bench prints to; warnings and errors are shown there too.
const logFd = openSync(join(dir, 'app.log'), 'a');
const logger = createLogger(config.logLevel, {
  format: config.logFormat,
  secrets: configSecrets(config),
  sink: (line) => {
    writeSync(logFd, `${line}\n`);
    if (/^\S+ (WARN|ERROR) |^\{"level":"(warn|error)"/.test(line)) process.stderr.write(`${line}\n`);
  },
});
const rituals = await startRituals({ config, logger });
const { storage } = rituals;

/** A count(*) read, as a number on either engine. */
const countOf = async (text: string) => Number((await storage.query<{ n: number }>(text))[0]?.n ?? 0);
const pendingOutbox = () => countOf("SELECT count(*) AS n FROM outbox WHERE status = 'pending'");
const itemCount = () => countOf('SELECT count(*) AS n FROM items');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let idleRss = process.memoryUsage().rss;

export interface Timing {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Runs fn `iterations` times after two warm-up calls; milliseconds per call (until its promise settles, if it returns one). */
async function time(iterations: number, fn: () => unknown): Promise<Timing> {
  await fn();
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.ceil((p / 100) * samples.length) - 1)]!;
  return { n: iterations, p50: at(50), p90: at(90), p99: at(99), max: samples.at(-1)! };
}

let bigTeamId: number | null = null;
let burndownTeamId: number | null = null;
let digestAt: Date | null = null;

async function shutdown(): Promise<void> {
  await rituals.stop();
  rmSync(dir, { recursive: true, force: true });
  // A normal exit, so `--cpu-prof` writes its profile.
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown());

serveTasks(
  {
    seedTeam: async () => (await insertTeam(rituals.repos, { slackTeamId: 'T1' })).id,
    /** Marks the current footprint as idle (after start-up and seeding, before any load). */
    markIdle: () => {
      idleRss = process.memoryUsage().rss;
      return idleRss;
    },
    memory: () => ({ idleRss, rss: process.memoryUsage().rss, peakRss: process.resourceUsage().maxRSS * 1024 }),
    /** Waits until background work (event listeners, outbox sends) has finished. */
    settle: async () => {
      // Acked events may still be queued (a burst is acked faster than it is handled): wait them out first.
      await rituals.events.idle();
      const deadline = Date.now() + 60_000;
      let previous = -1;
      while (Date.now() < deadline) {
        await rituals.events.idle();
        await rituals.outbox.drain();
        const items = await itemCount();
        if ((await pendingOutbox()) === 0 && items === previous) return { items };
        previous = items;
        await sleep(200);
      }
      throw new Error('the app did not settle within 60 s');
    },
    counts: async () => ({ items: await itemCount(), pendingOutbox: await pendingOutbox() }),
    /** Grows the /backlog and /triage team to `total` items of its own (the load rows' items come on top). */
    seedItems: async ({ total }: { total: number }) => {
      bigTeamId ??= await seedBigTeam(rituals.repos);
      const t0 = performance.now();
      await growTeamTo(rituals.repos, bigTeamId, total, Date.now());
      if (storage.engine === 'sqlite') await storage.query('PRAGMA optimize');
      return { teamItems: await teamItemCount(rituals.repos, bigTeamId), items: await itemCount(), seconds: (performance.now() - t0) / 1000 };
    },
    /**
     * After bulk seeding on PostgreSQL, what autovacuum gives a table soon after (seedItems runs SQLite's
     * `PRAGMA optimize`): planner statistics and a visibility map (index-only scans). Only this schema's
     * tables: a bare VACUUM would also walk every other schema on the server.
     */
    analyzeDatabase: async () => {
      if (storage.engine !== 'postgres') return storage.engine;
      const tables = await storage.query<{ name: string }>('SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename');
      if (tables.length > 0) await storage.query(`VACUUM (ANALYZE) ${tables.map((t) => `"${t.name}"`).join(', ')}`);
      return storage.engine;
    },
    /** What the /backlog and /triage listeners build for the first page (domain reads + Block Kit), as the PO. */
    viewTimes: async ({ iterations }: { iterations: number }) => {
      const teamId = bigTeamId!;
      const deps = rituals.deps;
      return {
        backlog: await time(iterations, async () => backlogView(deps, (await deps.repos.teams.findById(teamId))!, 'U_PO', 0)),
        triage: await time(iterations, async () =>
          nextTriageView(deps, (await deps.repos.teams.findById(teamId))!, 'U_PO', { done: 0, skipped: [], cardNumber: 1 }),
        ),
      };
    },
    /** A 20-day sprint with 500 items and 20,000 events, in its own team. */
    seedBurndown: async () => {
      const t0 = performance.now();
      const team = await insertTeam(rituals.repos, { slackTeamId: 'T1', name: 'Burn', teamChannelId: 'C_BURN', stakeholderChannelId: null, burndownDays: '' });
      burndownTeamId = team.id;
      const sprintId = await seedSprint(rituals.repos, team.id, { items: 500, events: 20_000, now: Date.now() });
      return { events: (await rituals.repos.itemEvents.listForSprint(sprintId)).length, seconds: (performance.now() - t0) / 1000 };
    },
    /** The burndown the /burndown command and the scheduled post render: series from the event log, SVG, PNG. */
    burndownTimes: async ({ iterations }: { iterations: number }) => {
      const teamId = burndownTeamId!;
      const reports = rituals.services.reports;
      const report = await reports.burndown(teamId);
      return {
        series: await time(iterations, () => reports.burndown(teamId)),
        png: await time(iterations, () => renderBurndownPng({ ...chartLabels(report), burndown: report.burndown })),
        total: await time(iterations, async () => {
          const fresh = await reports.burndown(teamId);
          return renderBurndownPng({ ...chartLabels(fresh), burndown: fresh.burndown });
        }),
        events: report.burndown.items.length,
      };
    },
    /** `count` teams whose weekly digest falls due tomorrow (so the live cron never sends them). */
    seedDigestTeams: async ({ count: teams }: { count: number }) => {
      const t0 = performance.now();
      const tomorrow = new Date(Date.now() + 86_400_000);
      digestAt = new Date(Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate(), 16, 0));
      await seedDigestTeams(rituals.repos, teams, digestAt, Date.now());
      return { seconds: (performance.now() - t0) / 1000 };
    },
    /** The scheduled-reports sweep at the digests' due minute: every team's digest posted (and its chart uploaded). */
    digestFanOut: async () => {
      const t0 = performance.now();
      const sent = await rituals.deps.reports.runDue(new Date(digestAt!.getTime() + 60_000));
      return { sent, seconds: (performance.now() - t0) / 1000 };
    },
  },
  { port: rituals.port },
);
