/**
 * Burndown reports and stakeholder digests: what they say, and when scheduled ones are due.
 * Scheduled posts are claimed in scheduled_posts (team, kind, period) before anything is sent, so
 * overlapping runs, restarts and several instances post each one once. A run that was missed
 * (the bot was down at 17:00) is caught up by the next sweep on the same local day only.
 */
import type { Repositories } from '../db/repositories/index.js';
import type { Item } from '../db/repositories/items.js';
import type { Impediment } from '../db/repositories/impediments.js';
import type { Sprint } from '../db/repositories/sprints.js';
import type { Team } from '../db/repositories/teams.js';
import { teamCalendar } from './calendar.js';
import { BURNDOWN_EVENT_KINDS, computeBurndown, type Burndown, type ScopeChange, type WorkStateValue } from './burndown.js';
import type { Clock } from './clock.js';
import { DomainError } from './errors.js';
import { EVENT } from './events.js';
import { refusal, rolesOf, type Actor } from './roles.js';
import type { WatchHealth } from './shadowWatch.js';
import { isoWeekday, isValidTimeZone, localDate, localTimeOfDay, parseHolidays, parseWeekdays, startOfLocalDay } from './localTime.js';
import { serviceKit } from './serviceKit.js';

export const POST_KIND = {
  burndown: 'burndown',
  weeklyDigest: 'digest.weekly',
  sprintCloseDigest: 'digest.sprint_close',
} as const;
export type PostKind = (typeof POST_KIND)[keyof typeof POST_KIND];

const DAY_MS = 86_400_000;
/** A close digest missed for longer than this is not sent any more (it would be stale news). */
const CLOSE_DIGEST_CATCH_UP_MS = DAY_MS;
const NEXT_UP = 5;

export interface DuePost {
  teamId: number;
  kind: PostKind;
  period: string;
  sprintId?: number;
}

export interface BurndownReport {
  team: Team;
  sprint: Sprint;
  burndown: Burndown;
  timezone: string;
  now: number;
}

export interface ReportItem {
  id: number;
  ref: string;
  title: string;
  points: number | null;
  workState: WorkStateValue;
  reopenedCount: number;
}

export interface ReportScopeChange extends ScopeChange {
  ref: string;
  title: string;
  date: string;
}

export interface IntakeHealth {
  received: number;
  triaged: number;
  medianTriageMs: number | null;
  inboxSize: number;
  injectionsRefused: number;
  injectionsOverridden: number;
}

export interface SprintDigest {
  sprint: Sprint;
  burndown: Burndown;
  completed: ReportItem[];
  inProgress: ReportItem[];
  notStarted: ReportItem[];
  scopeChanges: ReportScopeChange[];
}

export interface DigestData {
  team: Team;
  kind: 'weekly' | 'sprint_close';
  timezone: string;
  now: number;
  periodStart: number;
  periodEnd: number;
  sprint: SprintDigest | null;
  impediments: Impediment[];
  next: ReportItem[];
  backlogSize: number;
  intake: IntakeHealth;
  /** Shadow-backlog watch over the period; watching is false when the team watches no channel. */
  watch: WatchHealth & { watching: boolean };
}

/** The median of a list of numbers (null when empty). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A claimed post not marked done after this long was interrupted (crash): it may be claimed again. */
export const POST_LEASE_MS = 10 * 60 * 1000;

