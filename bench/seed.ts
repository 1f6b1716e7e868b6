/**
 * Realistic bulk data for the bench's data rows, written through the repositories in one
 * transaction per call (batched inserts: 100,000 items take seconds).
 */
import type { Repositories } from '../src/db/repositories/index.js';
import type { NewItem } from '../src/db/repositories/items.js';
import type { NewItemEvent } from '../src/db/repositories/itemEvents.js';
import { ITEM_STATUSES, type ItemStatus } from '../src/db/schema.js';
import { EVENT, PLANNED_SCOPE_REASON } from '../src/domain/events.js';
import { insertTeam } from '../test/helpers/testApp.js';

const DAY_MS = 86_400_000;

const SUBJECTS = [
  'Export',
  'Login',
  'Search',
  'Billing page',
  'Invoice PDF',
  'Dashboard',
  'Notifications',
  'Weekly report',
  'File upload',
  'Calendar sync',
  'SSO',
  'Audit log',
  'API tokens',
  'Mobile app',
  'Onboarding',
  'Team settings',
  'CSV import',
  'Webhooks',
  'Permissions',
  'Comments',
];
const PROBLEMS = [
  'times out',
  'fails for large workspaces',
  'is slow on first load',
  'shows wrong totals',
  'crashes on Safari',
  'needs a dark mode',
  'should support SAML',
  'loses unsaved changes',
  'ignores the timezone',
  'sends duplicates',
  'needs pagination',
  'should be translated',
  'breaks with emoji',
  'needs an audit trail',
  'should remember filters',
  'is confusing for new users',
];
const CONTEXTS = ['', ' for admins', ' in the EU region', ' after the upgrade', ' on Android', ' for guests', ' with SSO users', ' over 10k rows'];

/** A plausible, varied title (20 x 16 x 8 combinations) for the n-th seeded item. */
export function titleFor(n: number): string {
  return `${SUBJECTS[n % SUBJECTS.length]} ${PROBLEMS[Math.floor(n / SUBJECTS.length) % PROBLEMS.length]}${CONTEXTS[Math.floor(n / (SUBJECTS.length * PROBLEMS.length)) % CONTEXTS.length]}`;
}

/** A long-lived team's status mix: mostly done, a sizeable backlog, a steady inbox. */
function statusFor(n: number): ItemStatus {
  const slot = n % 20;
  if (slot === 0) return 'inbox';
  if (slot <= 3) return 'backlog';
  if (slot === 4) return 'icebox';
  if (slot === 5) return 'rejected';
  return 'done';
}

const POINTS = [1, 2, 3, 5, 8, 13];

function baseItem(teamId: number, number: number, at: number): NewItem {
  return {
    teamId,
    number,
    title: titleFor(number),
    details: `Seen by several customers. Steps: open the page, wait. Item ${number}.`,
    type: number % 3 === 0 ? 'bug' : 'story',
    source: number % 4 === 0 ? 'reaction' : 'command',
    requesterId: number % 2 === 0 ? 'U_ALICE' : 'U_BOB',
    suggestedById: 'U_ALICE',
    neededBy: 'Support',
    createdAt: at,
    updatedAt: at,
  };
}

