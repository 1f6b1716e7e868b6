/**
 * npm start: runs the compiled bot (dist/), building it first only when it is missing or older than
 * src/ and TypeScript is installed. `--run <command>` runs an operator command (dist/src/cli/<module>.js,
 * e.g. npm run backup) the same way, with the arguments that follow. Plain JavaScript, so a production install (npm ci --omit=dev, no
 * tsc, no tsx) starts without recompiling, and a fresh development clone (npm ci && npm start) still
 * just works.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
/** Operator command -> its module under dist/src/cli/. */
const OPERATOR_COMMANDS = { backup: 'backup', restore: 'restore', export: 'export', 'migrate-to-postgres': 'migrateToPostgres' };
const command = process.argv[2] === '--run' ? process.argv[3] : null;
if (command !== null && !Object.hasOwn(OPERATOR_COMMANDS, command)) {
  process.stderr.write(`Unknown command ${command}: one of ${Object.keys(OPERATOR_COMMANDS).join(', ')}.\n`);
  process.exit(64);
}
// The command sees only its own arguments, as if it had been started directly.
if (command !== null) process.argv.splice(2, 2);
const what = command ? `run ${command}` : 'start';
const entry = join(root, command ? `dist/src/cli/${OPERATOR_COMMANDS[command]}.js` : 'dist/src/main.js');
/** What a build reads: when any of it is newer than the built entry point, dist/ is out of date. */
const buildInputs = ['src', 'tsconfig.json', 'tsconfig.build.json'];

/** The newest modification time (ms) under path, or 0 when it does not exist. */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

/** Why dist/ must be (re)built, or null when it is current. */
function buildReason() {
  if (!existsSync(entry)) return 'dist/ has not been built yet';
  // A production image ships dist/ without src/: nothing to compare, dist/ is what runs.
  const sources = Math.max(...buildInputs.map((input) => newestMtime(join(root, input))));
  return sources > statSync(entry).mtimeMs ? 'src/ changed since dist/ was built' : null;
}

function typescriptCompiler() {
  try {
    return createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    return null;
  }
}

const reason = buildReason();
if (reason) {
  const tsc = typescriptCompiler();
  if (!tsc) {
    process.stderr.write(
      [
        `Rituals cannot ${what}: ${reason}, and TypeScript is not installed here (a production install without dev dependencies).`,
        'Build it where the dev dependencies are installed: npm ci && npm run build',
        '(then npm prune --omit=dev to drop them), or build the Docker image, which does this for you.',
        'See "Production" in README.md.',
        '',
      ].join('\n'),
    );
    process.exit(1);
  }
  process.stderr.write(`Building Rituals (${reason})...\n`);
  const build = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    process.stderr.write(`Rituals cannot ${what}: the TypeScript build failed (see above).\n`);
    process.exit(1);
  }
}

// Stack traces point at the TypeScript sources, as --enable-source-maps would.
process.setSourceMapsEnabled(true);
await import(pathToFileURL(entry).href);
