import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer, type Checkpointer } from '../../src/db/checkpointer.js';

const dir = mkdtempSync(join(tmpdir(), 'rituals-checkpoint-'));
let open: { sqlite: Database.Database; checkpointer: Checkpointer }[] = [];
afterEach(() => {
  for (const { sqlite, checkpointer } of open) {
    checkpointer.stop();
    sqlite.close();
  }
  open = [];
});
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

function walDatabase(name: string) {
  const path = join(dir, name);
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.exec('create table t (id integer primary key, body text)');
  return { path, sqlite };
}

const until = async (condition: () => boolean, timeoutMs = 5_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return condition();
};

describe('the background checkpointer', () => {
  it('moves the log into the database file from its own thread, while this connection never does', async () => {
    const { path, sqlite } = walDatabase('background.sqlite');
    const checkpointer = startCheckpointer(sqlite, path, { intervalMs: 50 });
    open.push({ sqlite, checkpointer });
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = statSync(path).size;
    const insert = sqlite.prepare('insert into t (body) values (?)');
    sqlite.transaction(() => {
      for (let i = 0; i < 2_000; i += 1) insert.run('x'.repeat(1_000));
    })();
    // The commit wrote the log only; the worker copies it into the file soon after.
    expect(await until(() => statSync(path).size > before + 1_000_000)).toBe(true);
  });

  it('hands checkpointing back to the connection when the worker cannot run', async () => {
    const { sqlite } = walDatabase('fallback.sqlite');
    const errors: string[] = [];
    const checkpointer = startCheckpointer(sqlite, join(dir, 'missing', 'nothing.sqlite'), { intervalMs: 50, onError: (message) => errors.push(message) });
    open.push({ sqlite, checkpointer });
    expect(await until(() => errors.length > 0)).toBe(true);
    expect(errors[0]).toMatch(/checkpoint worker/);
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});