/** Adds items to team until it holds `total` (status mix above, created over the last two years). */
export async function growTeamTo(repos: Repositories, teamId: number, total: number, now: number): Promise<number> {
  const have = await teamItemCount(repos, teamId);
  if (have >= total) return have;
  await repos.transaction(async () => {
    const first = await repos.teams.allocateItemNumbers(teamId, total - have);
    const span = 730 * DAY_MS;
    const items: NewItem[] = [];
    for (let number = first; number < first + (total - have); number += 1) {
      // Older numbers are older items; the inbox keeps its newest arrivals at the end.
      const at = now - span + Math.floor((number / total) * span);
      const status = statusFor(number);
      const points = status === 'backlog' || status === 'done' ? POINTS[number % POINTS.length]! : null;
      items.push({
        ...baseItem(teamId, number, at),
        status,
        storyPoints: points,
        rank: status === 'backlog' || status === 'icebox' ? number * 1024 : null,
        moscow: status === 'backlog' ? (['must', 'should', 'could'] as const)[number % 3] : null,
        triagedAt: status === 'inbox' ? null : at + DAY_MS,
      });
    }
    const ids = await repos.items.insertMany(items);
    const events: NewItemEvent[] = [];
    ids.forEach((itemId, i) => {
      const item = items[i]!;
      events.push({
        teamId,
        itemId,
        actorId: item.suggestedById,
        kind: EVENT.created,
        field: 'status',
        fromValue: null,
        toValue: 'inbox',
        reason: item.source,
        at: item.createdAt,
      });
      if (item.status !== 'inbox') {
        events.push({
          teamId,
          itemId,
          actorId: 'U_PO',
          kind: EVENT.status,
          field: 'status',
          fromValue: 'inbox',
          toValue: item.status === 'done' ? 'backlog' : item.status!,
          reason: null,
          at: item.createdAt + DAY_MS,
        });
      }
    });
    await repos.itemEvents.appendMany(events);
  });
  return total;
}

/** Items of a team, any status. */
export async function teamItemCount(repos: Repositories, teamId: number): Promise<number> {
  let sum = 0;
  for (const status of ITEM_STATUSES) sum += await repos.items.countByStatus(teamId, status);
  return sum;
}

/** The team the /backlog and /triage rows read: its own channel, PO U_PO, no scheduled posts. */
export async function seedBigTeam(repos: Repositories): Promise<number> {
  return (
    await insertTeam(repos, { slackTeamId: 'T1', name: 'Big', teamChannelId: 'C_BIG', triageChannelId: null, stakeholderChannelId: null, burndownDays: '' })
  ).id;
}

