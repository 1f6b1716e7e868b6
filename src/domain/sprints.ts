/**
 * Sprints: planning against velocity, the start that locks scope, scope changes (refused unless
 * the PO or SM overrides with a reason), status, and the close that returns unfinished work to the
 * top of the product backlog.
 */
import type { Repositories } from '../db/repositories/index.js';
import type { Item } from '../db/repositories/items.js';
import type { Sprint } from '../db/repositories/sprints.js';
import type { Task } from '../db/repositories/tasks.js';
import type { Team } from '../db/repositories/teams.js';
import type { WorkState } from '../db/schema.js';
import { defaultSprintDates, teamCalendar } from './calendar.js';
import { daysBetween, isIsoDate, laterDate, localDate, localTimeOfDay } from './localTime.js';
import type { Clock } from './clock.js';
import { DomainError, invalid, issue, type Issue, type IssueCode } from './errors.js';
import { ASKED_DURING_LOCK_REASON, EVENT, PLANNED_SCOPE_REASON, READY_OVERRIDE_REASON, RETURNED_AT_CLOSE_REASON } from './events.js';
import type { Notification } from './notifications.js';
import { RANK_STEP, rankBefore } from './ranking.js';
import { parseReadyRules, readinessOf, type Readiness } from './readiness.js';
import { retroParticipants } from './retro.js';
import { requireRole, type Actor } from './roles.js';
import { isOvercommitted, sumPoints, velocityOf, VELOCITY_WINDOW, type SprintHistoryEntry } from './velocity.js';

/** How many items of the product backlog planning offers (top first). */
export const PLANNING_CANDIDATES = 40;
export const GOAL_MAX = 200;
export const NAME_MAX = 60;
export const REASON_MAX = 500;
/** The longest sprint, in calendar days, and the most story points a sprint's capacity can be. */
export const SPRINT_MAX_DAYS = 31;
export const CAPACITY_MAX = 1000;
/** Team-local time from which the close prompt is posted on the end date. */
export const CLOSE_PROMPT_LOCAL_TIME = '09:00';
export const CLOSE_PROMPT_KIND = 'sprint_close_prompt';

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

export interface CloseResult {
  sprint: Sprint;
  summary: SprintSummary;
  returned: Item[];
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

export function createSprintsService({ repos, clock }: { repos: Repositories; clock: Clock }) {
  const enqueue = (dedupeKey: string, notification: Notification, at: number, teamId: number) =>
    repos.outbox.enqueue({ dedupeKey, kind: notification.kind, payload: notification, at, teamId });

  function loadTeam(teamId: number): { team: Team; members: string[] } {
    const team = repos.teams.findById(teamId);
    if (!team) throw new DomainError('team.not_found');
    return { team, members: repos.teams.members(teamId) };
  }

  function requireActive(teamId: number): Sprint {
    const sprint = repos.sprints.findActive(teamId);
    if (!sprint) throw new DomainError('sprint.none_active');
    return sprint;
  }

  function history(teamId: number): SprintHistoryEntry[] {
    return repos.sprints.listClosed(teamId, VELOCITY_WINDOW).map((s) => ({
      number: s.number,
      name: s.name,
      committedPoints: s.committedPoints,
      completedPoints: s.completedPoints ?? 0,
    }));
  }

  function candidateOf(team: Team, item: Item): PlanCandidate {
    const readiness = readinessOf(item, parseReadyRules(team.readyChecklist));
    return { item, readiness, selectable: readiness.ready && item.storyPoints !== null };
  }

  function checkPlan(input: PlanInput, actor: Actor): PlanCheck {
    const { team } = loadTeam(input.teamId);
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
    const items = repos.items.listByIds(ids);
    const foreign = items.filter((item) => item.teamId !== team.id || item.status !== 'backlog');
    for (const item of foreign) itemErrors[item.id] = issue('sprint.item_gone', 'items');
    if (items.length !== ids.length || foreign.length > 0) {
      errors.items = issue('sprint.items_gone', 'items');
    } else if (ids.length === 0) {
      errors.items = issue('sprint.items_missing', 'items');
    }
    const notSelectable = items.filter((item) => item.teamId === team.id).map((item) => candidateOf(team, item)).filter((c) => !c.selectable);
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
    const velocity = velocityOf(history(team.id));
    const baseline = velocity ?? input.capacityPoints;
    return { errors, itemErrors, total, baseline, overcommitted: isOvercommitted(total, baseline), notSelectable, workingDays: days };
  }

  function summaryOf(team: Team, sprint: Sprint): SprintSummary {
    const items = repos.items.listBySprint(sprint.id);
    const tasks = repos.tasks.listForItems(items.map((item) => item.id));
    const byState: Record<WorkState, Item[]> = { todo: [], in_progress: [], done: [] };
    for (const item of items) byState[item.workState ?? 'todo'].push(item);
    const events = repos.itemEvents.listForSprint(sprint.id);
    const added = events.filter((e) => e.kind === EVENT.sprintAdded && e.reason !== PLANNED_SCOPE_REASON);
    const removed = events.filter((e) => e.kind === EVENT.sprintRemoved && e.reason !== RETURNED_AT_CLOSE_REASON);
    // Removed items have left the sprint, so their numbers are looked up.
    const numbers = new Map(repos.items.listByIds([...new Set([...added, ...removed].map((e) => e.itemId))]).map((item) => [item.id, item.number]));
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
      refusedAttempts: repos.sprints.countScopeAttempts(sprint.id, 'refused'),
      today,
      phase: sprintPhase(sprint, today),
      workingDaysLeft: teamCalendar(team).left(today, sprint),
      calendarDaysLeft: Math.max(0, daysBetween(laterDate(today, sprint.startDate), sprint.endDate) + 1),
    };
  }

