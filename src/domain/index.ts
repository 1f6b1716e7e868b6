/** Every domain service over one set of repositories and a clock. */
import type { Repositories } from '../db/repositories/index.js';
import type { Clock } from './clock.js';
import { createIntakeService } from './intake.js';
import { createReportsService } from './reports.js';

export function createServices({ repos, clock }: { repos: Repositories; clock: Clock }) {
  return {
    intake: createIntakeService({ repos, clock }),
    reports: createReportsService({ repos, clock }),
  };
}

export type Services = ReturnType<typeof createServices>;
