/**
 * `npx tsx bench/checkpointing.ts`: does the background checkpointer (src/db/checkpointer.ts) still
 * pay for itself? Two databases in one process, one checkpointed by the worker thread, one by SQLite
 * itself (wal_autocheckpoint, on the connection that commits the 1000th page), take the write of a
 * suggestion (services.intake.submit: item, title index, event, outbox row) in alternating rounds,
 * so both see the same machine load. Prints the time each submit held the event loop.
 * Settings: CHECKPOINT_ROUNDS (20), CHECKPOINT_ROUND_SIZE (500).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../src/db/engine/sqlite.js';
import { createServices } from '../src/domain/index.js';
import { insertTeam } from '../test/helpers/testApp.js';

const rounds = Number(process.env.CHECKPOINT_ROUNDS ?? 20);
const roundSize = Number(process.env.CHECKPOINT_ROUND_SIZE ?? 500);
const dir = mkdtempSync(join(tmpdir(), 'rituals-checkpointing-'));

async function variant(name: string, backgroundCheckpoints: boolean) {
  const path = join(dir, `${name}.sqlite`);
  const storage = openSqliteStorage(path, { backgroundCheckpoints, onWarning: (message) => console.warn(`${name}: ${message}`) });
  const repos = storage.repos;
  const services = createServices({ repos, clock: () => new Date() });
  const team = await insertTeam(repos);
  const samples: number[] = [];
  let next = 0;
  return {
    name,
    samples,
    storage,
    walBytes: () => statSync(`${path}-wal`).size,
    async round() {
      for (let i = 0; i < roundSize; i += 1) {
        next += 1;
        const started = performance.now();
        await services.intake.submit(
          {
            title: `Export times out for large workspaces #${next}`,
            details: 'CSV export of 50,000 rows fails after 30 s.',
            type: 'bug',
            neededBy: 'Support',
            urgency: null,
          },
          { teamId: team.id, source: 'command', requesterId: 'U_BOB', suggestedById: 'U_BOB', intakeKey: `bench-${next}` },
        );
        samples.push(performance.now() - started);
      }
    },
  };
}

const variants = [await variant('worker', true), await variant('sqlite', false)];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
for (let round = 0; round < rounds; round += 1) {
  // Alternate which goes first, and give the worker its interval to run, as requests would.
  for (const v of round % 2 === 0 ? variants : [...variants].reverse()) await v.round();
  await sleep(1_100);
}

const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
console.log(`${rounds} rounds x ${roundSize} suggestions per variant, alternating; ms each submit held the event loop`);
console.log('| checkpoints by | n | mean | p50 | p90 | p99 | p99.9 | max | total s | WAL at end |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const v of variants) {
  const sorted = [...v.samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, x) => sum + x, 0);
  const cells = [total / sorted.length, at(sorted, 0.5), at(sorted, 0.9), at(sorted, 0.99), at(sorted, 0.999), sorted.at(-1)!].map((x) => x.toFixed(3));
  console.log(`| ${v.name} | ${sorted.length} | ${cells.join(' | ')} | ${(total / 1000).toFixed(2)} | ${(v.walBytes() / 1e6).toFixed(1)} MB |`);
  await v.storage.close();
}
rmSync(dir, { recursive: true, force: true });