export function createReportsService({
  repos,
  clock,
  watchHealth,
}: {
  repos: Repositories;
  clock: Clock;
  /** The shadow-backlog watch's counts of a team over a period. */
  watchHealth: (teamId: number, since: number, until: number) => Promise<WatchHealth>;
}) {
  const timezoneOf = (team: Team) => (isValidTimeZone(team.timezone) ? team.timezone : 'UTC');
  const refOf = (team: Team, item: Pick<Item, 'number'>) => `${team.itemPrefix}-${item.number}`;

  const { requireTeam } = serviceKit(repos);

  async function burndownOf(team: Team, sprint: Sprint, now: number): Promise<Burndown> {
    const itemIds = await repos.itemEvents.itemIdsOfSprint(sprint.id);
    return computeBurndown({
      sprint,
      timezone: timezoneOf(team),
      // Estimates may have been logged without a sprint id: read the sprint's items' events of every kind the replay uses.
      events: await repos.itemEvents.listKindsForItems(itemIds, BURNDOWN_EVENT_KINDS),
      now,
      isWorkingDay: teamCalendar(team).isWorkingDay,
    });
  }

  async function itemsById(ids: number[]): Promise<Map<number, Item>> {
    return new Map((await repos.items.listByIds(ids)).map((item) => [item.id, item]));
  }

  async function sprintDigest(team: Team, sprint: Sprint, now: number): Promise<SprintDigest> {
    const burndown = await burndownOf(team, sprint, now);
    const byId = await itemsById([...new Set([...burndown.items.map((i) => i.itemId), ...burndown.scopeChanges.map((c) => c.itemId)])]);
    const toReport = (outcome: Burndown['items'][number]): ReportItem | null => {
      const item = byId.get(outcome.itemId);
      if (!item) return null;
      return {
        id: item.id,
        ref: refOf(team, item),
        title: item.title,
        points: outcome.points,
        workState: outcome.workState,
        reopenedCount: outcome.reopenedCount,
      };
    };
    const inScope = burndown.items
      .filter((outcome) => outcome.inScope)
      .map(toReport)
      .filter((r): r is ReportItem => r !== null);
    const tz = timezoneOf(team);
    return {
      sprint,
      burndown,
      completed: inScope.filter((item) => item.workState === 'done'),
      inProgress: inScope.filter((item) => item.workState === 'in_progress'),
      notStarted: inScope.filter((item) => item.workState === 'todo'),
      scopeChanges: burndown.scopeChanges.flatMap((change) => {
        const item = byId.get(change.itemId);
        return item ? [{ ...change, ref: refOf(team, item), title: item.title, date: localDate(change.at, tz) }] : [];
      }),
    };
  }

  async function intakeHealth(team: Team, since: number, until: number): Promise<IntakeHealth> {
    const inPeriod = <T extends { at: number }>(rows: T[]) => rows.filter((row) => row.at <= until);
    const received = inPeriod(await repos.itemEvents.listForTeamSince(team.id, [EVENT.created], since)).length;
    const triagedAt = new Map<number, number>();
    for (const row of await repos.items.listTriagedBetween(team.id, since, until)) triagedAt.set(row.id, row.triagedAt!);
    for (const event of inPeriod(await repos.itemEvents.listForTeamSince(team.id, [EVENT.status], since))) {
      if (event.fromValue === 'inbox' && !triagedAt.has(event.itemId)) triagedAt.set(event.itemId, event.at);
    }
    const created = await itemsById([...triagedAt.keys()]);
    const durations = [...triagedAt.entries()].flatMap(([id, at]) => {
      const item = created.get(id);
      return item ? [Math.max(0, at - item.createdAt)] : [];
    });
    const attempts = await repos.sprints.scopeAttemptCounts(team.id, since, until);
    return {
      received,
      triaged: triagedAt.size,
      medianTriageMs: median(durations),
      inboxSize: await repos.items.countByStatus(team.id, 'inbox'),
      injectionsRefused: attempts.refused,
      injectionsOverridden: attempts.overridden,
    };
  }

  async function isBurndownDue(team: Team, now: number): Promise<DuePost | null> {
    const tz = timezoneOf(team);
    const today = localDate(now, tz);
    if (!parseWeekdays(team.burndownDays).has(isoWeekday(today)) || parseHolidays(team.holidays).includes(today)) return null;
    if (localTimeOfDay(now, tz) < team.burndownTime) return null;
    const sprint = await repos.sprints.findActive(team.id);
    if (!sprint || today < sprint.startDate || today > sprint.endDate) return null;
    if (await isSettled(team.id, POST_KIND.burndown, today, now)) return null;
    return { teamId: team.id, kind: POST_KIND.burndown, period: today, sprintId: sprint.id };
  }

  /** Posted already, or being posted (a claim younger than the lease). */
  async function isSettled(teamId: number, kind: string, period: string, now: number): Promise<boolean> {
    const post = await repos.scheduledPosts.find(teamId, kind, period);
    return Boolean(post && (post.doneAt !== null || post.claimedAt > now - POST_LEASE_MS));
  }

  async function isWeeklyDigestDue(team: Team, now: number): Promise<DuePost | null> {
    if (!team.stakeholderChannelId) return null;
    const tz = timezoneOf(team);
    const today = localDate(now, tz);
    if (isoWeekday(today) !== team.digestDay || localTimeOfDay(now, tz) < team.digestTime) return null;
    if (await isSettled(team.id, POST_KIND.weeklyDigest, today, now)) return null;
    return { teamId: team.id, kind: POST_KIND.weeklyDigest, period: today };
  }

  return {
    /** The burndown of the team's active sprint (or of sprintId), as of now. */
    async burndown(teamId: number, sprintId?: number): Promise<BurndownReport> {
      const team = await requireTeam(teamId);
      const sprint = sprintId === undefined ? await repos.sprints.findActive(teamId) : await repos.sprints.findById(sprintId);
      if (!sprint || sprint.teamId !== teamId) throw new DomainError('sprint.none_active');
      const now = clock().getTime();
      return { team, sprint, burndown: await burndownOf(team, sprint, now), timezone: timezoneOf(team), now };
    },

    /** Everything a stakeholder digest says: the weekly one, or the one for a sprint that closed. */
    async digest(teamId: number, options: { kind: 'weekly' } | { kind: 'sprint_close'; sprintId: number }): Promise<DigestData> {
      const team = await requireTeam(teamId);
      const now = clock().getTime();
      const tz = timezoneOf(team);
      let sprint: Sprint | undefined;
      let periodStart = now - 7 * DAY_MS;
      let periodEnd = now;
      if (options.kind === 'sprint_close') {
        sprint = await repos.sprints.findById(options.sprintId);
        if (!sprint || sprint.teamId !== teamId) throw new DomainError('sprint.invalid', { reason: 'sprint.not_found' });
        periodStart = startOfLocalDay(sprint.startDate, tz);
        periodEnd = sprint.closedAt ?? now;
      } else {
        sprint = await repos.sprints.findActive(teamId);
      }
      return {
        team,
        kind: options.kind,
        timezone: tz,
        now,
        periodStart,
        periodEnd,
        sprint: sprint ? await sprintDigest(team, sprint, Math.min(now, periodEnd)) : null,
        impediments: await repos.impediments.listOpen(teamId),
        next: (await repos.items.listByStatus(teamId, 'backlog', { limit: NEXT_UP })).map((item) => ({
          id: item.id,
          ref: refOf(team, item),
          title: item.title,
          points: item.storyPoints,
          workState: 'todo' as const,
          reopenedCount: 0,
        })),
        backlogSize: await repos.items.countByStatus(teamId, 'backlog'),
        intake: await intakeHealth(team, periodStart, periodEnd),
        watch: { ...(await watchHealth(teamId, periodStart, periodEnd)), watching: (await repos.watch.channelsOf(teamId)).length > 0 },
      };
    },

    /** Whether someone may post the team's burndown to its channel: its members, PO, SM or an admin. */
    async requireMember(teamId: number, actor: Actor): Promise<Team> {
      const team = await requireTeam(teamId);
      if (actor.isWorkspaceAdmin) return team;
      if (rolesOf(team, await repos.teams.members(teamId), actor.userId).has('outsider')) {
        throw refusal(team, 'report.not_member', 'report.post');
      }
      return team;
    },

    /** Scheduled posts due now and not claimed yet (claim each before sending). */
    async duePosts(now: Date): Promise<DuePost[]> {
      const at = now.getTime();
      const due: DuePost[] = [];
      for (const team of await repos.teams.listActive()) {
        const burndown = await isBurndownDue(team, at);
        if (burndown) due.push(burndown);
        const weekly = await isWeeklyDigestDue(team, at);
        if (weekly) due.push(weekly);
      }
      for (const sprint of await repos.sprints.listClosedSince(at - CLOSE_DIGEST_CATCH_UP_MS)) {
        const team = await repos.teams.findById(sprint.teamId);
        const period = closeDigestPeriod(sprint.id);
        if (team?.stakeholderChannelId && !(await isSettled(team.id, POST_KIND.sprintCloseDigest, period, at))) {
          due.push({ teamId: team.id, kind: POST_KIND.sprintCloseDigest, period, sprintId: sprint.id });
        }
      }
      return due;
    },

    /** Claims a post; false when it was already claimed (by an overlapping run or before a restart). */
    async claim(post: Pick<DuePost, 'teamId' | 'kind' | 'period'>): Promise<boolean> {
      return await repos.scheduledPosts.claim({ ...post, at: clock().getTime(), leaseMs: POST_LEASE_MS });
    },

    /** Gives a claim back after a passing failure, so the next sweep posts it. */
    async release(post: Pick<DuePost, 'teamId' | 'kind' | 'period'>): Promise<void> {
      await repos.scheduledPosts.release(post);
    },

    async markDone(post: Pick<DuePost, 'teamId' | 'kind' | 'period'>): Promise<void> {
      await repos.scheduledPosts.markDone({ ...post, at: clock().getTime() });
    },
  };
}

/** The scheduled_posts period of a sprint's close digest. */
export const closeDigestPeriod = (sprintId: number) => `sprint-${sprintId}`;

export type ReportsService = ReturnType<typeof createReportsService>;
