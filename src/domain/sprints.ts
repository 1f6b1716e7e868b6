/**
 * Sprints: planning against velocity, the start that locks scope, scope changes (refused unless
 * the PO or SM overrides with a reason), status, and the close that returns unfinished work to the
 * top of the product backlog. Each job has its module; this one joins them into the sprints service.
 */
import type { Repositories } from '../db/repositories/index.js';
import type { Sprint } from '../db/repositories/sprints.js';
import type { Clock } from './clock.js';
import { createSprintCloseService } from './sprintClose.js';
import { sprintKit, type SprintSummary } from './sprintKit.js';
import { createSprintPlanningService } from './sprintPlanning.js';
import { createSprintScopeService } from './sprintScope.js';

export * from './sprintClose.js';
export * from './sprintKit.js';
export * from './sprintPlanning.js';

export function createSprintsService({ repos, clock }: { repos: Repositories; clock: Clock }) {
  const kit = sprintKit({ repos, clock });
  const { loadTeam, requireActive, summaryOf } = kit;
  return {
    ...createSprintPlanningService({ repos, clock, kit }),
    ...createSprintScopeService({ repos, clock, kit }),
    ...createSprintCloseService({ repos, clock, kit }),

    activeSprint: async (teamId: number): Promise<Sprint | undefined> => repos.sprints.findActive(teamId),

    /** The active sprint's summary, or null (for App Home's current sprint line). */
    async currentSummary(teamId: number): Promise<SprintSummary | null> {
      const team = await repos.teams.findById(teamId);
      const sprint = team ? await repos.sprints.findActive(team.id) : undefined;
      return team && sprint ? summaryOf(team, sprint) : null;
    },

    /** Goal, days left, done/remaining points, items by state, scope changes. */
    async status(teamId: number): Promise<SprintSummary> {
      const { team } = await loadTeam(teamId);
      return summaryOf(team, await requireActive(team.id));
    },

    /** Summary of any sprint (closed ones too), for messages rendered later. */
    async summaryOf(sprintId: number): Promise<SprintSummary | null> {
      const sprint = await repos.sprints.findById(sprintId);
      const team = sprint ? await repos.teams.findById(sprint.teamId) : undefined;
      return sprint && team ? summaryOf(team, sprint) : null;
    },
  };
}

export type SprintsService = ReturnType<typeof createSprintsService>;