function isoDate(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/**
 * A 20-day sprint that started 14 days ago with `items` items and `events` item events in all
 * (planning, estimates, tasks, work-state moves, a few re-estimates, mid-sprint adds and removals).
 */
export async function seedSprint(
  repos: Repositories,
  teamId: number,
  {
    items: count,
    events: eventTotal,
    now,
    startDaysAgo = 14,
    lengthDays = 20,
  }: { items: number; events: number; now: number; startDaysAgo?: number; lengthDays?: number },
): Promise<number> {
  return repos.transaction(async () => {
    const start = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate()) - startDaysAgo * DAY_MS;
    const sprint = await repos.sprints.insert({
      teamId,
      number: (await repos.sprints.lastNumber(teamId)) + 1,
      name: `Sprint ${(await repos.sprints.lastNumber(teamId)) + 1}`,
      goal: 'Exports that never time out',
      startDate: isoDate(start),
      endDate: isoDate(start + (lengthDays - 1) * DAY_MS),
      status: 'active',
      startedBy: 'U_SM',
      startedAt: start,
    });
    const first = await repos.teams.allocateItemNumbers(teamId, count);
    const items: NewItem[] = [];
    for (let i = 0; i < count; i += 1) {
      const number = first + i;
      const lateAdd = i % 20 === 19;
      items.push({
        ...baseItem(teamId, number, start - 10 * DAY_MS),
        status: 'in_sprint',
        sprintId: sprint.id,
        storyPoints: POINTS[i % 5]!,
        rank: number * 1024,
        workState: i % 5 < 3 ? 'done' : i % 5 === 3 ? 'in_progress' : 'todo',
        triagedAt: start - 9 * DAY_MS,
        ...(lateAdd ? { createdAt: start + 3 * DAY_MS, updatedAt: start + 3 * DAY_MS } : {}),
      });
    }
    const ids = await repos.items.insertMany(items);
    const elapsed = now - start;
    const perItem = Math.floor(eventTotal / count);
    const events: NewItemEvent[] = [];
    ids.forEach((itemId, i) => {
      const item = items[i]!;
      const points = item.storyPoints!;
      const lateAdd = i % 20 === 19;
      const e = (kind: string, at: number, fields: Partial<NewItemEvent>) =>
        events.push({
          teamId,
          itemId,
          actorId: 'U_ALICE',
          kind,
          field: null,
          fromValue: null,
          toValue: null,
          reason: null,
          points: null,
          sprintId: null,
          at,
          ...fields,
        });
      const added = lateAdd ? start + 3 * DAY_MS : start;
      e(EVENT.created, item.createdAt, { field: 'status', toValue: 'inbox', reason: 'command' });
      e(EVENT.status, item.createdAt + 1000, { field: 'status', fromValue: 'inbox', toValue: 'backlog' });
      e(EVENT.estimate, item.createdAt + 2000, { field: 'story_points', toValue: String(points), points, reason: 'poker' });
      e(EVENT.sprintAdded, added, {
        field: 'sprint',
        toValue: String(sprint.id),
        sprintId: sprint.id,
        points,
        reason: lateAdd ? 'Customer escalation' : PLANNED_SCOPE_REASON,
      });
      e(EVENT.status, added, { field: 'status', fromValue: 'backlog', toValue: 'in_sprint', sprintId: sprint.id, points });
      // Work on the item: tasks ticked and state moves spread over the elapsed days.
      const rest = perItem - 5;
      const begin = added + Math.floor((((i * 7919) % 1000) / 1000) * (elapsed / 2));
      const step = Math.max(1, Math.floor((now - begin) / (rest + 1)));
      for (let k = 0; k < rest; k += 1) {
        const at = begin + step * (k + 1) - 1;
        if (k === 0 && item.workState !== 'todo')
          e(EVENT.workState, at, { field: 'work_state', fromValue: 'todo', toValue: 'in_progress', sprintId: sprint.id, points, reason: 'standup' });
        else if (k === rest - 1 && item.workState === 'done')
          e(EVENT.workState, at, { field: 'work_state', fromValue: 'in_progress', toValue: 'done', sprintId: sprint.id, points, reason: 'standup' });
        else if (k === 3 && i % 50 === 0)
          e(EVENT.estimate, at, { field: 'story_points', fromValue: String(points), toValue: String(points), points, sprintId: sprint.id, reason: 'edit' });
        else
          e(EVENT.task, at, {
            field: 'task',
            fromValue: 'todo',
            toValue: k % 2 === 0 ? 'doing' : 'done',
            sprintId: sprint.id,
            reason: `Task ${k} of ${item.title}`,
          });
      }
    });
    await repos.itemEvents.appendMany(events);
    await repos.sprints.update(sprint.id, { committedPoints: items.filter((_, i) => i % 20 !== 19).reduce((sum, item) => sum + (item.storyPoints ?? 0), 0) });
    return sprint.id;
  });
}

/** `count` teams in workspace T2 whose weekly digest is due at `digestAt` (UTC), each with a small active sprint and backlog. */
export async function seedDigestTeams(repos: Repositories, count: number, digestAt: Date, now: number): Promise<number[]> {
  const isoWeekday = ((digestAt.getUTCDay() + 6) % 7) + 1;
  const time = `${String(digestAt.getUTCHours()).padStart(2, '0')}:${String(digestAt.getUTCMinutes()).padStart(2, '0')}`;
  const ids: number[] = [];
  await repos.transaction(async () => {
    for (let t = 0; t < count; t += 1) {
      const team = await insertTeam(repos, {
        slackTeamId: 'T2',
        name: `Team ${t + 1}`,
        teamChannelId: `C_TEAM_${t}`,
        triageChannelId: null,
        stakeholderChannelId: `C_STAKE_${t}`,
        burndownDays: '',
        digestDay: isoWeekday,
        digestTime: time,
        timezone: 'UTC',
      });
      ids.push(team.id);
      await growTeamTo(repos, team.id, 40, now);
      await seedSprint(repos, team.id, { items: 10, events: 100, now, startDaysAgo: 4, lengthDays: 10 });
    }
  });
  return ids;
}
