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
import { createMembersService } from './members.js';
import { createReportsService } from './reports.js';
import { createExportService } from './exports.js';
import { createShadowWatchService } from './shadowWatch.js';
import { createWorkspacesService } from './workspaces.js';

/** `dataRetentionDays`: how long an uninstalled workspace's data is kept (distribution mode). */
export function createServices({ repos, clock, dataRetentionDays = 30 }: { repos: Repositories; clock: Clock; dataRetentionDays?: number }) {
  const backlog = createBacklogService({ repos, clock });
  const standup = createStandupService({ repos, clock });
  const sprints = createSprintsService({ repos, clock });
  const shadowWatch = createShadowWatchService({ repos, clock });
  return {
    intake: createIntakeService({ repos, clock }),
    standup,
    sprints,
    sprintWork: createSprintWorkService({ repos, clock }),
    poker: createPokerService({ repos, clock }),
    retro: createRetroService({ repos, clock }),
    teamSetup: createTeamSetupService({ repos, clock }),
    backlog,
    triage: createTriageService({ repos, clock }),
    home: createHomeService({
      repos,
      clock,
      backlog,
      teamProviders: {
        currentSprint: (teamId) => sprints.currentSummary(teamId),
        away: (teamId, userId) => standup.awayStatus({ teamId, userId }),
        openImpediments: (teamId) => standup.listOpenImpediments(teamId),
      },
      watch: shadowWatch,
    }),
    reports: createReportsService({ repos, clock, watchHealth: (teamId, since, until) => shadowWatch.health(teamId, since, until) }),
    exports: createExportService({ repos }),
    shadowWatch,
    members: createMembersService({ repos }),
    workspaces: createWorkspacesService({ repos, clock, dataRetentionDays }),
  };
}

export type Services = ReturnType<typeof createServices>;
