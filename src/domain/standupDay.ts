/**
 * Which standup is a member's "today". Each member stands up at the team's standup time on their own
 * calendar date in their own timezone, so at one instant two members (or the team's timezone) can be
 * on different dates. Every part of the standup (scheduled prompts, `/standup`, `/standup run`,
 * answers, the day message) asks this one function, so they never disagree about the day.
 */
import type { Team } from '../db/repositories/teams.js';
import { addDays, isoWeekday, isTimeOfDay, localDate, parseHolidays, parseWeekdays, zonedTimeToUtc } from './localTime.js';

const MINUTE_MS = 60_000;

export type StandupSchedule = Pick<Team, 'standupTime' | 'standupDays' | 'holidays' | 'standupWindowMinutes'>;

/** True when the date is one of the team's standup weekdays and not a team holiday. */
export function isTeamStandupDay(team: Pick<Team, 'standupDays' | 'holidays'>, date: string): boolean {
  return parseWeekdays(team.standupDays).has(isoWeekday(date)) && !parseHolidays(team.holidays).includes(date);
}

/** When a member's standup of that date is due: the team's standup time on that date in their timezone. */
export function standupDueAt(team: Pick<Team, 'standupTime'>, timeZone: string, date: string): number | null {
  return isTimeOfDay(team.standupTime) ? zonedTimeToUtc(date, team.standupTime, timeZone) : null;
}

/**
 * The date of the member's standup today at `now`: their own calendar date, except just after their
 * midnight while yesterday's standup window is still open (a late standup time), when it is yesterday's.
 * The team's standup of a date is this function in the team's timezone.
 */
export function memberStandupDate({ team, timeZone, now }: { team: StandupSchedule; timeZone: string; now: number }): string {
  const today = localDate(now, timeZone);
  const yesterday = addDays(today, -1);
  const yesterdayDue = standupDueAt(team, timeZone, yesterday);
  if (yesterdayDue !== null && isTeamStandupDay(team, yesterday) && now < yesterdayDue + team.standupWindowMinutes * MINUTE_MS) return yesterday;
  return today;
}
