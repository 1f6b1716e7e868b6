/** Every domain service over one set of repositories and a clock. */
import type { Repositories } from '../db/repositories/index.js';
import type { Clock } from './clock.js';
import { createIntakeService } from './intake.js';
import { createTeamSetupService } from './teamSetup.js';
import { createBacklogService } from './backlog.js';
import { createTriageService } from './triage.js';

export function createServices({ repos, clock }: { repos: Repositories; clock: Clock }) {
  return {
    intake: createIntakeService({ repos, clock }),
    teamSetup: createTeamSetupService({ repos, clock }),
    backlog: createBacklogService({ repos, clock }),
    triage: createTriageService({ repos, clock }),
  };
}

export type Services = ReturnType<typeof createServices>;
