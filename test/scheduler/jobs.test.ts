import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Repositories } from '../../src/db/repositories/index.js';
import type { Team } from '../../src/db/repositories/teams.js';
import { createServices } from '../../src/domain/index.js';
import type { BurndownPostResult, DigestPostResult } from '../../src/domain/ports.js';
import { createLogger } from '../../src/logger.js';
import type { Job } from '../../src/scheduler/index.js';
import { createJobs } from '../../src/scheduler/jobs.js';
import type { JobsPort } from '../../src/scheduler/ports.js';
import { insertTeam } from '../helpers/testApp.js';
import { openTestStorage, type TestStorage } from '../helpers/testEngine.js';

interface FakePort extends JobsPort {
  /** What the jobs asked, in order. */
  calls: string[];
  /** What the next burndown posts answer (or throw); then 'uploaded'. */
  burndownResults: (BurndownPostResult | Error)[];
}

/** Records what the jobs asked of the platform; answers what each test tells it to. */
function fakePort(): FakePort {
  const calls: string[] = [];
  const burndownResults: (BurndownPostResult | Error)[] = [];
  return {
    calls,
    burndownResults,
    async postBurndown(teamId) {
      calls.push(`burndown ${teamId}`);
      const next = burndownResults.shift() ?? 'uploaded';
      if (next instanceof Error) throw next;
      return next;
    },
    async postDigest(teamId, request): Promise<DigestPostResult> {
      calls.push(`digest ${teamId} ${request.kind === 'weekly' ? 'weekly' : `sprint ${request.sprintId}`}`);
      return 'posted';
    },
    async refreshMemberTimezone(slackTeamId, userId) {
      calls.push(`timezone ${slackTeamId} ${userId}`);
    },
    dispatchOutbox: () => void calls.push('dispatch'),
    pruneHandledEvents: (now) => void calls.push(`prune events ${now.toISOString()}`),
    pruneOAuthStates: (now) => void calls.push(`prune states ${now.toISOString()}`),
  };
}

let test: TestStorage;
let repos: Repositories;
let now: Date;
let port: FakePort;
let logs: string[];
let jobs: Job[];
let team: Team;

async function setUp({ distribution = false } = {}) {
  test = await openTestStorage();
  repos = test.storage.repos;
  const services = createServices({ repos, clock: () => now });
  port = fakePort();
  logs = [];
  const logger = createLogger('info', { sink: (line) => logs.push(line) });
  jobs = createJobs({ services, port, logger, distribution });
  team = await insertTeam(repos);
}

/** Runs the named job at `iso` (the clock says the same). */
async function run(name: string, iso: string) {
  now = new Date(iso);
  const job = jobs.find((candidate) => candidate.name === name);
  if (!job) throw new Error(`no job ${name}`);
  await job.run(now);
}

function activeSprint(teamId: number, { startDate = '2026-11-16', endDate = '2026-11-27' } = {}) {
  return repos.sprints.insert({
    teamId,
    number: 1,
    name: 'Sprint 1',
    goal: 'Checkout',
    startDate,
    endDate,
    status: 'active',
    startedBy: 'U_SM',
    startedAt: Date.parse(`${startDate}T09:00:00Z`),
  });
}

beforeEach(() => setUp());
afterEach(() => test.close());

