/**
 * Thin cron jobs that call services. Tasks are created stopped, started by main and stopped on
 * shutdown. node-cron skips ticks that run late, so every job sweeps what is due (from the
 * database) rather than trusting that it ran at the exact minute.
 */
import { createTask, type ScheduledTask } from 'node-cron';
import type { Clock } from '../domain/clock.js';
import type { AppLogger } from '../logger.js';

export interface Job {
  name: string;
  /** Cron expression in UTC. */
  cron: string;
  run(now: Date): Promise<void> | void;
}

export interface Scheduler {
  start(): void;
  stop(): Promise<void>;
  /** Runs every job once now (at start-up: catch up on what was missed while down). */
  runAll(): Promise<void>;
}

export function createScheduler({ jobs, clock, logger }: { jobs: Job[]; clock: Clock; logger: AppLogger }): Scheduler {
  const running = new Set<Promise<void>>();
  const runJob = (job: Job) => {
    const promise = (async () => {
      try {
        await job.run(clock());
      } catch (error) {
        logger.error(`job ${job.name} failed`, error);
      }
    })();
    running.add(promise);
    void promise.finally(() => running.delete(promise));
    return promise;
  };
  const tasks: ScheduledTask[] = jobs.map((job) =>
    createTask(job.cron, () => runJob(job), { timezone: 'UTC', noOverlap: true, name: job.name }),
  );
  return {
    start() {
      for (const task of tasks) void task.start();
    },
    async stop() {
      await Promise.all(tasks.map((task) => task.stop()));
      await Promise.all([...running]);
    },
    async runAll() {
      await Promise.all(jobs.map(runJob));
    },
  };
}
