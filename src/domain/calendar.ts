/** Sprint calendar rules: working days, days left, default sprint dates (date math is in localTime). */
import { addDays, isoWeekday } from './localTime.js';

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
 * Default sprint dates: starts today (or the next Monday at a weekend) and lasts lengthDays
 * calendar days, ending on the last working day before the next sprint would start.
 */
export function defaultSprintDates(today: string, lengthDays: number): { startDate: string; endDate: string } {
  let startDate = today;
  while (isWeekend(startDate)) startDate = addDays(startDate, 1);
  let endDate = addDays(startDate, Math.max(1, lengthDays) - 1);
  while (isWeekend(endDate) && endDate > startDate) endDate = addDays(endDate, -1);
  return { startDate, endDate };
}
