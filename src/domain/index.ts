/** Every domain service over one set of repositories and a clock. */
import type { Repositories } from '../db/repositories/index.js';
import type { Clock } from './clock.js';
import { createIntakeService } from './intake.js';
import { createStandupService } from './standup.js';
import { createPokerService } from './poker.js';
import { createRetroService } from './retro.js';
import { createSprintsService } from './sprints.js';
import { createSprintWorkService } from './sprintWork.js';
import { createTeamSetupService } from './teamSetup.js';
import { createBacklogService } from './backlog.js';
import { createTriageService } from './triage.js';
import { createHomeService } from './home.js';

export function createServices({ repos, clock }: { repos: Repositories; clock: Clock }) {
  const backlog = createBacklogService({ repos, clock });
  return {
    intake: createIntakeService({ repos, clock }),
    standup: createStandupService({ repos, clock }),
    sprints: createSprintsService({ repos, clock }),
    sprintWork: createSprintWorkService({ repos, clock }),
    poker: createPokerService({ repos, clock }),
    retro: createRetroService({ repos, clock }),
    teamSetup: createTeamSetupService({ repos, clock }),
    backlog,
    triage: createTriageService({ repos, clock }),
    // currentSprint: pass the planning feature's provider here to show each team's sprint line.
    home: createHomeService({ repos, clock, backlog }),
  };
}

export type Services = ReturnType<typeof createServices>;
