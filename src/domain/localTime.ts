/**
 * Wall-clock time in IANA timezones, with Intl only (no dependency). Calendar dates are ISO strings
 * (YYYY-MM-DD); instants are epoch milliseconds. Local times that fall into a daylight-saving gap or
 * overlap are resolved like Temporal's 'compatible' disambiguation: a skipped time moves forward by
 * the gap, a repeated time takes its first occurrence.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** True when Intl knows the IANA zone name (e.g. Europe/Berlin). */
export function isValidTimeZone(timeZone: string | null | undefined): timeZone is string {
  if (!timeZone) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in milliseconds (Berlin in winter: +3_600_000). */
export function offsetMs(instant: number, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An epoch-ms or Date instant, and a zone Intl knows (an unknown zone reads as UTC). */
const instantMs = (instant: number | Date) => (typeof instant === 'number' ? instant : instant.getTime());
const knownZone = (timeZone: string) => (isValidTimeZone(timeZone) ? timeZone : 'UTC');

/** The calendar date (YYYY-MM-DD) at an instant in a zone. */
export function localDate(instant: number | Date, timeZone: string): string {
  const wall = wallClock(instantMs(instant), knownZone(timeZone));
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** "HH:MM" at an instant in a zone. */
export function localTimeOfDay(instant: number | Date, timeZone: string): string {
  const wall = wallClock(instantMs(instant), knownZone(timeZone));
  return `${pad(wall.hour)}:${pad(wall.minute)}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const isTimeOfDay = (text: string): boolean => HH_MM.test(text);

function dateParts(date: string): [number, number, number] {
  if (!isIsoDate(date)) throw new RangeError(`local_time.not_iso_date: ${date}`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return [year, month, day];
}

/** date + n days, as a calendar date (no timezone involved). */
export function addDays(date: string, n: number): string {
  const [year, month, day] = dateParts(date);
  return new Date(Date.UTC(year, month - 1, day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [year, month, day] = dateParts(date);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** The later of two calendar dates. */
export function laterDate(a: string, b: string): string {
  return a < b ? b : a;
}

/** Whole days from a to b (b - a) between two calendar dates. */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = dateParts(a);
  const [yb, mb, db] = dateParts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / DAY_MS);
}

/**
 * The instant at which the wall clock in timeZone shows date + time ("HH:MM"). A time skipped by a
 * spring-forward change is moved forward by the gap (02:30 -> 03:30); a time that happens twice at
 * a fall-back change resolves to the first (daylight) occurrence.
 */
export function zonedTimeToUtc(date: string, time: string, timeZone: string): number {
  const match = HH_MM.exec(time);
  if (!match) throw new RangeError(`local_time.not_time_of_day: ${time}`);
  const [year, month, day] = dateParts(date);
  const wallAsUtc = Date.UTC(year, month - 1, day, Number(match[1]), Number(match[2]));
  // Offsets a day either side bracket any single transition near this wall time.
  const before = offsetMs(wallAsUtc - DAY_MS, timeZone);
  const after = offsetMs(wallAsUtc + DAY_MS, timeZone);
  const candidates = [...new Set([wallAsUtc - before, wallAsUtc - after])].sort((a, b) => a - b);
  const exact = candidates.filter((instant) => instant + offsetMs(instant, timeZone) === wallAsUtc);
  if (exact.length > 0) return exact[0]!;
  // In the gap: read the wall time with the offset that applied before the change.
  return wallAsUtc - before;
}

/** Midnight at the start of a local date, as an instant. */
export const startOfLocalDay = (date: string, timeZone: string): number => zonedTimeToUtc(date, '00:00', timeZone);

/** Every date from start to end inclusive (empty when end < start). */
export function datesFrom(start: string, end: string): string[] {
  const n = daysBetween(start, end);
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addDays(start, i));
}

/** Team holidays stored as a JSON array of ISO dates (malformed data reads as none). */
export function parseHolidays(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((d): d is string => typeof d === 'string' && isIsoDate(d)) : [];
  } catch {
    return [];
  }
}

/** Parses "1,2,3,4,5" into ISO weekdays, ignoring anything that is not 1..7. */
export function parseWeekdays(text: string): Set<number> {
  return new Set(
    text
      .split(',')
      .map((part) => Number(part.trim()))
      .filter((n) => Number.isInteger(n) && n >= 1 && n <= 7),
  );
}
