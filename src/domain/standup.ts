/**
 * Async daily standups. Each member is prompted at the team's standup time in their own timezone on
 * their own calendar date; one run per (team, date) owns the channel's parent message. Every prompt
 * and every run is claimed with a unique row in the same transaction that queues its message, so
 * overlapping sweeps, restarts and retries never send twice, and a sweep that comes late (missed
 * cron ticks, downtime) still sends what is due within the response window, once.
 * Each job has its module (schedule, answers, impediments, absence); this one joins them into the standup service.
 */
import type { Repositories } from '../db/repositories/index.js';
import { createAbsenceService } from './absence.js';
import type { Clock } from './clock.js';
import { createImpedimentsService } from './impediments.js';
import { createStandupAnswersService } from './standupAnswers.js';
import { standupKit } from './standupKit.js';
import { createStandupScheduleService } from './standupSchedule.js';

export * from './standupAnswers.js';
export * from './standupKit.js';

export function createStandupService({ repos, clock }: { repos: Repositories; clock: Clock }) {
  const kit = standupKit({ repos });
  return {
    ...createStandupScheduleService({ repos, clock, kit }),
    ...createStandupAnswersService({ repos, clock, kit }),
    ...createImpedimentsService({ repos, clock, kit }),
    ...createAbsenceService({ repos, clock, kit }),
  };
}

export type StandupService = ReturnType<typeof createStandupService>;