describe('scheduled-reports', () => {
  it('posts the burndown through the port once its time has come, and once only', async () => {
    await activeSprint(team.id);
    await run('scheduled-reports', '2026-11-23T16:59:00Z');
    expect(port.calls).toEqual([]);
    await run('scheduled-reports', '2026-11-23T17:00:00Z');
    await run('scheduled-reports', '2026-11-23T17:01:00Z');
    expect(port.calls).toEqual([`burndown ${team.id}`]);
  });

  it('gives the claim back after a passing failure, so the next minute tries again', async () => {
    await activeSprint(team.id);
    port.burndownResults.push('retry');
    await run('scheduled-reports', '2026-11-23T17:00:00Z');
    await run('scheduled-reports', '2026-11-23T17:01:00Z');
    await run('scheduled-reports', '2026-11-23T17:02:00Z');
    expect(port.calls).toEqual([`burndown ${team.id}`, `burndown ${team.id}`]);
    expect(logs.some((line) => line.includes('will be retried'))).toBe(true);
  });

  it('logs a post whose sending threw and does not send it again while its claim holds', async () => {
    await activeSprint(team.id);
    port.burndownResults.push(new Error('renderer crashed'));
    await run('scheduled-reports', '2026-11-23T17:00:00Z');
    await run('scheduled-reports', '2026-11-23T17:05:00Z');
    expect(port.calls).toEqual([`burndown ${team.id}`]);
    expect(logs.some((line) => line.includes('failed') && line.includes('renderer crashed'))).toBe(true);
  });

  it('posts the weekly digest on the team digest day, and the digest of a sprint that just closed', async () => {
    await run('scheduled-reports', '2026-11-27T16:00:00Z');
    expect(port.calls).toEqual([`digest ${team.id} weekly`]);
    const sprint = await activeSprint(team.id);
    await repos.sprints.update(sprint.id, { status: 'closed', closedBy: 'U_SM', closedAt: Date.parse('2026-11-27T16:30:00Z') });
    await run('scheduled-reports', '2026-11-27T16:31:00Z');
    expect(port.calls).toEqual([`digest ${team.id} weekly`, `digest ${team.id} sprint ${sprint.id}`]);
  });
});

describe('standup-sweep', () => {
  it('refreshes every member time zone, then prompts at the standup time and asks for the outbox once', async () => {
    await run('standup-sweep', '2026-11-23T09:29:00Z');
    expect(port.calls.filter((call) => call === 'dispatch')).toEqual([]);
    expect(port.calls.filter((call) => call.startsWith('timezone'))).toEqual(['U_ALICE', 'U_BOB', 'U_PO', 'U_SM'].map((user) => `timezone T1 ${user}`));
    port.calls.length = 0;
    await run('standup-sweep', '2026-11-23T09:30:00Z');
    expect(port.calls.at(-1)).toBe('dispatch');
    expect((await test.storage.query('SELECT id FROM outbox')).length).toBeGreaterThan(0);
    port.calls.length = 0;
    await run('standup-sweep', '2026-11-23T09:31:00Z');
    expect(port.calls).not.toContain('dispatch');
  });

  it('leaves out the teams of a workspace that uninstalled the app', async () => {
    await insertTeam(repos, { slackTeamId: 'T2', name: 'Gone', members: ['U_GONE'] });
    await repos.workspaces.markInstalled({ slackTeamId: 'T2', enterpriseId: null, at: Date.parse('2026-11-01T00:00:00Z') });
    await repos.workspaces.markUninstalled('T2', Date.parse('2026-11-20T00:00:00Z'));
    await run('standup-sweep', '2026-11-23T09:00:00Z');
    expect(port.calls.filter((call) => call.startsWith('timezone'))).toEqual(['U_ALICE', 'U_BOB', 'U_PO', 'U_SM'].map((user) => `timezone T1 ${user}`));
  });
});

describe('sprint-close-prompts', () => {
  it('queues the close prompt on the end date from 09:00 and asks for the outbox', async () => {
    await activeSprint(team.id);
    await run('sprint-close-prompts', '2026-11-27T08:45:00Z');
    expect(port.calls).toEqual([]);
    await run('sprint-close-prompts', '2026-11-27T09:00:00Z');
    await run('sprint-close-prompts', '2026-11-27T09:15:00Z');
    expect(port.calls).toEqual(['dispatch']);
  });
});

describe('housekeeping', () => {
  it('prunes handled events through the port; OAuth states and retention only in distribution mode', async () => {
    expect(jobs.map((job) => job.name)).not.toContain('prune-oauth-states');
    await run('prune-processed-events', '2026-11-23T03:17:00Z');
    expect(port.calls).toEqual(['prune events 2026-11-23T03:17:00.000Z']);
    await test.close();
    await setUp({ distribution: true });
    await run('prune-oauth-states', '2026-11-23T03:23:00Z');
    await run('workspace-data-retention', '2026-11-23T03:41:00Z');
    expect(port.calls).toEqual(['prune states 2026-11-23T03:23:00.000Z']);
  });
});
