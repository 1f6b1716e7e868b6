import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../helpers/fakeSlack.js';
import { TEST_SIGNING_SECRET } from '../helpers/signedClient.js';
import { TEST_BOT_TOKEN } from '../helpers/testApp.js';

/** Children still running when a test fails are killed after the file. */
const children: ReturnType<typeof spawn>[] = [];

/** Runs `src/main.ts` like `npm start` does (without the build step), in a clean environment. */
function runMain(env: Record<string, string>, { cwd }: { cwd: string }) {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(process.cwd(), 'src/main.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

describe('npm start', () => {
  let dir: string;
  let slack: FakeSlack;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rituals-start-'));
    slack = await startFakeSlack();
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await slack.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits non-zero naming each missing setting and pointing at the README', async () => {
    const run = runMain({}, { cwd: dir });
    const code = await run.exited;
    expect(code).not.toBe(0);
    expect(run.output()).toContain('SLACK_BOT_TOKEN');
    expect(run.output()).toContain('SLACK_SIGNING_SECRET');
    expect(run.output()).toContain('README.md');
    expect(run.output()).not.toMatch(/at .*\.ts:\d+/); // one readable message, no stack trace
  });

  it('never prints a token, even an invalid one', async () => {
    const run = runMain(
      { SLACK_BOT_TOKEN: 'secret-not-a-bot-token', SLACK_SIGNING_SECRET: 'abc', SLACK_APP_TOKEN: 'xoxb-wrong-kind-123', PORT: 'eighty' },
      { cwd: dir },
    );
    expect(await run.exited).not.toBe(0);
    const output = run.output();
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'PORT']) expect(output).toContain(name);
    expect(output).not.toContain('secret-not-a-bot-token');
    expect(output).not.toContain('xoxb-wrong-kind-123');
  });

  it('serves /healthz in HTTP mode, creates an owner-only database, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const dbPath = join(dir, 'nested', 'rituals.sqlite');
    const run = runMain(
      { SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: String(port), DATABASE_PATH: dbPath },
      { cwd: dir },
    );
    let status = 0;
    let keepAlive: string | null = null;
    for (let i = 0; i < 100 && status !== 200; i += 1) {
      [status, keepAlive] = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => [r.status, r.headers.get('keep-alive')] as const,
        () => [0, null] as const,
      );
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
    // Idle connections outlive a load balancer's 60 s, not Node's default 5 s.
    expect(keepAlive).toBe('timeout=65');
    expect(statSync(dbPath).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'nested')).mode & 0o777).toBe(0o700);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).not.toContain(TEST_BOT_TOKEN);
  });

  it('refuses .env.example copied as .env, naming each placeholder, before calling Slack', async () => {
    const { copyFileSync } = await import('node:fs');
    const envDir = mkdtempSync(join(tmpdir(), 'rituals-example-'));
    copyFileSync(join(process.cwd(), '.env.example'), join(envDir, '.env'));
    const before = slack.calls.length;
    const run = runMain({ SLACK_API_URL: slack.apiUrl }, { cwd: envDir });
    expect(await run.exited).toBe(78);
    expect(run.output()).toMatch(/SLACK_BOT_TOKEN is still a placeholder/);
    expect(run.output()).toMatch(/SLACK_SIGNING_SECRET is still a placeholder/);
    expect(run.output()).not.toContain('SLACK_APP_TOKEN');
    expect(slack.calls.length).toBe(before);
    rmSync(envDir, { recursive: true, force: true });
  });

  it.each([
    ['SLACK_APP_TOKEN', 'apps.connections.open'],
    ['SLACK_BOT_TOKEN', 'auth.test'],
  ])('reports a token Slack rejects under its own name: %s (%s fails)', async (variable, method) => {
    slack.fail(method, { kind: 'error', error: 'invalid_auth' });
    const run = runMain(
      {
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_APP_TOKEN: 'xapp-1-A1-test-token',
        SLACK_API_URL: slack.apiUrl,
        DATABASE_PATH: join(dir, `${method}.sqlite`),
      },
      { cwd: dir },
    );
    expect(await run.exited).toBe(78);
    slack.clearFaults();
    expect(run.output()).toContain(`Slack rejected ${variable} (invalid_auth)`);
    expect(run.output()).not.toContain(`Slack rejected ${variable === 'SLACK_APP_TOKEN' ? 'SLACK_BOT_TOKEN' : 'SLACK_APP_TOKEN'}`);
  });

  it('reads settings from .env when present', async () => {
    const { writeFileSync } = await import('node:fs');
    const envDir = mkdtempSync(join(tmpdir(), 'rituals-env-'));
    writeFileSync(join(envDir, '.env'), 'SLACK_BOT_TOKEN=xoxb-from-dotenv\nSLACK_SIGNING_SECRET=short\n');
    const run = runMain({}, { cwd: envDir });
    expect(await run.exited).not.toBe(0);
    // The bot token came from .env (no complaint about it); the too-short secret is named.
    expect(run.output()).not.toContain('SLACK_BOT_TOKEN');
    expect(run.output()).toContain('SLACK_SIGNING_SECRET');
    rmSync(envDir, { recursive: true, force: true });
  });
});
