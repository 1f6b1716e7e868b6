/**
 * Async daily standups. Each member is prompted at the team's standup time in their own timezone on
 * their own calendar date; one run per (team, date) owns the channel's parent message. Every prompt
 * and every run is claimed with a unique row in the same transaction that queues its message, so
 * overlapping sweeps, restarts and retries never send twice, and a sweep that comes late (missed
 * cron ticks, downtime) still sends what is due within the response window, once.
 */
import { z } from 'zod';
import type { Repositories } from '../db/repositories/index.js';
import type { Impediment } from '../db/repositories/impediments.js';
import type { Item } from '../db/repositories/items.js';
import type { StandupPrompt, StandupRun } from '../db/repositories/standups.js';
import type { Team } from '../db/repositories/teams.js';
import { WORK_STATES, type WorkState } from '../db/schema.js';
import type { Clock } from './clock.js';
import { meaningfulBlocker } from './blockers.js';
import { DomainError } from './errors.js';
import {
  addDays,
  daysBetween,
  isIsoDate,
  isoWeekday,
  isTimeOfDay,
  isValidTimeZone,
  localDate,
  parseHolidays,
  parseWeekdays,
  zonedTimeToUtc,
} from './localTime.js';
import { requireRole, type Actor } from './roles.js';
import { createSprintWorkService } from './sprintWork.js';
import { isTeamStandupDay, memberStandupDate, standupDueAt } from './standupDay.js';
import { coded } from './validation.js';
import { serviceKit } from './serviceKit.js';

const MINUTE_MS = 60_000;
export const ANSWER_MAX = 2000;
/** Items offered in the answer form (each is one input block of a 100-block modal). */
export const FORM_ITEMS_MAX = 25;
const AWAY_MAX_DAYS = 366;

/** The member's timezone: their Slack profile (cached users.info), else the team's. */
export function memberTimeZone(repos: Repositories, team: Team, userId: string): string {
  const tz = repos.slackUsers.find(team.slackTeamId, userId)?.tz;
  if (isValidTimeZone(tz)) return tz;
  return isValidTimeZone(team.timezone) ? team.timezone : 'UTC';
}

/** The team's holidays (ISO dates); malformed entries are ignored. */
export function teamHolidays(team: Pick<Team, 'holidays'>): Set<string> {
  return new Set(parseHolidays(team.holidays));
}

/** 'off': not a standup day for the member and nobody asked them (e.g. someone else's ad-hoc weekend answer). */
export type MemberState = 'answered' | 'waiting' | 'missing' | 'away' | 'holiday' | 'off';

export interface RunSummary {
  team: Team;
  run: StandupRun;
  members: { userId: string; state: MemberState; prompt: StandupPrompt | undefined }[];
  answered: number;
  expected: number;
  /** Blockers raised in this run's answers. */
  blockers: { userId: string; text: string; impediment: Impediment | undefined }[];
  /** Still-open impediments raised before this run. */
  olderImpediments: Impediment[];
}

/** Everything the parent message shows, read from the database. */
export function describeRun(repos: Repositories, runId: number): RunSummary | null {
  const run = repos.standups.findRun(runId);
  const team = run ? repos.teams.findById(run.teamId) : undefined;
  if (!run || !team) return null;
  const prompts = repos.standups.listPromptsForDate(team.id, run.date);
  const byUser = new Map(prompts.map((prompt) => [prompt.userId, prompt]));
  const holiday = teamHolidays(team).has(run.date);
  const away = repos.absences.awayOn(team.id, run.date);
  const standupDay = parseWeekdays(team.standupDays).has(isoWeekday(run.date));
  const windowMs = team.standupWindowMinutes * MINUTE_MS;
  // A member whose own standup of this date was over before the day's run began (they joined later, or
  // their timezone was already past it when the SM ran it) was never going to be asked in it.
  const overBeforeRun = (userId: string) => {
    const dueAt = standupDueAt(team, memberTimeZone(repos, team, userId), run.date);
    return dueAt !== null && dueAt + windowMs <= run.createdAt;
  };
  const userIds = [...new Set([...repos.teams.members(team.id), ...prompts.filter((p) => p.answeredAt !== null).map((p) => p.userId)])];
  const members = userIds.map((userId) => {
    const prompt = byUser.get(userId);
    let state: MemberState;
    if (prompt?.answeredAt != null) state = 'answered';
    else if (holiday) state = 'holiday';
    else if (away.has(userId)) state = 'away';
    // Only those who were asked (or whose standup day it is) can be waited for or missing.
    else if (!prompt && (!standupDay || overBeforeRun(userId))) state = 'off';
    else state = run.closedAt === null ? 'waiting' : 'missing';
    return { userId, state, prompt };
  });
  const open = repos.impediments.listOpen(team.id);
  const blockers = prompts
    .filter((prompt) => prompt.answeredAt !== null && prompt.blockers)
    .map((prompt) => ({
      userId: prompt.userId,
      text: prompt.blockers ?? '',
      impediment: repos.impediments.findFromStandup(team.id, prompt.userId, run.date),
    }));
  return {
    team,
    run,
    members,
    answered: members.filter((m) => m.state === 'answered').length,
    expected: members.filter((m) => m.state === 'answered' || m.state === 'waiting' || m.state === 'missing').length,
    blockers,
    olderImpediments: open.filter((impediment) => impediment.standupDate !== run.date),
  };
}

