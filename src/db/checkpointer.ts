/**
 * SQLite moves the write-ahead log into the database file (a checkpoint) on the connection that
 * commits the 1000th page: the page copies and their fsync ran on the event loop, inside whichever
 * request wrote that page. That was a fifth of a suggestion's CPU, and on a slow disk the fsync is
 * a stall every request waits behind. A worker thread with its own connection checkpoints instead,
 * every `intervalMs`, in PASSIVE mode, which never blocks a reader or a writer. If the worker
 * fails, the main connection checkpoints for itself again, so the log never grows unbounded.
 */
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { CheckpointWorkerData, CheckpointWorkerMessage } from './checkpointWorker.js';

export interface Checkpointer {
  stop(): void;
}

/** The worker's module: plain JavaScript (see its header), so tsx, vitest and dist/ all run it as it is. */
const WORKER_MODULE = new URL('./checkpointWorker.js', import.meta.url);

const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

export function startCheckpointer(
  sqlite: Database.Database,
  path: string,
  { intervalMs = 1_000, onError }: { intervalMs?: number; onError?: (message: string) => void } = {},
): Checkpointer {
  const workerData: CheckpointWorkerData = { path, intervalMs };
  const worker = new Worker(WORKER_MODULE, { workerData });
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
  worker.on('message', (message: CheckpointWorkerMessage) => {
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
