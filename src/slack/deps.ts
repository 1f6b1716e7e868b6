import type { Repositories } from '../db/repositories/index.js';
import type { Clock } from '../domain/clock.js';
import type { Services } from '../domain/index.js';
import type { AppLogger } from '../logger.js';
import type { MetadataSeal } from './metadata.js';
import type { OutboxDispatcher } from './outbox/dispatcher.js';
import type { ReportPoster } from './reportPoster.js';
import type { UserDirectory } from './userDirectory.js';

/** What every listener may use: services for rules, repositories for reads, the outbox for sends. */
export interface SlackDeps {
  repos: Repositories;
  services: Services;
  clock: Clock;
  logger: AppLogger;
  outbox: OutboxDispatcher;
  seal: MetadataSeal;
  users: UserDirectory;
  /** Burndown and digest posts (chart uploads); postSprintCloseDigest is called when a sprint closes. */
  reports: ReportPoster;
}
