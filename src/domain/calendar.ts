/** Sprint calendar rules: a team's working days, days left, default sprint dates (date math is in localTime). */
import type { Team } from '../db/repositories/teams.js';
import { addDays, isoWeekday, laterDate, parseHolidays } from './localTime.js';

export const isWeekend = (iso: string): boolean => isoWeekday(iso) >= 6;

/** Monday to Friday dates from start to end inclusive, minus holidays. */
export function workingDays(start: string, end: string, holidays: readonly string[] = []): number {
  const off = new Set(holidays);
  let count = 0;
  for (let day = start; day <= end; day = addDays(day, 1)) {
    if (!isWeekend(day) && !off.has(day)) count += 1;
  }
  return count;
}

/** Working days left from today to end inclusive (0 once the end date has passed). */
export function workingDaysLeft(today: string, end: string, holidays: readonly string[] = []): number {
  return today > end ? 0 : workingDays(today, end, holidays);
}

/**
 * The one definition of a team's working days, used by planning, sprint status, burndowns and
 * digests alike: Monday to Friday, except the team's holidays. (Standup days are when the team
 * meets, not when it works: a team that meets on Mondays and Thursdays still works on Tuesdays.)
 */
export interface TeamCalendar {
  isWorkingDay(date: string): boolean;
  /** Working days from start to end inclusive. */
  count(start: string, end: string): number;
  /** Working days of a sprint still to come: all of them before it starts, today's included while it runs, 0 after. */
  left(today: string, sprint: { startDate: string; endDate: string }): number;
}

export function teamCalendar(team: Pick<Team, 'holidays'>): TeamCalendar {
  const holidays = parseHolidays(team.holidays);
  const off = new Set(holidays);
  return {
    isWorkingDay: (date) => !isWeekend(date) && !off.has(date),
    count: (start, end) => workingDays(start, end, holidays),
    left: (today, sprint) => workingDaysLeft(laterDate(today, sprint.startDate), sprint.endDate, holidays),
  };
}

/**
 * Default sprint dates: starts today (or the next working day) and lasts lengthDays calendar
 * days, ending on the last working day before the next sprint would start.
 */
export function defaultSprintDates(
  today: string,
  lengthDays: number,
  isWorkingDay: (date: string) => boolean = (date) => !isWeekend(date),
): { startDate: string; endDate: string } {
  let startDate = today;
  // Bounded: a team with a month of holidays ahead still gets dates.
  for (let i = 0; i < 31 && !isWorkingDay(startDate); i += 1) startDate = addDays(startDate, 1);
  let endDate = addDays(startDate, Math.max(1, lengthDays) - 1);
  while (!isWorkingDay(endDate) && endDate > startDate) endDate = addDays(endDate, -1);
  return { startDate, endDate };
}
