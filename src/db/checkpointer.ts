/**
 * SQLite moves the write-ahead log into the database file (a checkpoint) on the connection that
 * commits the 1000th page: the page copies and their fsync ran on the event loop, inside whichever
 * request wrote that page. That was a fifth of a suggestion's CPU, and on a slow disk the fsync is
 * a stall every request waits behind. A worker thread with its own connection checkpoints instead,
 * every `intervalMs`, in PASSIVE mode, which never blocks a reader or a writer. If the worker
 * fails, the main connection checkpoints for itself again, so the log never grows unbounded.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

export interface Checkpointer {
  stop(): void;
}

// Plain CommonJS, evaluated in the worker: it must run the same under tsx, vitest and dist/.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
}, workerData.intervalMs);
`;

const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

export function startCheckpointer(
  sqlite: Database.Database,
  path: string,
  { intervalMs = 1_000, onError }: { intervalMs?: number; onError?: (message: string) => void } = {},
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path, intervalMs } });
  worker.unref();
  let stopped = false;
  sqlite.pragma('wal_autocheckpoint = 0');
  const fallBack = (message: string) => {
    if (stopped) return;
    stopped = true;
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    onError?.(message);
    void worker.terminate();
  };
  worker.on('message', (message: { error?: string }) => {
    if (message.error) fallBack(`background checkpoint failed: ${message.error}`);
  });
  worker.on('error', (error) => fallBack(`checkpoint worker failed: ${error.message}`));
  worker.on('exit', (code) => fallBack(`checkpoint worker exited (${code})`));
  return {
    stop() {
      stopped = true;
      void worker.terminate();
    },
  };
}