/**
 * What an answer form is for: a prompt the member got, or (`/standup` before any prompt) the member's
 * standup of a date, stored only when they submit, so opening and cancelling leaves no trace.
 */
export type AnswerTarget = { promptId: number } | { teamId: number; date: string };

export interface AnswerForm {
  team: Team;
  date: string;
  /** Null until the member is prompted or answers. */
  prompt: StandupPrompt | null;
  /** The member's sprint items (see sprintItemsFor). */
  items: Item[];
  /** True when items are the team's unassigned ones because nothing is assigned to the member. */
  itemsAreUnassigned: boolean;
  /** The member's "today" from their previous answer. */
  previousToday: { date: string; text: string } | null;
}

export const answerSchema = z.object({
  did: z.string().trim().min(1, coded('standup.did_missing')).max(ANSWER_MAX, coded('standup.answer_too_long')),
  today: z.string().trim().min(1, coded('standup.today_missing')).max(ANSWER_MAX, coded('standup.answer_too_long')),
  blockers: z.string().trim().max(ANSWER_MAX, coded('standup.answer_too_long')),
  itemStates: z.array(z.object({ itemId: z.number().int().positive(), state: z.enum(WORK_STATES) })),
});
export type AnswerInput = z.infer<typeof answerSchema>;

export function createStandupService({ repos, clock }: { repos: Repositories; clock: Clock }) {
  // Standups move sprint items through the same service (and rules) as the sprint board.
  const sprintWork = createSprintWorkService({ repos, clock });
  const { requireTeam, enqueue } = serviceKit(repos);

  const refreshParent = (runId: number, cause: string, at: number, teamId: number) =>
    enqueue(`standup-parent-update:${runId}:${cause}:${at}`, { kind: 'standup.parent_update', runId }, at, teamId);

  function requireMember(team: Team, userId: string): void {
    if (!repos.teams.members(team.id).includes(userId)) throw new DomainError('standup.not_member', { teamName: team.name });
  }

  /** Whether the member is due a prompt on their local date: a standup weekday, no holiday, not away. */
  function isStandupDayFor(team: Team, userId: string, date: string): boolean {
    return isTeamStandupDay(team, date) && repos.absences.covering(team.id, userId, date).length === 0;
  }

  /** The date of the member's standup today (see memberStandupDate). */
  function standupDateOf(team: Team, userId: string, at: number): string {
    return memberStandupDate({ team, timeZone: memberTimeZone(repos, team, userId), now: at });
  }

  /** When the day's run closes: the window after the last member's (and the team's) standup time. */
  function scheduledCloseAt(team: Team, date: string): number {
    const zones = new Set([isValidTimeZone(team.timezone) ? team.timezone : 'UTC']);
    for (const userId of repos.teams.members(team.id)) zones.add(memberTimeZone(repos, team, userId));
    const latestDue = Math.max(...[...zones].map((zone) => zonedTimeToUtc(date, team.standupTime, zone)));
    return latestDue + team.standupWindowMinutes * MINUTE_MS;
  }

  /** Claims the (team, date) run, queueing its parent message once; an ad-hoc run stays open at least until minCloseAt. */
  function ensureRun(team: Team, date: string, at: number, minCloseAt = 0): StandupRun {
    const closesAt = Math.max(isTimeOfDay(team.standupTime) ? scheduledCloseAt(team, date) : 0, minCloseAt);
    const { run, created } = repos.standups.claimRun({ teamId: team.id, date, channelId: team.teamChannelId, closesAt, createdAt: at });
    if (created) {
      enqueue(`standup-parent:${run.id}`, { kind: 'standup.parent', runId: run.id }, at, team.id);
      return run;
    }
    if (run.closedAt === null && minCloseAt > run.closesAt) {
      repos.standups.extendRun(run.id, minCloseAt);
      return { ...run, closesAt: minCloseAt };
    }
    return run;
  }

  /** Claims a member's prompt and queues the DM; false when they were already prompted that date. */
  function prompt(team: Team, run: StandupRun, userId: string, dueAt: number, at: number, { dm }: { dm: boolean }): StandupPrompt | null {
    const remindAt = at + team.standupReminderMinutes * MINUTE_MS;
    const claimed = repos.standups.claimPrompt({
      teamId: team.id,
      userId,
      date: run.date,
      dueAt,
      sentAt: at,
      // One reminder, only if it can still come before the window closes.
      remindAt: dm && team.standupReminderMinutes > 0 && remindAt < run.closesAt ? remindAt : null,
    });
    if (claimed && dm) enqueue(`standup-prompt:${claimed.id}`, { kind: 'standup.prompt', promptId: claimed.id }, at, team.id);
    return claimed;
  }

  function closeDueRuns(at: number): number {
    let closed = 0;
    for (const run of repos.standups.listRunsToClose(at)) {
      repos.transaction(() => {
        if (!repos.standups.closeRun(run.id, at)) return;
        enqueue(`standup-parent-final:${run.id}`, { kind: 'standup.parent_update', runId: run.id }, at, run.teamId);
        closed += 1;
      });
    }
    return closed;
  }

  function promptDueMembers(at: number): number {
    let prompted = 0;
    for (const team of repos.teams.listActive()) {
      if (!isTimeOfDay(team.standupTime)) continue;
      const windowMs = team.standupWindowMinutes * MINUTE_MS;
      for (const userId of repos.teams.members(team.id)) {
        const date = standupDateOf(team, userId, at);
        if (!isStandupDayFor(team, userId, date)) continue;
        if (repos.standups.findPromptFor(team.id, userId, date)) continue;
        const dueAt = standupDueAt(team, memberTimeZone(repos, team, userId), date)!;
        // Before the time: not yet. After the window: too late to ask, so it is not sent late.
        if (at < dueAt || at >= dueAt + windowMs) continue;
        repos.transaction(() => {
          const run = ensureRun(team, date, at);
          if (run.closedAt !== null) return;
          if (prompt(team, run, userId, dueAt, at, { dm: true })) prompted += 1;
        });
      }
    }
    return prompted;
  }

  function remindDue(at: number): number {
    let reminded = 0;
    for (const due of repos.standups.listDueReminders(at)) {
      if (repos.absences.covering(due.teamId, due.userId, due.date).length > 0) continue;
      repos.transaction(() => {
        if (!repos.standups.claimReminder(due.id, at)) return;
        enqueue(`standup-reminder:${due.id}`, { kind: 'standup.reminder', promptId: due.id }, at, due.teamId);
        reminded += 1;
      });
    }
    return reminded;
  }

  function requireOpenPromptOf(promptId: number, userId: string): { prompt: StandupPrompt; run: StandupRun; team: Team; date: string } {
    const found = repos.standups.findPrompt(promptId);
    if (!found) throw new DomainError('standup.not_yours');
    if (found.userId !== userId) throw new DomainError('standup.not_yours');
    const team = requireTeam(found.teamId);
    const run = repos.standups.findRunByDate(team.id, found.date);
    if (!run || run.closedAt !== null) throw new DomainError('standup.closed', { date: found.date });
    return { prompt: found, run, team, date: found.date };
  }

  /**
   * The open standup an answer form is for. A target without a prompt resolves to the member's prompt
   * of that date if they have one by now; else to nothing stored yet (prompt and run null), which is
   * only valid while the date's run is open or not started and the date is still the member's today.
   */
  function resolveTarget(target: AnswerTarget, userId: string): { team: Team; date: string; prompt: StandupPrompt | null; run: StandupRun | null } {
    if ('promptId' in target) return requireOpenPromptOf(target.promptId, userId);
    const team = requireTeam(target.teamId);
    requireMember(team, userId);
    const existing = repos.standups.findPromptFor(team.id, userId, target.date);
    if (existing) return requireOpenPromptOf(existing.id, userId);
    const run = repos.standups.findRunByDate(team.id, target.date) ?? null;
    const stillToday = standupDateOf(team, userId, clock().getTime()) === target.date;
    if (run?.closedAt != null || (!run && !stillToday)) throw new DomainError('standup.closed', { date: target.date });
    return { team, date: target.date, prompt: null, run };
  }

  /** The items a member updates in the standup: theirs, or the team's unassigned ones if none is theirs. */
  function sprintItemsFor(teamId: number, userId: string, date: string): { items: Item[]; unassigned: boolean; sprintId: number | null } {
    // A sprint planned to start later has no work under way yet: nothing to update before its first day.
    const sprint = repos.sprints.findActive(teamId);
    if (!sprint || date < sprint.startDate) return { items: [], unassigned: false, sprintId: null };
    const { sprintId, assigned, unassigned } = repos.standups.activeSprintItems(teamId, userId);
    if (assigned.length > 0) return { items: assigned, unassigned: false, sprintId };
    return { items: unassigned, unassigned: true, sprintId };
  }

  function recordBlocker(team: Team, entry: StandupPrompt, text: string, at: number): Impediment | undefined {
    const existing = repos.impediments.findFromStandup(team.id, entry.userId, entry.date);
    const notifySm = (impediment: Impediment, cause: string) => {
      if (team.scrumMasterId) {
        const notification = { kind: 'standup.impediment' as const, impedimentId: impediment.id, userId: team.scrumMasterId };
        enqueue(`standup-impediment:${impediment.id}:${cause}`, notification, at, team.id);
      }
    };
    if (text) {
      if (!existing) {
        const created = repos.impediments.insert({ teamId: team.id, reporterId: entry.userId, text, standupDate: entry.date, openedAt: at });
        notifySm(created, 'opened');
        return created;
      }
      if (existing.resolvedAt !== null) {
        repos.impediments.reopen(existing.id, text, at);
        notifySm(existing, `reopened:${at}`);
      } else if (existing.text !== text) {
        repos.impediments.updateText(existing.id, text);
      }
      return repos.impediments.findById(existing.id);
    }
    // The member removed the blocker from their answer: it no longer blocks them.
    if (existing && existing.resolvedAt === null) repos.impediments.resolve(existing.id, entry.userId, at);
    return undefined;
  }

  function refreshOpenRuns(teamId: number, cause: string, at: number): void {
    for (const run of repos.standups.listOpenRuns(teamId)) refreshParent(run.id, cause, at, teamId);
  }

  /** Teams of the workspace the person belongs to. */
  function teamsOf(slackTeamId: string, userId: string): Team[] {
    const teams = repos.teams.listTeamIdsOfMember(slackTeamId, userId).map((id) => repos.teams.findById(id)).filter((t): t is Team => Boolean(t));
    if (teams.length === 0) throw new DomainError('standup.not_member');
    return teams;
  }

  return {
    /** Closes runs whose window ended, prompts members whose standup time has come, sends due reminders. */
    sweep(now: Date): { closed: number; prompted: number; reminded: number } {
      const at = now.getTime();
      const closed = closeDueRuns(at);
      const prompted = promptDueMembers(at);
      const reminded = remindDue(at);
      return { closed, prompted, reminded };
    },

    /**
     * `/standup`: what the member answers now: their prompt of today, or today's standup itself when
     * they were not prompted (yet). Stores nothing: the day's run and message start with the answer.
     */
    answerNow({ teamId, userId }: { teamId: number; userId: string }): AnswerTarget {
      const team = requireTeam(teamId);
      requireMember(team, userId);
      const target = { teamId: team.id, date: standupDateOf(team, userId, clock().getTime()) };
      const { prompt: existing } = resolveTarget(target, userId);
      return existing ? { promptId: existing.id } : target;
    },

    /**
     * `/standup run`: the Scrum Master prompts everyone now for the team's standup of today (away
     * members excepted, the already prompted once). A member for whom it is another date (their
     * timezone is past midnight, or not there yet) is left to their own standup of that date.
     */
    runNow({ teamId, actor }: { teamId: number; actor: Actor }): {
      date: string;
      prompted: string[];
      alreadyPrompted: string[];
      away: string[];
      otherDay: { userId: string; date: string }[];
    } {
      const team = requireTeam(teamId);
      const members = repos.teams.members(team.id);
      requireRole({ team, members, actor }, ['sm'], 'standup.not_allowed', { action: 'standup.run', adminAllowed: true });
      const at = clock().getTime();
      const date = memberStandupDate({ team, timeZone: isValidTimeZone(team.timezone) ? team.timezone : 'UTC', now: at });
      return repos.transaction(() => {
        const run = ensureRun(team, date, at, at + team.standupWindowMinutes * MINUTE_MS);
        if (run.closedAt !== null) throw new DomainError('standup.closed', { date });
        const result = { date, prompted: [] as string[], alreadyPrompted: [] as string[], away: [] as string[], otherDay: [] as { userId: string; date: string }[] };
        for (const userId of members) {
          const theirDate = standupDateOf(team, userId, at);
          if (repos.standups.findPromptFor(team.id, userId, date)) result.alreadyPrompted.push(userId);
          else if (theirDate !== date) result.otherDay.push({ userId, date: theirDate });
          else if (repos.absences.covering(team.id, userId, date).length > 0) result.away.push(userId);
          else if (prompt(team, run, userId, at, at, { dm: true })) result.prompted.push(userId);
          else result.alreadyPrompted.push(userId);
        }
        return result;
      });
    },

    /** What the answer form shows: the member's items, their previous plan, their current answer. */
    answerForm({ userId, ...target }: AnswerTarget & { userId: string }): AnswerForm {
      const { prompt: entry, team, date } = resolveTarget(target, userId);
      const { items, unassigned } = sprintItemsFor(team.id, userId, date);
      const previous = repos.standups.findPreviousAnswer(team.id, userId, date);
      return {
        team,
        date,
        prompt: entry,
        items: items.slice(0, FORM_ITEMS_MAX),
        itemsAreUnassigned: unassigned,
        previousToday: previous?.today ? { date: previous.date, text: previous.today } : null,
      };
    },

    /**
     * Stores (or edits, until the run closes) an answer, moves sprint items, tracks the blocker. The
     * first answer of a day without prompts starts the day's run (and its channel message).
     */
    submitAnswer({ userId, answer, ...target }: AnswerTarget & { userId: string; answer: AnswerInput }): {
      prompt: StandupPrompt;
      edited: boolean;
      movedItems: number;
      impediment: Impediment | undefined;
    } {
      const input = answerSchema.parse(answer);
      return repos.transaction(() => {
        const at = clock().getTime();
        const resolved = resolveTarget(target, userId);
        const { team } = resolved;
        const run = resolved.run ?? ensureRun(team, resolved.date, at, at + team.standupWindowMinutes * MINUTE_MS);
        const entry = resolved.prompt ?? prompt(team, run, userId, at, at, { dm: false })!;
        const edited = entry.answeredAt !== null;
        const { items } = sprintItemsFor(team.id, userId, entry.date);
        const allowed = new Map(items.map((item) => [item.id, item]));
        let movedItems = 0;
        for (const { itemId, state } of input.itemStates) {
          if (!allowed.has(itemId)) throw new DomainError('item.not_found');
          const before = allowed.get(itemId)!.workState ?? 'todo';
          const after = sprintWork.setItemState(itemId, state as WorkState, { userId, isWorkspaceAdmin: false }, 'standup');
          if ((after.workState ?? 'todo') !== before) movedItems += 1;
        }
        // "none", "n/a", "-" and the like mean no blocker: nothing to track, nobody to alert.
        const blockers = meaningfulBlocker(input.blockers);
        const unchanged = edited && movedItems === 0 && entry.did === input.did && entry.today === input.today && (entry.blockers ?? '') === blockers;
        // A Slack retry of the same submission (or an untouched "Save changes") changes nothing and posts nothing.
        if (unchanged) return { prompt: entry, edited, movedItems, impediment: repos.impediments.findFromStandup(team.id, userId, entry.date) };
        const saved = repos.standups.saveAnswer(entry.id, {
          did: input.did,
          today: input.today,
          blockers: blockers || null,
          answeredAt: entry.answeredAt ?? at,
        });
        const impediment = recordBlocker(team, saved, blockers, at);
        if (edited) enqueue(`standup-answer-edit:${entry.id}:${at}`, { kind: 'standup.answer_update', promptId: entry.id }, at, team.id);
        else enqueue(`standup-answer:${entry.id}`, { kind: 'standup.answer', promptId: entry.id }, at, team.id);
        refreshParent(run.id, `answer:${entry.id}`, at, team.id);
        return { prompt: saved, edited, movedItems, impediment };
      });
    },

    /** Open impediments of a team, oldest first (for standup parents, App Home and digests). */
    listOpenImpediments(teamId: number): Impediment[] {
      return repos.impediments.listOpen(teamId);
    },

    /** Marks an impediment resolved (any team member, the SM, the PO or a workspace admin). */
    resolveImpediment({ impedimentId, actor }: { impedimentId: number; actor: Actor }): { impediment: Impediment; alreadyResolved: boolean } {
      const found = repos.impediments.findById(impedimentId);
      if (!found) throw new DomainError('impediment.not_found');
      const team = requireTeam(found.teamId);
      requireRole({ team, members: repos.teams.members(team.id), actor }, ['member', 'sm', 'po'], 'standup.not_member', { action: 'impediment.resolve', adminAllowed: true });
      const at = clock().getTime();
      return repos.transaction(() => {
        if (!repos.impediments.resolve(found.id, actor.userId, at)) return { impediment: found, alreadyResolved: true };
        refreshOpenRuns(team.id, `resolved:${found.id}`, at);
        const source = found.standupDate ? repos.standups.findPromptFor(team.id, found.reporterId, found.standupDate) : undefined;
        if (source?.answeredAt != null) {
          enqueue(`standup-answer-edit:${source.id}:resolved:${at}`, { kind: 'standup.answer_update', promptId: source.id }, at, team.id);
        }
        if (actor.userId !== found.reporterId) {
          const notification = { kind: 'standup.impediment_resolved' as const, impedimentId: found.id, userId: found.reporterId };
          enqueue(`standup-impediment-resolved:${found.id}:${at}`, notification, at, team.id);
        }
        return { impediment: repos.impediments.findById(found.id) ?? found, alreadyResolved: false };
      });
    },

    /** `/standup away FROM [TO]`: no prompts on those dates (inclusive), in every team of the person. */
    setAway({ slackTeamId, userId, from, to }: { slackTeamId: string; userId: string; from: string; to?: string }): { from: string; to: string; teams: Team[] } {
      const until = to ?? from;
      if (!isIsoDate(from) || !isIsoDate(until)) {
        throw new DomainError('standup.invalid', { reason: 'standup.dates_invalid' });
      }
      if (until < from) throw new DomainError('standup.invalid', { reason: 'standup.dates_reversed', from, until });
      if (daysBetween(from, until) >= AWAY_MAX_DAYS) throw new DomainError('standup.invalid', { reason: 'standup.away_too_long' });
      const teams = teamsOf(slackTeamId, userId);
      const at = clock().getTime();
      const today = localDate(at, memberTimeZone(repos, teams[0]!, userId));
      if (until < today) throw new DomainError('standup.invalid', { reason: 'standup.away_in_past', until, today });
      repos.transaction(() => {
        for (const team of teams) {
          repos.absences.insert({ teamId: team.id, userId, fromDate: from, toDate: until, createdAt: at });
          refreshOpenRuns(team.id, `away:${userId}`, at);
        }
      });
      return { from, to: until, teams };
    },

    /** `/standup back`: ends today's absence and cancels planned ones. Returns how many were changed. */
    back({ slackTeamId, userId }: { slackTeamId: string; userId: string }): number {
      const teams = teamsOf(slackTeamId, userId);
      const at = clock().getTime();
      let changed = 0;
      repos.transaction(() => {
        for (const team of teams) {
          const today = localDate(at, memberTimeZone(repos, team, userId));
          for (const absence of repos.absences.listCurrentAndFuture(team.id, userId, today)) {
            if (absence.fromDate < today) repos.absences.shorten(absence.id, addDays(today, -1));
            else repos.absences.delete(absence.id);
            changed += 1;
          }
          if (changed > 0) refreshOpenRuns(team.id, `back:${userId}`, at);
        }
      });
      return changed;
    },

    /** The person's current or next absence (for App Home and confirmations). */
    awayStatus({ teamId, userId }: { teamId: number; userId: string }): { from: string; to: string } | null {
      const team = requireTeam(teamId);
      const today = localDate(clock().getTime(), memberTimeZone(repos, team, userId));
      const next = repos.absences.listCurrentAndFuture(team.id, userId, today)[0];
      return next ? { from: next.fromDate, to: next.toDate } : null;
    },
  };
}

export type StandupService = ReturnType<typeof createStandupService>;
