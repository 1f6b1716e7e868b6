/** Sprint planning: what /plan offers (defaults, velocity, the top of the backlog), the checks of a plan, and the start that locks scope. */
import type { Repositories } from '../db/repositories/index.js';
import type { Item } from '../db/repositories/items.js';
import type { Sprint } from '../db/repositories/sprints.js';
import type { Team } from '../db/repositories/teams.js';
import { defaultSprintDates, teamCalendar } from './calendar.js';
import type { Clock } from './clock.js';
import { DomainError, invalid, issue, type Issue, type IssueCode } from './errors.js';
import { EVENT, PLANNED_SCOPE_REASON, READY_OVERRIDE_REASON } from './events.js';
import { daysBetween, isIsoDate, localDate } from './localTime.js';
import { parseReadyRules, readinessOf, type Readiness } from './readiness.js';
import { requireRole, type Actor } from './roles.js';
import type { SprintKit } from './sprintKit.js';
import { isOvercommitted, sumPoints, velocityOf, type SprintHistoryEntry } from './velocity.js';

/** How many items of the product backlog planning offers (top first). */
export const PLANNING_CANDIDATES = 40;
export const GOAL_MAX = 200;
export const NAME_MAX = 60;
export const REASON_MAX = 500;
/** The longest sprint, in calendar days, and the most story points a sprint's capacity can be. */
export const SPRINT_MAX_DAYS = 31;
export const CAPACITY_MAX = 1000;
export interface PlanCandidate {
  item: Item;
  readiness: Readiness;
  /** Ready and estimated: selectable without an override. */
  selectable: boolean;
}

export interface PlanningContext {
  team: Team;
  number: number;
  startDate: string;
  endDate: string;
  workingDays: number;
  history: SprintHistoryEntry[];
  velocity: number | null;
  candidates: PlanCandidate[];
  backlogSize: number;
  /** The viewer may include items that are not Ready, with a reason: the Product Owner only. */
  mayOverride: boolean;
}

export interface PlanInput {
  teamId: number;
  name: string;
  goal: string;
  startDate: string;
  endDate: string;
  capacityPoints: number | null;
  itemIds: number[];
  overrideReason: string | null;
  confirmOverVelocity: boolean;
}

export type PlanField = 'name' | 'goal' | 'dates' | 'capacity' | 'items' | 'override';

export interface PlanCheck {
  errors: Partial<Record<PlanField, Issue>>;
  /** Problems with single selected items, by item id (shown next to the item). */
  itemErrors: Record<number, Issue>;
  total: number;
  /** Velocity, else the capacity entered: what "over-committed" is measured against. */
  baseline: number | null;
  overcommitted: boolean;
  notSelectable: PlanCandidate[];
  workingDays: number;
}

