/**
 * Production: the Dockerfile's steps, run without Docker. The build stage installs everything and
 * compiles, then prunes the dev dependencies; the runtime stage gets what the Dockerfile copies and
 * nothing else, and `npm start` must run it without TypeScript, without recompiling, healthy, and stop
 * cleanly on SIGTERM. On the way, the build stage's tree is a fresh development clone: `npm ci && npm start`
 * builds once (the one compile of this file), then starts without building.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/appProcess.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fakeSlack.js';
import { TEST_SIGNING_SECRET } from '../helpers/signedClient.js';
import { TEST_BOT_TOKEN } from '../helpers/testApp.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Instruction {
  op: string;
  args: string;
}

/** The Dockerfile's stages, each a list of instructions (continuation lines joined, comments dropped). */
function dockerStages(): Instruction[][] {
  const text = readFileSync(join(root, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const stages: Instruction[][] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line || line.startsWith('#')) continue;
    const [, op = '', args = ''] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    if (op.toUpperCase() === 'FROM') stages.push([]);
    stages.at(-1)?.push({ op: op.toUpperCase(), args: args.trim() });
  }
  return stages;
}

/** Hard-links (directories recursively): as fast as a rename, and the originals are never written to. */
function linkCopy(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  const result = spawnSync('cp', ['-al', from, to]);
  expect(result.status, String(result.stderr)).toBe(0);
}

