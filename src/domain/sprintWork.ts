/**
 * The sprint backlog belongs to the team: members break items into tasks, assign themselves and
 * move items and tasks through to do / in progress / done. Standups and App Home call these too.
 */
import type { Repositories } from '../db/repositories/index.js';
import type { Item } from '../db/repositories/items.js';
import type { Sprint } from '../db/repositories/sprints.js';
import type { Task } from '../db/repositories/tasks.js';
import type { Team } from '../db/repositories/teams.js';
import type { WorkState } from '../db/schema.js';
import type { Clock } from './clock.js';
import { DomainError } from './errors.js';
import { serviceKit } from './serviceKit.js';
import { EVENT } from './events.js';
import { requireRole, type Actor } from './roles.js';

/** Where a work change came from (the work_state event's reason). */
export type WorkSource = 'sprint' | 'standup' | 'home';
export const TASK_TITLE_MAX = 150;
export const TASKS_PER_ITEM_MAX = 20;

export function createSprintWorkService({ repos, clock }: { repos: Repositories; clock: Clock }) {
  const { requireTeam, teamTransaction } = serviceKit(repos);
  /** The team of an item (it never changes), to know which team to hold; item.not_found when there is none. */
  async function teamOfItem(itemId: number): Promise<number> {
    const item = await repos.items.findById(itemId);
    if (!item) throw new DomainError('item.not_found');
    return item.teamId;
  }

  async function teamOfTask(taskId: number): Promise<number> {
    const task = await repos.tasks.findById(taskId);
    if (!task) throw new DomainError('task.not_found');
    return await teamOfItem(task.itemId);
  }

  /** The item, its team and active sprint, after checking the actor is on the team. */
  async function sprintItem(itemId: number, actor: Actor): Promise<{ item: Item; team: Team; sprint: Sprint }> {
    const item = await repos.items.findById(itemId);
    if (!item) throw new DomainError('item.not_found');
    const team = await requireTeam(item.teamId);
    requireRole({ team, members: await repos.teams.members(team.id), actor }, ['member', 'po', 'sm'], 'sprint.not_member', { action: 'sprint.board' });
    const sprint = await repos.sprints.findActive(team.id);
    if (!sprint) throw new DomainError('sprint.none_active');
    if (item.sprintId !== sprint.id) throw new DomainError('item.wrong_status', { reason: 'sprint.item_not_in_sprint' });
    return { item, team, sprint };
  }

  async function sprintTask(taskId: number, actor: Actor) {
    const task = await repos.tasks.findById(taskId);
    if (!task) throw new DomainError('task.not_found');
    return { task, ...(await sprintItem(task.itemId, actor)) };
  }

  return {
    /** Moves an item through todo / in progress / done; done items get status 'done'. */
    async setItemState(itemId: number, state: WorkState, actor: Actor, source: WorkSource): Promise<Item> {
      // The checks and the "from" state are read while the team is held, so two instances never both move it.
      return await teamTransaction(await teamOfItem(itemId), async () => {
        const { item, team, sprint } = await sprintItem(itemId, actor);
        const from = item.workState ?? 'todo';
        if (from === state) return item;
        const at = clock().getTime();
        const status = state === 'done' ? 'done' : 'in_sprint';
        const updated = await repos.items.update(item.id, { workState: state, status, updatedAt: at });
        const base = { teamId: team.id, itemId: item.id, sprintId: sprint.id, actorId: actor.userId, points: item.storyPoints, at };
        await repos.itemEvents.append({ ...base, kind: EVENT.workState, field: 'work_state', fromValue: from, toValue: state, reason: source });
        if (status !== item.status) {
          await repos.itemEvents.append({ ...base, kind: EVENT.status, field: 'status', fromValue: item.status, toValue: status, reason: source });
        }
        return updated;
      });
    },

    /** Assigns an item (members assign themselves; null unassigns). */
    async assignItem(itemId: number, assigneeId: string | null, actor: Actor): Promise<Item> {
      return await teamTransaction(await teamOfItem(itemId), async () => {
        const { item, team, sprint } = await sprintItem(itemId, actor);
        if (item.assigneeId === assigneeId) return item;
        const at = clock().getTime();
        const updated = await repos.items.update(item.id, { assigneeId, updatedAt: at });
        await repos.itemEvents.append({
          teamId: team.id,
          itemId: item.id,
          sprintId: sprint.id,
          actorId: actor.userId,
          kind: EVENT.field,
          field: 'assignee_id',
          fromValue: item.assigneeId,
          toValue: assigneeId,
          at,
        });
        return updated;
      });
    },

    /** Breaks an item into tasks (one per title). */
    async addTasks(itemId: number, titles: readonly string[], actor: Actor): Promise<Task[]> {
      return await teamTransaction(await teamOfItem(itemId), async () => {
        const { item, team, sprint } = await sprintItem(itemId, actor);
        const clean = titles.map((t) => t.trim().replace(/\s+/g, ' ')).filter((t) => t.length > 0);
        if (clean.length === 0) throw new DomainError('sprint.invalid', { reason: 'sprint.tasks_missing' });
        if (clean.some((t) => t.length > TASK_TITLE_MAX)) throw new DomainError('sprint.invalid', { reason: 'sprint.task_too_long', max: TASK_TITLE_MAX });
        if ((await repos.tasks.listForItems([item.id])).length + clean.length > TASKS_PER_ITEM_MAX) {
          throw new DomainError('sprint.invalid', { reason: 'sprint.too_many_tasks', max: TASKS_PER_ITEM_MAX });
        }
        const at = clock().getTime();
        const tasks: Task[] = [];
        for (const title of clean) {
          const task = await repos.tasks.insert({ itemId: item.id, title, state: 'todo', createdAt: at, updatedAt: at });
          await repos.itemEvents.append({
            teamId: team.id,
            itemId: item.id,
            sprintId: sprint.id,
            actorId: actor.userId,
            kind: EVENT.task,
            field: 'task',
            fromValue: null,
            toValue: 'todo',
            reason: title,
            at,
          });
          tasks.push(task);
        }
        return tasks;
      });
    },

    /** Moves a task through todo / in progress / done. */
    async setTaskState(taskId: number, state: WorkState, actor: Actor): Promise<Task> {
      return await teamTransaction(await teamOfTask(taskId), async () => {
        const { task, team, sprint } = await sprintTask(taskId, actor);
        if (task.state === state) return task;
        const at = clock().getTime();
        const updated = await repos.tasks.update(task.id, { state, updatedAt: at });
        await repos.itemEvents.append({
          teamId: team.id,
          itemId: task.itemId,
          sprintId: sprint.id,
          actorId: actor.userId,
          kind: EVENT.task,
          field: 'task',
          fromValue: task.state,
          toValue: state,
          reason: task.title,
          at,
        });
        return updated;
      });
    },

    /** Assigns a task (null unassigns). */
    async assignTask(taskId: number, assigneeId: string | null, actor: Actor): Promise<Task> {
      const { task } = await sprintTask(taskId, actor);
      return repos.tasks.update(task.id, { assigneeId, updatedAt: clock().getTime() });
    },
  };
}

export type SprintWorkService = ReturnType<typeof createSprintWorkService>;
