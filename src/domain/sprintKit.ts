/** What the sprint services share: a team with its members, the active sprint, velocity history, summaries. */
import type { Repositories } from '../db/repositories/index.js';
import type { Item } from '../db/repositories/items.js';
import type { Sprint } from '../db/repositories/sprints.js';
import type { Task } from '../db/repositories/tasks.js';
import type { Team } from '../db/repositories/teams.js';
import type { WorkState } from '../db/schema.js';
import { teamCalendar } from './calendar.js';
import type { Clock } from './clock.js';
import { DomainError } from './errors.js';
import { EVENT, PLANNED_SCOPE_REASON, RETURNED_AT_CLOSE_REASON } from './events.js';
import { daysBetween, laterDate, localDate } from './localTime.js';
import { serviceKit } from './serviceKit.js';
import { sumPoints, VELOCITY_WINDOW, type SprintHistoryEntry } from './velocity.js';

/** A mid-sprint scope change (from the event log), with the item's human number. */
export interface ScopeChange {
  itemId: number;
  itemNumber: number | null;
  points: number;
  reason: string;
  actorId: string;
}

/** Where a sprint stands on a date: planned to start later, running, or past its end date. */
export type SprintPhase = 'upcoming' | 'running' | 'ended';

export function sprintPhase(sprint: Pick<Sprint, 'startDate' | 'endDate'>, today: string): SprintPhase {
  if (today < sprint.startDate) return 'upcoming';
  return today > sprint.endDate ? 'ended' : 'running';
}

export interface SprintSummary {
  team: Team;
  sprint: Sprint;
  items: Item[];
  tasks: Task[];
  byState: Record<WorkState, Item[]>;
  committedPoints: number;
  donePoints: number;
  remainingPoints: number;
  scopeAdded: ScopeChange[];
  scopeRemoved: ScopeChange[];
  refusedAttempts: number;
  today: string;
  phase: SprintPhase;
  /** Working days still to come (all of them while it is upcoming). */
  workingDaysLeft: number;
  calendarDaysLeft: number;
}

export function sprintKit({ repos, clock }: { repos: Repositories; clock: Clock }) {
  const { requireTeam, enqueue, teamTransaction } = serviceKit(repos);

  async function loadTeam(teamId: number): Promise<{ team: Team; members: string[] }> {
    return { team: await requireTeam(teamId), members: await repos.teams.members(teamId) };
  }

  async function requireActive(teamId: number): Promise<Sprint> {
    const sprint = await repos.sprints.findActive(teamId);
    if (!sprint) throw new DomainError('sprint.none_active');
    return sprint;
  }

  async function history(teamId: number): Promise<SprintHistoryEntry[]> {
    return (await repos.sprints.listClosed(teamId, VELOCITY_WINDOW)).map((s) => ({
      number: s.number,
      name: s.name,
      committedPoints: s.committedPoints,
      completedPoints: s.completedPoints ?? 0,
    }));
  }

  async function summaryOf(team: Team, sprint: Sprint): Promise<SprintSummary> {
    const items = await repos.items.listBySprint(sprint.id);
    const tasks = await repos.tasks.listForItems(items.map((item) => item.id));
    const byState: Record<WorkState, Item[]> = { todo: [], in_progress: [], done: [] };
    for (const item of items) byState[item.workState ?? 'todo'].push(item);
    const events = await repos.itemEvents.listForSprint(sprint.id);
    const added = events.filter((e) => e.kind === EVENT.sprintAdded && e.reason !== PLANNED_SCOPE_REASON);
    const removed = events.filter((e) => e.kind === EVENT.sprintRemoved && e.reason !== RETURNED_AT_CLOSE_REASON);
    // Removed items have left the sprint, so their numbers are looked up.
    const numbers = new Map((await repos.items.listByIds([...new Set([...added, ...removed].map((e) => e.itemId))])).map((item) => [item.id, item.number]));
    const change = (e: (typeof events)[number]): ScopeChange => ({
      itemId: e.itemId,
      itemNumber: numbers.get(e.itemId) ?? null,
      points: e.points ?? 0,
      reason: e.reason ?? '',
      actorId: e.actorId,
    });
    const scopeAdded = added.map(change);
    const scopeRemoved = removed.map(change);
    const today = localDate(clock(), team.timezone);
    const donePoints = sumPoints(byState.done);
    return {
      team,
      sprint,
      items,
      tasks,
      byState,
      committedPoints: sprint.committedPoints,
      donePoints,
      remainingPoints: Math.round((sumPoints(items) - donePoints) * 10) / 10,
      scopeAdded,
      scopeRemoved,
      refusedAttempts: await repos.sprints.countScopeAttempts(sprint.id, 'refused'),
      today,
      phase: sprintPhase(sprint, today),
      workingDaysLeft: teamCalendar(team).left(today, sprint),
      calendarDaysLeft: Math.max(0, daysBetween(laterDate(today, sprint.startDate), sprint.endDate) + 1),
    };
  }

  return { enqueue, loadTeam, requireActive, history, summaryOf, teamTransaction };
}

export type SprintKit = ReturnType<typeof sprintKit>;