/** COPY [--from=stage] <sources...> <dest>, relative to `from` and the stage's WORKDIR /app in `to`. */
function copyInstruction(args: string, from: { context: string; build: string }, to: string): void {
  const parts = args.split(/\s+/);
  const fromStage = parts[0]!.startsWith('--from=') ? parts.shift() : undefined;
  const dest = parts.pop()!;
  for (const source of parts) {
    const origin = fromStage ? join(from.build, source.replace(/^\/app\//, '')) : join(from.context, source);
    const target = dest.endsWith('/') ? join(to, dest, source.split('/').pop()!) : join(to, dest);
    expect(existsSync(origin), `COPY source ${source}`).toBe(true);
    linkCopy(origin, target);
  }
}

/** Runs a command in its own process group, as a terminal or a supervisor would, so a signal can reach all of it. */
function run(command: string, args: string[], { cwd, env }: { cwd: string; env: Record<string, string> }) {
  const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('production install (the Dockerfile steps)', () => {
  let dir: string;
  let build: string;
  let slack: FakeSlack;
  let buildStage: Instruction[];
  let runtimeStage: Instruction[];
  const running: ReturnType<typeof run>[] = [];
  const tracked = (child: ReturnType<typeof run>) => {
    running.push(child);
    return child;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rituals-prod-'));
    build = join(dir, 'build');
    mkdirSync(build);
    slack = await startFakeSlack();
    [buildStage = [], runtimeStage = []] = dockerStages();
    // The build stage up to its first RUN after npm ci: the sources and an installed tree. `npm ci` is replaced by a
    // hard-linked copy of the installed tree (same lockfile): a real one would download and rebuild better-sqlite3.
    for (const { op, args } of buildStage) {
      if (op === 'COPY') copyInstruction(args, { context: root, build }, build);
      if (op === 'RUN' && args.startsWith('npm ci')) linkCopy(join(root, 'node_modules'), join(build, 'node_modules'));
    }
    // Every clone has the start script.
    linkCopy(join(root, 'scripts/start.mjs'), join(build, 'scripts/start.mjs'));
  });
  afterAll(async () => {
    for (const { child } of running) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await slack.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a fresh clone: `npm ci && npm start` builds once, names the missing settings; the next start does not build', async () => {
    expect(existsSync(join(build, 'dist'))).toBe(false);
    const first = tracked(run('npm', ['start'], { cwd: build, env: {} }));
    expect(await first.exited, first.output()).toBe(78);
    expect(first.output()).toContain('Building Rituals (dist/ has not been built yet)');
    expect(first.output()).toMatch(/SLACK_BOT_TOKEN is required/);

    const second = tracked(run('npm', ['start'], { cwd: build, env: {} }));
    expect(await second.exited).toBe(78);
    expect(second.output()).not.toContain('Building');
    expect(second.output()).toMatch(/SLACK_BOT_TOKEN is required/);
  }, 120_000);

  it('builds with dev dependencies, runs without them: healthy, no recompile, clean SIGTERM', async () => {
    const app = join(dir, 'app');
    mkdirSync(app);
    const packageJson = JSON.parse(readFileSync(join(build, 'package.json'), 'utf8'));
    for (const { op, args } of buildStage) {
      // System packages are the image's business; npm ci was done above.
      if (op !== 'RUN' || args.startsWith('apt-get') || args.startsWith('npm ci')) continue;
      if (args === 'npm run build') {
        // Done by the first start above, which runs the same compiler on the same project.
        expect(packageJson.scripts.build).toBe('tsc -p tsconfig.build.json');
        expect(readFileSync(join(root, 'scripts/start.mjs'), 'utf8')).toContain("[tsc, '-p', join(root, 'tsconfig.build.json')]");
        expect(existsSync(join(build, 'dist/src/main.js'))).toBe(true);
        continue;
      }
      const step = spawnSync('sh', ['-c', args], { cwd: build, env: { ...process.env, npm_config_offline: 'true' }, encoding: 'utf8' });
      expect(step.status, `RUN ${args}\n${step.stdout}${step.stderr}`).toBe(0);
    }

    const env: Record<string, string> = {};
    let user = 'root';
    let healthcheck: string[] = [];
    let cmd: string[] = [];
    for (const { op, args } of runtimeStage) {
      if (op === 'COPY') copyInstruction(args, { context: root, build }, app);
      if (op === 'ENV') for (const [, key, value] of args.matchAll(/(\w+)=(\S+)/g)) env[key!] = value!;
      if (op === 'USER') user = args;
      if (op === 'HEALTHCHECK') healthcheck = JSON.parse(args.replace(/^.*?CMD\s+/, ''));
      if (op === 'CMD') cmd = JSON.parse(args);
      // The runtime stage only prepares the /data volume (root-owned paths): the test uses its own folder.
      if (op === 'RUN') expect(args).toMatch(/\/data/);
    }
    expect(user).not.toBe('root');
    expect(env.DATABASE_PATH).toBe('/data/rituals.sqlite');
    expect(runtimeStage.find((i) => i.op === 'VOLUME')?.args).toBe('/data');
    // The image's CMD is what `npm start` runs.
    expect(cmd.join(' ')).toBe(packageJson.scripts.start);

    // What production has, and what it must not need.
    expect(existsSync(join(app, 'dist/src/main.js'))).toBe(true);
    expect(existsSync(join(app, 'src'))).toBe(false);
    for (const devOnly of ['typescript', 'tsx', 'vitest', 'drizzle-kit']) expect(existsSync(join(app, 'node_modules', devOnly)), devOnly).toBe(false);
    const builtAt = statSync(join(app, 'dist/src/main.js')).mtimeMs;

    const port = await freePort();
    const settings = {
      ...env,
      DATABASE_PATH: join(dir, 'data', 'rituals.sqlite'),
      PORT: String(port),
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
    };
    const healthCheck = () => spawnSync(healthcheck[0]!, healthcheck.slice(1), { cwd: app, env: { PATH: process.env.PATH ?? '', ...settings } }).status;
    const becomesHealthy = async (bot: ReturnType<typeof run>) => {
      let healthy = false;
      for (let i = 0; i < 150 && !healthy && bot.child.exitCode === null; i += 1) {
        healthy = healthCheck() === 0;
        if (!healthy) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(healthy, bot.output()).toBe(true);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    };

    // npm start, stopped like Ctrl-C in a terminal: the signal reaches the whole process group. (npm itself
    // exits at once on SIGTERM without waiting for the bot, so supervisors run the CMD below directly.)
    const viaNpm = tracked(run('npm', ['start'], { cwd: app, env: settings }));
    await becomesHealthy(viaNpm);
    process.kill(-viaNpm.child.pid!, 'SIGTERM');
    await viaNpm.exited;
    for (let i = 0; i < 100 && healthCheck() === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(healthCheck()).toBe(1);
    expect(viaNpm.output()).toContain('Rituals stopping reason=SIGTERM');
    expect(viaNpm.output()).not.toMatch(/Building|tsc/);
    // The checkpoint worker's module (dist/src/db/checkpointWorker.js) loaded: no fallback warning.
    expect(viaNpm.output()).not.toMatch(/checkpoint worker/);

    // The image's CMD (and the systemd unit's ExecStart): SIGTERM, then a clean exit.
    const viaCmd = tracked(run(cmd[0]!, cmd.slice(1), { cwd: app, env: settings }));
    await becomesHealthy(viaCmd);
    viaCmd.child.kill('SIGTERM');
    expect(await viaCmd.exited, viaCmd.output()).toBe(0);
    expect(viaCmd.output()).not.toMatch(/Building|tsc/);
    expect(statSync(join(app, 'dist/src/main.js')).mtimeMs).toBe(builtAt);
    expect(statSync(settings.DATABASE_PATH).size).toBeGreaterThan(0);
    expect(healthCheck()).toBe(1);

    // The operator commands run from dist/ too, without dev dependencies.
    const backupFile = join(dir, 'data', 'backup.sqlite');
    const backup = tracked(run('npm', ['run', 'backup', '--', backupFile], { cwd: app, env: settings }));
    expect(await backup.exited, backup.output()).toBe(0);
    expect(backup.output()).toContain(`Backed up ${settings.DATABASE_PATH} to ${backupFile}`);
    const restore = tracked(
      run('npm', ['run', 'restore', '--', backupFile, '--database', join(dir, 'restored', 'rituals.sqlite')], { cwd: app, env: settings }),
    );
    expect(await restore.exited, restore.output()).toBe(0);
    const exported = tracked(run('npm', ['run', 'export', '--', '--team', '1'], { cwd: app, env: settings }));
    expect(await exported.exited).toBe(1);
    expect(exported.output()).toContain('There are no teams in this database.');
    for (const command of [backup, restore, exported]) expect(command.output()).not.toMatch(/Building|tsc|ERR_MODULE_NOT_FOUND/);
    expect(statSync(join(app, 'dist/src/main.js')).mtimeMs).toBe(builtAt);

    // `npm ci --omit=dev && npm start` on a clone never built: a clear message, not "tsc: not found".
    renameSync(join(app, 'dist'), join(app, 'dist-away'));
    const unbuilt = tracked(run('npm', ['start'], { cwd: app, env: settings }));
    expect(await unbuilt.exited).toBe(1);
    expect(unbuilt.output()).toContain('dist/ has not been built yet');
    expect(unbuilt.output()).toContain('npm run build');
    expect(unbuilt.output()).not.toMatch(/not found|ERR_MODULE_NOT_FOUND/);
  }, 60_000);
});

describe('deploy/rituals.service (systemd)', () => {
  const unit = readFileSync(join(root, 'deploy/rituals.service'), 'utf8');
  const setting = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(unit)?.[1];

  it('runs what `npm start` runs, directly, and does not restart a bot whose settings are wrong', () => {
    const start = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start;
    expect(setting('ExecStart')).toBe(`/usr/bin/${start}`);
    expect(setting('RestartPreventExitStatus')).toBe('78');
    expect(setting('Environment=DATABASE_PATH')).toBe('/var/lib/rituals/rituals.sqlite');
    expect(setting('StateDirectory')).toBe('rituals');
  });

  const analyze = spawnSync('systemd-analyze', ['--version']);
  it.skipIf(analyze.error !== undefined)('passes systemd-analyze verify without warnings', () => {
    const result = spawnSync('systemd-analyze', ['verify', join(root, 'deploy/rituals.service')], { encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`.split('\n').filter((line) => line.includes('rituals.service'))).toEqual([]);
  });
});