/** Checks the sprint goal: one sentence, required. Returns what is wrong with it, or null. */
export function goalProblem(goal: string): IssueCode | null {
  const text = goal.trim();
  if (text.length === 0) return 'sprint.goal_missing';
  if (text.length > GOAL_MAX) return 'sprint.goal_too_long';
  // A sentence end followed by more text means several sentences (a final period is fine).
  if (/[\r\n]/.test(text) || /[.!?]+["')\]]?\s+\S/.test(text)) return 'sprint.goal_not_one_sentence';
  return null;
}

export function createSprintPlanningService({ repos, clock, kit }: { repos: Repositories; clock: Clock; kit: SprintKit }) {
  const { enqueue, loadTeam, history, teamTransaction } = kit;

  function candidateOf(team: Team, item: Item): PlanCandidate {
    const readiness = readinessOf(item, parseReadyRules(team.readyChecklist));
    return { item, readiness, selectable: readiness.ready && item.storyPoints !== null };
  }

  async function checkPlan(input: PlanInput, actor: Actor): Promise<PlanCheck> {
    const { team } = await loadTeam(input.teamId);
    const errors: PlanCheck['errors'] = {};
    const name = input.name.trim();
    if (name.length === 0) errors.name = issue('sprint.name_missing', 'name');
    else if (name.length > NAME_MAX) errors.name = issue('sprint.name_too_long', 'name', { max: NAME_MAX });
    const goal = goalProblem(input.goal);
    if (goal) errors.goal = issue(goal, 'goal', { max: GOAL_MAX });
    const datesValid = isIsoDate(input.startDate) && isIsoDate(input.endDate);
    if (!datesValid) errors.dates = issue('sprint.dates_missing', 'dates');
    else if (input.endDate < input.startDate) errors.dates = issue('sprint.dates_reversed', 'dates');
    else if (daysBetween(input.startDate, input.endDate) > SPRINT_MAX_DAYS) errors.dates = issue('sprint.too_long', 'dates');
    const days = datesValid ? teamCalendar(team).count(input.startDate, input.endDate) : 0;
    if (input.capacityPoints !== null && (!Number.isFinite(input.capacityPoints) || input.capacityPoints < 0 || input.capacityPoints > CAPACITY_MAX)) {
      errors.capacity = issue('sprint.capacity_invalid', 'capacity', { max: CAPACITY_MAX });
    }
    const itemErrors: PlanCheck['itemErrors'] = {};
    const ids = [...new Set(input.itemIds)];
    const items = await repos.items.listByIds(ids);
    const foreign = items.filter((item) => item.teamId !== team.id || item.status !== 'backlog');
    for (const item of foreign) itemErrors[item.id] = issue('sprint.item_gone', 'items');
    if (items.length !== ids.length || foreign.length > 0) {
      errors.items = issue('sprint.items_gone', 'items');
    } else if (ids.length === 0) {
      errors.items = issue('sprint.items_missing', 'items');
    }
    const notSelectable = items
      .filter((item) => item.teamId === team.id)
      .map((item) => candidateOf(team, item))
      .filter((c) => !c.selectable);
    if (notSelectable.length > 0) {
      const refs = notSelectable.map((c) => `${team.itemPrefix}-${c.item.number}`).join(', ');
      const reason = input.overrideReason?.trim() ?? '';
      const isPo = team.productOwnerId === actor.userId;
      const which = { refs, count: notSelectable.length };
      if (!isPo) errors.override = issue('sprint.items_need_po', 'override', which);
      else if (reason.length === 0) errors.override = issue('sprint.items_need_reason', 'override', which);
      else if (reason.length > REASON_MAX) errors.override = issue('sprint.reason_too_long', 'override', { max: REASON_MAX });
      if (!isPo || reason.length === 0) {
        for (const { item } of notSelectable) itemErrors[item.id] ??= issue(isPo ? 'sprint.item_needs_reason' : 'sprint.item_needs_po', 'items');
      }
    }
    const total = sumPoints(items);
    const velocity = velocityOf(await history(team.id));
    const baseline = velocity ?? input.capacityPoints;
    return { errors, itemErrors, total, baseline, overcommitted: isOvercommitted(total, baseline), notSelectable, workingDays: days };
  }

  return {
    /** What /plan shows: defaults, velocity with its history, and the top of the backlog. */
    async planningContext(teamId: number, actor: Actor, chosen: { startDate?: string; endDate?: string } = {}): Promise<PlanningContext> {
      const { team, members } = await loadTeam(teamId);
      requireRole({ team, members, actor }, ['member', 'po', 'sm'], 'sprint.not_member', { action: 'sprint.plan' });
      if (await repos.sprints.findActive(team.id)) throw new DomainError('sprint.already_active');
      const number = (await repos.sprints.lastNumber(team.id)) + 1;
      const calendar = teamCalendar(team);
      const defaults = defaultSprintDates(localDate(clock(), team.timezone), team.sprintLengthDays, calendar.isWorkingDay);
      // Dates picked in the modal so far (the working-day count follows them).
      const valid = chosen.startDate && chosen.endDate && isIsoDate(chosen.startDate) && isIsoDate(chosen.endDate) && chosen.startDate <= chosen.endDate;
      const { startDate, endDate } = valid ? { startDate: chosen.startDate!, endDate: chosen.endDate! } : defaults;
      const past = await history(team.id);
      return {
        team,
        number,
        startDate,
        endDate,
        workingDays: calendar.count(startDate, endDate),
        history: past,
        velocity: velocityOf(past),
        candidates: (await repos.items.listByStatus(team.id, 'backlog', { limit: PLANNING_CANDIDATES })).map((item) => candidateOf(team, item)),
        backlogSize: await repos.items.countByStatus(team.id, 'backlog'),
        mayOverride: team.productOwnerId === actor.userId,
      };
    },

    velocityHistory: history,
    checkPlan,

    /** Starts the sprint: selected items move to the sprint backlog and scope is locked. */
    async start(input: PlanInput, actor: Actor): Promise<Sprint> {
      const { team, members } = await loadTeam(input.teamId);
      requireRole({ team, members, actor }, ['member', 'po', 'sm'], 'sprint.not_member', { action: 'sprint.plan' });
      const at = clock().getTime();
      // Held: two starts at once (from two instances) never open two active sprints or plan one item twice.
      return teamTransaction(team.id, async () => {
        if (await repos.sprints.findActive(team.id)) throw new DomainError('sprint.already_active');
        const check = await checkPlan(input, actor);
        const [field, problem] = Object.entries(check.errors)[0] ?? [];
        if (field && problem) throw invalid(field === 'override' ? 'sprint.not_ready' : 'sprint.invalid', problem);
        if (check.overcommitted && !input.confirmOverVelocity) {
          throw new DomainError('sprint.needs_confirmation', { total: check.total, baseline: check.baseline ?? 0 });
        }
        const overridden = new Set(check.notSelectable.map((c) => c.item.id));
        const items = (await repos.items.listByIds([...new Set(input.itemIds)])).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
        const sprint = await repos.sprints.insert({
          teamId: team.id,
          number: (await repos.sprints.lastNumber(team.id)) + 1,
          name: input.name.trim(),
          goal: input.goal.trim(),
          startDate: input.startDate,
          endDate: input.endDate,
          status: 'active',
          capacityPoints: input.capacityPoints,
          committedPoints: check.total,
          startedBy: actor.userId,
          startedAt: at,
        });
        for (const item of items) {
          await repos.items.update(item.id, { status: 'in_sprint', sprintId: sprint.id, workState: 'todo', needsReprioritisation: false, updatedAt: at });
          const base = { teamId: team.id, itemId: item.id, sprintId: sprint.id, actorId: actor.userId, points: item.storyPoints, at };
          await repos.itemEvents.appendMany([
            {
              ...base,
              kind: EVENT.status,
              field: 'status',
              fromValue: 'backlog',
              toValue: 'in_sprint',
              reason: overridden.has(item.id) ? `${READY_OVERRIDE_REASON}: ${input.overrideReason?.trim() ?? ''}` : PLANNED_SCOPE_REASON,
            },
            { ...base, kind: EVENT.sprintAdded, field: 'sprint', fromValue: null, toValue: String(sprint.id), reason: PLANNED_SCOPE_REASON },
          ]);
        }
        await enqueue(`sprint-started:${sprint.id}`, { kind: 'sprint.started', sprintId: sprint.id }, at, team.id);
        return sprint;
      });
    },
  };
}
