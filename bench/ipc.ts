/**
 * Tiny request/response RPC over a forked child's IPC channel, so each bench process (app under
 * test, reference app, fake Slack) runs on its own event loop and its CPU and RSS are its own.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

// `never` accepts every task's own parameter type (a task is called only with the args sent for it).
type Task = (args: never) => unknown;
interface Request {
  id: number;
  task: string;
  args: unknown;
}
/** What a worker sends back: its ready message once, then one answer per request. */
interface Reply<Ready> {
  ready?: Ready;
  id?: number;
  result?: unknown;
  error?: string;
}

/** In a child: answers the parent's calls with the named tasks, then announces it is ready. */
export function serveTasks(tasks: Record<string, Task>, ready: Record<string, unknown>): void {
  if (!process.send) throw new Error('bench workers must be started with fork()');
  // Every worker reports its CPU time, so a row can say which process its cost landed in, and its
  // longest event-loop stall, so a slow ack can be told apart from a slow machine.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const all: Record<string, Task> = {
    cpuMicros: () => {
      const u = process.cpuUsage();
      return u.user + u.system;
    },
    /** The longest event-loop delay (ms) since the last call. */
    loopStallMs: () => {
      const max = loop.max / 1e6;
      loop.reset();
      return max;
    },
    ...tasks,
  };
  process.on('message', (message: Request) => {
    void (async () => {
      const task = all[message.task];
      try {
        if (!task) throw new Error(`unknown task ${message.task}`);
        process.send!({ id: message.id, result: (await task(message.args as never)) ?? null });
      } catch (error) {
        process.send!({ id: message.id, error: String((error as Error)?.stack ?? error) });
      }
    })();
  });
  // The parent going away must never leave a server running.
  process.on('disconnect', () => process.exit(0));
  process.send({ ready });
}

export interface Worker<Ready> {
  pid: number;
  ready: Ready;
  call<T = unknown>(task: string, args?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** Forks a TypeScript module (through tsx) and waits for its ready message. */
export async function startWorker<Ready = Record<string, unknown>>(
  moduleUrl: URL,
  { env = {}, execArgv = [] }: { env?: Record<string, string>; execArgv?: string[] } = {},
): Promise<Worker<Ready>> {
  const child: ChildProcess = fork(fileURLToPath(moduleUrl), [], {
    execArgv: ['--import', 'tsx', ...execArgv],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${moduleUrl.pathname} exited with ${code} before it was ready`)));
    child.on('message', (message: Reply<Ready>) => {
      if (message.ready) resolve(message.ready);
      if (message.id === undefined) return;
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (message.error) waiter.reject(new Error(message.error));
      else waiter.resolve(message.result);
    });
  });
  child.removeAllListeners('exit');
  child.on('exit', () => {
    for (const waiter of pending.values()) waiter.reject(new Error(`${moduleUrl.pathname} exited`));
    pending.clear();
  });
  return {
    pid: child.pid!,
    ready,
    call(task, args) {
      next += 1;
      const id = next;
      return new Promise((resolve, reject) => {
        // The caller names the answer's type T; the worker's reply is taken to be one.
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, task, args });
      });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
