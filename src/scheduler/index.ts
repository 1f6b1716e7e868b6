/**
 * Thin cron jobs that call services. Tasks are created stopped, started by main and stopped on
 * shutdown. node-cron skips ticks that run late, so every job sweeps what is due (from the
 * database) rather than trusting that it ran at the exact minute.
 */
import { createTask, type ScheduledTask } from 'node-cron';
import type { Clock } from '../domain/clock.js';
import type { AppLogger } from '../logger.js';
import type { JobRun } from '../ops/metrics.js';

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

/** Who hears how each run went (metrics); node-cron's missed ticks too. */
export interface SchedulerObserver {
  jobRan(run: JobRun): void;
  jobMissed(job: string): void;
}

export function createScheduler({ jobs, clock, logger, observer }: { jobs: Job[]; clock: Clock; logger: AppLogger; observer?: SchedulerObserver }): Scheduler {
  const running = new Set<Promise<void>>();
  /** `dueAt` is the cron slot the run belongs to (real time, ms), or null for a catch-up run at start-up. */
  const runJob = (job: Job, dueAt: number | null) => {
    const startedAt = Date.now();
    const promise = (async () => {
      let outcome: JobRun['outcome'] = 'ok';
      try {
        await job.run(clock());
      } catch (error) {
        outcome = 'error';
        logger.error(`job ${job.name} failed`, error);
      }
      observer?.jobRan({
        job: job.name,
        lagSeconds: dueAt === null ? null : (startedAt - dueAt) / 1000,
        durationSeconds: (Date.now() - startedAt) / 1000,
        outcome,
      });
    })();
    running.add(promise);
    void promise.finally(() => running.delete(promise));
    return promise;
  };
  const tasks: ScheduledTask[] = jobs.map((job) => {
    // node-cron hands each run the slot it was due at (context.date), so lag is now minus that.
    const task = createTask(job.cron, (context) => runJob(job, context.date.getTime()), { timezone: 'UTC', noOverlap: true, name: job.name });
    task.on('execution:missed', () => observer?.jobMissed(job.name));
    return task;
  });
  return {
    start() {
      for (const task of tasks) void task.start();
    },
    async stop() {
      await Promise.all(tasks.map((task) => task.stop()));
      await Promise.all([...running]);
    },
    async runAll() {
      await Promise.all(jobs.map((job) => runJob(job, null)));
    },
  };
}