  return {
    /** What /plan shows: defaults, velocity with its history, and the top of the backlog. */
    planningContext(teamId: number, actor: Actor, chosen: { startDate?: string; endDate?: string } = {}): PlanningContext {
      const { team, members } = loadTeam(teamId);
      requireRole({ team, members, actor }, ['member', 'po', 'sm'], 'sprint.not_member', { action: 'sprint.plan' });
      if (repos.sprints.findActive(team.id)) throw new DomainError('sprint.already_active');
      const number = repos.sprints.lastNumber(team.id) + 1;
      const calendar = teamCalendar(team);
      const defaults = defaultSprintDates(localDate(clock(), team.timezone), team.sprintLengthDays, calendar.isWorkingDay);
      // Dates picked in the modal so far (the working-day count follows them).
      const valid = chosen.startDate && chosen.endDate && isIsoDate(chosen.startDate) && isIsoDate(chosen.endDate) && chosen.startDate <= chosen.endDate;
      const { startDate, endDate } = valid ? { startDate: chosen.startDate!, endDate: chosen.endDate! } : defaults;
      const past = history(team.id);
      return {
        team,
        number,
        startDate,
        endDate,
        workingDays: calendar.count(startDate, endDate),
        history: past,
        velocity: velocityOf(past),
        candidates: repos.items.listByStatus(team.id, 'backlog', { limit: PLANNING_CANDIDATES }).map((item) => candidateOf(team, item)),
        backlogSize: repos.items.countByStatus(team.id, 'backlog'),
        mayOverride: team.productOwnerId === actor.userId,
      };
    },

    velocityHistory: history,
    checkPlan,

    /** Starts the sprint: selected items move to the sprint backlog and scope is locked. */
    start(input: PlanInput, actor: Actor): Sprint {
      const { team, members } = loadTeam(input.teamId);
      requireRole({ team, members, actor }, ['member', 'po', 'sm'], 'sprint.not_member', { action: 'sprint.plan' });
      const at = clock().getTime();
      return repos.transaction(() => {
        if (repos.sprints.findActive(team.id)) throw new DomainError('sprint.already_active');
        const check = checkPlan(input, actor);
        const [field, problem] = Object.entries(check.errors)[0] ?? [];
        if (field && problem) throw invalid(field === 'override' ? 'sprint.not_ready' : 'sprint.invalid', problem);
        if (check.overcommitted && !input.confirmOverVelocity) {
          throw new DomainError('sprint.needs_confirmation', { total: check.total, baseline: check.baseline ?? 0 });
        }
        const overridden = new Set(check.notSelectable.map((c) => c.item.id));
        const items = repos.items.listByIds([...new Set(input.itemIds)]).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
        const sprint = repos.sprints.insert({
          teamId: team.id,
          number: repos.sprints.lastNumber(team.id) + 1,
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
          repos.items.update(item.id, { status: 'in_sprint', sprintId: sprint.id, workState: 'todo', needsReprioritisation: false, updatedAt: at });
          const base = { teamId: team.id, itemId: item.id, sprintId: sprint.id, actorId: actor.userId, points: item.storyPoints, at };
          repos.itemEvents.appendMany([
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
        enqueue(`sprint-started:${sprint.id}`, { kind: 'sprint.started', sprintId: sprint.id }, at, team.id);
        return sprint;
      });
    },

    /**
     * The one way to add an item to the active sprint. Scope is locked: without an override the
     * attempt is counted and refused ('sprint.locked'); the PO or SM may override with a reason,
     * which is recorded as a scope change.
     */
    addToActiveSprint(itemId: number, actor: Actor, { override }: { override?: string | null } = {}): { sprint: Sprint; item: Item } {
      const item = repos.items.findById(itemId);
      if (!item) throw new DomainError('item.not_found');
      const { team, members } = loadTeam(item.teamId);
      const sprint = requireActive(team.id);
      if (item.sprintId === sprint.id) throw new DomainError('item.wrong_status', { reason: 'sprint.item_already_in' });
      if (item.status !== 'backlog' && item.status !== 'inbox' && item.status !== 'icebox') {
        throw new DomainError('item.wrong_status', { reason: 'sprint.item_not_open' });
      }
      const at = clock().getTime();
      const reason = override?.trim() ?? '';
      const mayOverride = team.productOwnerId === actor.userId || team.scrumMasterId === actor.userId;
      if (reason && !mayOverride) {
        repos.sprints.recordScopeAttempt({ teamId: team.id, sprintId: sprint.id, itemId: item.id, userId: actor.userId, outcome: 'refused', reason, at });
        requireRole({ team, members, actor }, ['po', 'sm'], 'sprint.not_allowed', { action: 'sprint.override_add' });
      }
      if (!reason) {
        // The PO's or SM's own ask is the first step of an override, not work kept out of the sprint.
        if (!mayOverride) {
          repos.sprints.recordScopeAttempt({ teamId: team.id, sprintId: sprint.id, itemId: item.id, userId: actor.userId, outcome: 'refused', reason: null, at });
        }
        throw new DomainError('sprint.locked', {
          attempts: repos.sprints.countScopeAttempts(sprint.id, 'refused'),
          sprintName: sprint.name,
        });
      }
      if (reason.length > REASON_MAX) throw new DomainError('sprint.invalid', { reason: 'sprint.reason_too_long', max: REASON_MAX });
      return repos.transaction(() => {
        const updated = repos.items.update(item.id, { status: 'in_sprint', sprintId: sprint.id, workState: 'todo', updatedAt: at });
        const base = { teamId: team.id, itemId: item.id, sprintId: sprint.id, actorId: actor.userId, points: item.storyPoints, at };
        repos.itemEvents.appendMany([
          { ...base, kind: EVENT.status, field: 'status', fromValue: item.status, toValue: 'in_sprint', reason },
          { ...base, kind: EVENT.sprintAdded, field: 'sprint', fromValue: null, toValue: String(sprint.id), reason },
        ]);
        repos.sprints.recordScopeAttempt({ teamId: team.id, sprintId: sprint.id, itemId: item.id, userId: actor.userId, outcome: 'overridden', reason, at });
        enqueue(
          `scope-added:${sprint.id}:${item.id}:${at}`,
          { kind: 'sprint.scope_changed', sprintId: sprint.id, itemId: item.id, userId: actor.userId, change: 'added', reason },
          at,
          team.id,
        );
        return { sprint, item: updated };
      });
    },

    /** PO or SM takes an item out of the active sprint (a scope change); it goes to the top of the backlog. */
    removeFromActiveSprint(itemId: number, actor: Actor, reason: string): Item {
      const item = repos.items.findById(itemId);
      if (!item) throw new DomainError('item.not_found');
      const { team, members } = loadTeam(item.teamId);
      const sprint = requireActive(team.id);
      requireRole({ team, members, actor }, ['po', 'sm'], 'sprint.not_allowed', { action: 'sprint.remove' });
      if (item.sprintId !== sprint.id || item.status !== 'in_sprint') throw new DomainError('item.wrong_status', { reason: 'sprint.item_not_unfinished' });
      const why = reason.trim();
      if (!why) throw new DomainError('sprint.invalid', { reason: 'sprint.removal_reason_missing', field: 'reason' });
      const at = clock().getTime();
      return repos.transaction(() => {
        const rank = rankBefore(repos.items.rankBounds(team.id, 'backlog').min);
        const updated = repos.items.update(item.id, { status: 'backlog', sprintId: null, workState: null, rank, needsReprioritisation: true, updatedAt: at });
        const base = { teamId: team.id, itemId: item.id, sprintId: sprint.id, actorId: actor.userId, points: item.storyPoints, at };
        repos.itemEvents.appendMany([
          { ...base, kind: EVENT.sprintRemoved, field: 'sprint', fromValue: String(sprint.id), toValue: null, reason: why },
          { ...base, kind: EVENT.status, field: 'status', fromValue: 'in_sprint', toValue: 'backlog', reason: why },
          { ...base, sprintId: null, points: null, kind: EVENT.rank, field: 'rank', fromValue: item.rank === null ? null : String(item.rank), toValue: String(rank), reason: 'top' },
        ]);
        enqueue(
          `scope-removed:${sprint.id}:${item.id}:${at}`,
          { kind: 'sprint.scope_changed', sprintId: sprint.id, itemId: item.id, userId: actor.userId, change: 'removed', reason: why },
          at,
          team.id,
        );
        return updated;
      });
    },

    /** The offer after a refused add: flag the item for the PO to consider for the next sprint. */
    deferToBacklog(itemId: number, actor: Actor): Item {
      const item = repos.items.findById(itemId);
      if (!item) throw new DomainError('item.not_found');
      const { team, members } = loadTeam(item.teamId);
      requireRole({ team, members, actor }, ['member', 'po', 'sm'], 'sprint.not_member', { action: 'sprint.defer' });
      if (item.status !== 'backlog' && item.status !== 'inbox') throw new DomainError('item.wrong_status', { reason: 'sprint.item_not_waiting' });
      const at = clock().getTime();
      return repos.transaction(() => {
        const updated =
          item.status === 'backlog' && !item.needsReprioritisation
            ? repos.items.update(item.id, { needsReprioritisation: true, updatedAt: at })
            : item;
        if (updated !== item) {
          repos.itemEvents.append({
            teamId: team.id,
            itemId: item.id,
            actorId: actor.userId,
            kind: EVENT.field,
            field: 'needs_reprioritisation',
            fromValue: 'false',
            toValue: 'true',
            reason: ASKED_DURING_LOCK_REASON,
            at,
          });
        }
        if (team.productOwnerId && team.productOwnerId !== actor.userId) {
          enqueue(
            `scope-deferred:${item.id}:${actor.userId}:${at}`,
            { kind: 'sprint.scope_deferred', itemId: item.id, userId: actor.userId, productOwnerId: team.productOwnerId },
            at,
            team.id,
          );
        }
        return updated;
      });
    },

    activeSprint: (teamId: number): Sprint | undefined => repos.sprints.findActive(teamId),

    /** The active sprint's summary, or null (for App Home's current sprint line). */
    currentSummary(teamId: number): SprintSummary | null {
      const team = repos.teams.findById(teamId);
      const sprint = team ? repos.sprints.findActive(team.id) : undefined;
      return team && sprint ? summaryOf(team, sprint) : null;
    },

    /** Goal, days left, done/remaining points, items by state, scope changes. */
    status(teamId: number): SprintSummary {
      const { team } = loadTeam(teamId);
      return summaryOf(team, requireActive(team.id));
    },

    /** What closing would do, for the SM or PO only (the same check close() makes). */
    closePreview(teamId: number, actor: Actor): SprintSummary {
      const { team, members } = loadTeam(teamId);
      requireRole({ team, members, actor }, ['po', 'sm'], 'sprint.not_allowed', { action: 'sprint.close' });
      return summaryOf(team, requireActive(team.id));
    },

    /** Summary of any sprint (closed ones too), for messages rendered later. */
    summaryOf(sprintId: number): SprintSummary | null {
      const sprint = repos.sprints.findById(sprintId);
      const team = sprint ? repos.teams.findById(sprint.teamId) : undefined;
      return sprint && team ? summaryOf(team, sprint) : null;
    },

    /**
     * Closes the active sprint (SM or PO): velocity recorded, unfinished items back to the TOP of
     * the product backlog in their sprint order, flagged for the PO; never carried over.
     */
    close(teamId: number, actor: Actor, { retro = false }: { retro?: boolean } = {}): CloseResult {
      const { team, members } = loadTeam(teamId);
      requireRole({ team, members, actor }, ['po', 'sm'], 'sprint.not_allowed', { action: 'sprint.close' });
      const at = clock().getTime();
      return repos.transaction(() => {
        const sprint = requireActive(team.id);
        const before = summaryOf(team, sprint);
        const unfinished = before.items.filter((item) => item.status !== 'done' && item.workState !== 'done');
        const top = repos.items.rankBounds(team.id, 'backlog').min;
        const firstRank = top === null ? RANK_STEP : top - RANK_STEP * unfinished.length;
        const returned = unfinished.map((item, index) => {
          const rank = firstRank + index * RANK_STEP;
          const updated = repos.items.update(item.id, {
            status: 'backlog',
            sprintId: null,
            workState: null,
            rank,
            needsReprioritisation: true,
            updatedAt: at,
          });
          const base = { teamId: team.id, itemId: item.id, actorId: actor.userId, at };
          repos.itemEvents.appendMany([
            { ...base, sprintId: sprint.id, points: item.storyPoints, kind: EVENT.sprintRemoved, field: 'sprint', fromValue: String(sprint.id), toValue: null, reason: RETURNED_AT_CLOSE_REASON },
            { ...base, sprintId: sprint.id, points: item.storyPoints, kind: EVENT.status, field: 'status', fromValue: 'in_sprint', toValue: 'backlog', reason: RETURNED_AT_CLOSE_REASON },
            { ...base, kind: EVENT.rank, field: 'rank', fromValue: item.rank === null ? null : String(item.rank), toValue: String(rank), reason: RETURNED_AT_CLOSE_REASON },
          ]);
          return updated;
        });
        const closed = repos.sprints.update(sprint.id, { status: 'closed', completedPoints: before.donePoints, closedBy: actor.userId, closedAt: at });
        enqueue(`sprint-closed:${sprint.id}`, { kind: 'sprint.closed', sprintId: sprint.id, retro }, at, team.id);
        if (retro) {
          for (const userId of retroParticipants(team, members)) {
            enqueue(`retro-invite:${sprint.id}:${userId}`, { kind: 'retro.invite', sprintId: sprint.id, userId }, at, team.id);
          }
        }
        return { sprint: closed, summary: { ...before, sprint: closed }, returned };
      });
    },

    /**
     * Posts one close prompt per active sprint whose end date has come (team timezone, from
     * CLOSE_PROMPT_LOCAL_TIME): claimed in scheduled_posts, queued in the same transaction.
     */
    sweepClosePrompts(now: Date): number {
      let queued = 0;
      const candidates = repos.sprints.listActiveEndingBy(addOneDay(now));
      // Teams of a workspace that uninstalled the app are left out.
      const teams = new Map(repos.teams.listActive().map((team) => [team.id, team]));
      for (const sprint of candidates) {
        const team = teams.get(sprint.teamId);
        if (!team) continue;
        const today = localDate(now, team.timezone);
        if (today < sprint.endDate) continue;
        if (today === sprint.endDate && localTimeOfDay(now, team.timezone) < CLOSE_PROMPT_LOCAL_TIME) continue;
        const at = now.getTime();
        repos.transaction(() => {
          if (!repos.scheduledPosts.claim({ teamId: team.id, kind: CLOSE_PROMPT_KIND, period: String(sprint.id), at })) return;
          enqueue(`close-prompt:${sprint.id}`, { kind: 'sprint.close_prompt', sprintId: sprint.id }, at, team.id);
          // Queued in the same transaction: from here the outbox owns delivery (and its retries).
          repos.scheduledPosts.markDone({ teamId: team.id, kind: CLOSE_PROMPT_KIND, period: String(sprint.id), at });
          queued += 1;
        });
      }
      return queued;
    },
  };
}

/** The UTC date a day after now: no timezone is more than 14 hours ahead, so this bounds every team's today. */
function addOneDay(now: Date): string {
  return new Date(now.getTime() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export type SprintsService = ReturnType<typeof createSprintsService>;
