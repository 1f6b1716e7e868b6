// @ts-check
/**
 * The checkpoint worker thread (started by checkpointer.ts): its own connection to the database,
 * and a PASSIVE checkpoint every `intervalMs`. Errors go back to the main thread, which then
 * checkpoints for itself again.
 *
 * JavaScript with JSDoc types, checked and emitted by tsc like the .ts files: a worker thread of
 * Node 20 cannot run TypeScript without loading tsx into it, which cost ~0.5 s of CPU on every
 * start of the app under tsx and vitest (bench/checkpointing.ts explains why the worker exists).
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/**
 * What checkpointer.ts hands the worker.
 * @typedef {object} CheckpointWorkerData
 * @property {string} path Absolute path of the database file.
 * @property {number} intervalMs
 */

/**
 * What the worker posts to the main thread.
 * @typedef {object} CheckpointWorkerMessage
 * @property {string} error
 */

if (!parentPort) throw new Error('checkpointWorker runs as a worker thread (see checkpointer.ts)');
const port = parentPort;
const { path, intervalMs } = /** @type {CheckpointWorkerData} */ (workerData);
const db = new Database(path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    /** @type {CheckpointWorkerMessage} */
    const message = { error: error instanceof Error ? error.message : String(error) };
    port.postMessage(message);
  }
}, intervalMs);
