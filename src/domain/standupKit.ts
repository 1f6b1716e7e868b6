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
export async function memberTimeZone(repos: Repositories, team: Team, userId: string): Promise<string> {
  const tz = (await repos.slackUsers.find(team.slackTeamId, userId))?.tz;
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
export async function describeRun(repos: Repositories, runId: number): Promise<RunSummary | null> {
  const run = await repos.standups.findRun(runId);
  const team = run ? await repos.teams.findById(run.teamId) : undefined;
  if (!run || !team) return null;
  const prompts = await repos.standups.listPromptsForDate(team.id, run.date);
  const byUser = new Map(prompts.map((prompt) => [prompt.userId, prompt]));
  const holiday = teamHolidays(team).has(run.date);
  const away = await repos.absences.awayOn(team.id, run.date);
  const standupDay = parseWeekdays(team.standupDays).has(isoWeekday(run.date));
  const windowMs = team.standupWindowMinutes * MINUTE_MS;
  // A member whose own standup of this date was over before the day's run began (they joined later, or
  // their timezone was already past it when the SM ran it) was never going to be asked in it.
  const overBeforeRun = async (userId: string) => {
    const dueAt = standupDueAt(team, await memberTimeZone(repos, team, userId), run.date);
    return dueAt !== null && dueAt + windowMs <= run.createdAt;
  };
  const userIds = [...new Set([...(await repos.teams.members(team.id)), ...prompts.filter((p) => p.answeredAt !== null).map((p) => p.userId)])];
  const members: RunSummary['members'] = [];
  for (const userId of userIds) {
    const prompt = byUser.get(userId);
    let state: MemberState;
    if (prompt?.answeredAt != null) state = 'answered';
    else if (holiday) state = 'holiday';
    else if (away.has(userId)) state = 'away';
    // Only those who were asked (or whose standup day it is) can be waited for or missing.
    else if (!prompt && (!standupDay || (await overBeforeRun(userId)))) state = 'off';
    else state = run.closedAt === null ? 'waiting' : 'missing';
    members.push({ userId, state, prompt });
  }
  const open = await repos.impediments.listOpen(team.id);
  const blockers: RunSummary['blockers'] = [];
  for (const prompt of prompts.filter((p) => p.answeredAt !== null && p.blockers)) {
    blockers.push({
      userId: prompt.userId,
      text: prompt.blockers ?? '',
      impediment: await repos.impediments.findFromStandup(team.id, prompt.userId, run.date),
    });
  }
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
  const { requireTeam, enqueue, teamTransaction } = serviceKit(repos);

  const refreshParent = async (runId: number, cause: string, at: number, teamId: number) =>
    await enqueue(`standup-parent-update:${runId}:${cause}:${at}`, { kind: 'standup.parent_update', runId }, at, teamId);

  /** The date of the member's standup today (see memberStandupDate). */
  async function standupDateOf(team: Team, userId: string, at: number): Promise<string> {
    return memberStandupDate({ team, timeZone: await memberTimeZone(repos, team, userId), now: at });
  }

  /** When the day's run closes: the window after the last member's (and the team's) standup time. */
  async function scheduledCloseAt(team: Team, date: string): Promise<number> {
    const zones = new Set([isValidTimeZone(team.timezone) ? team.timezone : 'UTC']);
    for (const userId of await repos.teams.members(team.id)) zones.add(await memberTimeZone(repos, team, userId));
    const latestDue = Math.max(...[...zones].map((zone) => zonedTimeToUtc(date, team.standupTime, zone)));
    return latestDue + team.standupWindowMinutes * MINUTE_MS;
  }

  /** Claims the (team, date) run, queueing its parent message once; an ad-hoc run stays open at least until minCloseAt. */
  async function ensureRun(team: Team, date: string, at: number, minCloseAt = 0): Promise<StandupRun> {
    const closesAt = Math.max(isTimeOfDay(team.standupTime) ? await scheduledCloseAt(team, date) : 0, minCloseAt);
    const { run, created } = await repos.standups.claimRun({ teamId: team.id, date, channelId: team.teamChannelId, closesAt, createdAt: at });
    if (created) {
      await enqueue(`standup-parent:${run.id}`, { kind: 'standup.parent', runId: run.id }, at, team.id);
      return run;
    }
    if (run.closedAt === null && minCloseAt > run.closesAt) {
      await repos.standups.extendRun(run.id, minCloseAt);
      return { ...run, closesAt: minCloseAt };
    }
    return run;
  }

  /** Claims a member's prompt and queues the DM; false when they were already prompted that date. */
  async function prompt(team: Team, run: StandupRun, userId: string, dueAt: number, at: number, { dm }: { dm: boolean }): Promise<StandupPrompt | null> {
    const remindAt = at + team.standupReminderMinutes * MINUTE_MS;
    const claimed = await repos.standups.claimPrompt({
      teamId: team.id,
      userId,
      date: run.date,
      dueAt,
      sentAt: at,
      // One reminder, only if it can still come before the window closes.
      remindAt: dm && team.standupReminderMinutes > 0 && remindAt < run.closesAt ? remindAt : null,
    });
    if (claimed && dm) await enqueue(`standup-prompt:${claimed.id}`, { kind: 'standup.prompt', promptId: claimed.id }, at, team.id);
    return claimed;
  }

  async function refreshOpenRuns(teamId: number, cause: string, at: number): Promise<void> {
    for (const run of await repos.standups.listOpenRuns(teamId)) await refreshParent(run.id, cause, at, teamId);
  }

  return { requireTeam, enqueue, refreshParent, standupDateOf, ensureRun, prompt, refreshOpenRuns, teamTransaction };
}

export type StandupKit = ReturnType<typeof standupKit>;
