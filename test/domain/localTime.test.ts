import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  isIsoDate,
  isoWeekday,
  isValidTimeZone,
  localDate,
  localTimeOfDay,
  parseWeekdays,
  zonedTimeToUtc,
} from '../../src/domain/localTime.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('zonedTimeToUtc', () => {
  it('converts ordinary days in several zones', () => {
    expect(iso(zonedTimeToUtc('2026-11-23', '09:30', 'Europe/Berlin'))).toBe('2026-11-23T08:30:00.000Z');
    expect(iso(zonedTimeToUtc('2026-07-01', '09:30', 'Europe/Berlin'))).toBe('2026-07-01T07:30:00.000Z');
    expect(iso(zonedTimeToUtc('2026-11-23', '09:30', 'America/New_York'))).toBe('2026-11-23T14:30:00.000Z');
    expect(iso(zonedTimeToUtc('2026-11-23', '09:30', 'Asia/Kolkata'))).toBe('2026-11-23T04:00:00.000Z');
    expect(iso(zonedTimeToUtc('2026-11-23', '09:30', 'UTC'))).toBe('2026-11-23T09:30:00.000Z');
  });

  it('uses the new offset on the day clocks spring forward', () => {
    // New York: 2026-03-08 02:00 EST -> 03:00 EDT.
    expect(iso(zonedTimeToUtc('2026-03-07', '09:30', 'America/New_York'))).toBe('2026-03-07T14:30:00.000Z');
    expect(iso(zonedTimeToUtc('2026-03-08', '09:30', 'America/New_York'))).toBe('2026-03-08T13:30:00.000Z');
    // Berlin: 2026-03-29 02:00 CET -> 03:00 CEST.
    expect(iso(zonedTimeToUtc('2026-03-28', '09:30', 'Europe/Berlin'))).toBe('2026-03-28T08:30:00.000Z');
    expect(iso(zonedTimeToUtc('2026-03-29', '09:30', 'Europe/Berlin'))).toBe('2026-03-29T07:30:00.000Z');
  });

  it('uses the new offset on the day clocks fall back', () => {
    // New York: 2026-11-01 02:00 EDT -> 01:00 EST.
    expect(iso(zonedTimeToUtc('2026-10-31', '09:30', 'America/New_York'))).toBe('2026-10-31T13:30:00.000Z');
    expect(iso(zonedTimeToUtc('2026-11-01', '09:30', 'America/New_York'))).toBe('2026-11-01T14:30:00.000Z');
    expect(iso(zonedTimeToUtc('2026-10-25', '09:30', 'Europe/Berlin'))).toBe('2026-10-25T08:30:00.000Z');
  });

  it('moves a time skipped by spring-forward past the gap', () => {
    expect(iso(zonedTimeToUtc('2026-03-08', '02:30', 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
    expect(localTimeOfDay(zonedTimeToUtc('2026-03-08', '02:30', 'America/New_York'), 'America/New_York')).toBe('03:30');
    expect(localTimeOfDay(zonedTimeToUtc('2026-03-29', '02:15', 'Europe/Berlin'), 'Europe/Berlin')).toBe('03:15');
  });

  it('takes the first of a time repeated by fall-back', () => {
    // 01:30 happens at 05:30Z (EDT) and 06:30Z (EST).
    expect(iso(zonedTimeToUtc('2026-11-01', '01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
  });

  it('round-trips every quarter hour of the DST days', () => {
    for (const [date, zone] of [
      ['2026-03-08', 'America/New_York'],
      ['2026-11-01', 'America/New_York'],
      ['2026-03-29', 'Europe/Berlin'],
      ['2026-10-25', 'Europe/Berlin'],
      ['2026-04-05', 'Australia/Sydney'],
    ] as const) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        const instant = zonedTimeToUtc(date, time, zone);
        expect(localDate(instant, zone)).toBe(date);
        const back = localTimeOfDay(instant, zone);
        // Only times in a spring-forward gap come back different (one hour later).
        if (back !== time) expect(Number(back.slice(0, 2)) - Number(time.slice(0, 2))).toBe(1);
      }
    }
  });

  it('rejects malformed input', () => {
    expect(() => zonedTimeToUtc('2026-02-30', '09:00', 'UTC')).toThrow();
    expect(() => zonedTimeToUtc('2026-02-03', '9am', 'UTC')).toThrow();
  });
});

describe('calendar helpers', () => {
  it('reads the local date of an instant', () => {
    const instant = Date.parse('2026-11-23T23:30:00Z');
    expect(localDate(instant, 'UTC')).toBe('2026-11-23');
    expect(localDate(instant, 'Europe/Berlin')).toBe('2026-11-24');
    expect(localDate(instant, 'America/Los_Angeles')).toBe('2026-11-23');
  });

  it('validates dates, zones and weekdays', () => {
    expect(isIsoDate('2026-12-24')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('24.12.2026')).toBe(false);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone(null)).toBe(false);
    expect([...parseWeekdays('1, 2,3,x,9,5')]).toEqual([1, 2, 3, 5]);
  });

  it('does calendar arithmetic across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-12-24', '2027-01-02')).toBe(9);
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
  });
});
