/** What the standup services share: member timezones, the run of a (team, date) and its parent message, the claimed prompt. */
import type { Repositories } from '../db/repositories/index.js';
import type { Impediment } from '../db/repositories/impediments.js';
import type { StandupPrompt, StandupRun } from '../db/repositories/standups.js';
import type { Team } from '../db/repositories/teams.js';
import { isoWeekday, isTimeOfDay, isValidTimeZone, parseHolidays, parseWeekdays, zonedTimeToUtc } from './localTime.js';
import { serviceKit } from './serviceKit.js';
import { memberStandupDate, standupDueAt } from './standupDay.js';

export const MINUTE_MS = 60_000;

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

export function standupKit({ repos }: { repos: Repositories }) {
  const { requireTeam, enqueue } = serviceKit(repos);

  const refreshParent = (runId: number, cause: string, at: number, teamId: number) =>
    enqueue(`standup-parent-update:${runId}:${cause}:${at}`, { kind: 'standup.parent_update', runId }, at, teamId);

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

  function refreshOpenRuns(teamId: number, cause: string, at: number): void {
    for (const run of repos.standups.listOpenRuns(teamId)) refreshParent(run.id, cause, at, teamId);
  }

  return { requireTeam, enqueue, refreshParent, standupDateOf, ensureRun, prompt, refreshOpenRuns };
}

export type StandupKit = ReturnType<typeof standupKit>;
