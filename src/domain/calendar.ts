/** Calendar dates (ISO YYYY-MM-DD) in a team's timezone: sprint dates, working days, days left. */

const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar date at `now` in timezone tz (falls back to UTC for an unknown zone). */
export function localDate(now: Date, tz: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** The wall-clock "HH:MM" at `now` in timezone tz. */
export function localTime(now: Date, tz: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
  } catch {
    return now.toISOString().slice(11, 16);
  }
}

const toUtc = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const isIsoDate = (text: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(text) && fromUtc(toUtc(text)) === text;

export const addDays = (iso: string, days: number): string => fromUtc(toUtc(iso) + days * DAY_MS);

/** Whole days from a to b (b - a). */
export const daysBetween = (a: string, b: string): number => Math.round((toUtc(b) - toUtc(a)) / DAY_MS);

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(iso: string): number {
  const day = new Date(toUtc(iso)).getUTCDay();
  return day === 0 ? 7 : day;
}

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

/** Team holidays stored as a JSON array of ISO dates (bad data reads as none). */
export function parseHolidays(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((d): d is string => typeof d === 'string' && isIsoDate(d)) : [];
  } catch {
    return [];
  }
}
