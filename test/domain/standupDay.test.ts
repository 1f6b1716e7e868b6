import { describe, expect, it } from 'vitest';
import { isTeamStandupDay, memberStandupDate, standupDueAt } from '../../src/domain/standupDay.js';

const team = { standupTime: '09:30', standupDays: '1,2,3,4,5', holidays: '["2026-12-25"]', standupWindowMinutes: 180 };
const at = (iso: string) => Date.parse(iso);

describe("a member's standup today", () => {
  it('is their own calendar date, whatever the team timezone says', () => {
    const now = at('2026-11-24T07:30:00Z'); // Tue 08:30 Berlin
    expect(memberStandupDate({ team, timeZone: 'Europe/Berlin', now })).toBe('2026-11-24');
    expect(memberStandupDate({ team, timeZone: 'America/Los_Angeles', now })).toBe('2026-11-23'); // Mon 23:30
    expect(memberStandupDate({ team, timeZone: 'Pacific/Auckland', now })).toBe('2026-11-24');
    expect(memberStandupDate({ team, timeZone: 'Pacific/Auckland', now: at('2026-11-23T11:10:00Z') })).toBe('2026-11-24'); // Tue 00:10
  });

  it("stays yesterday's after midnight while yesterday's window is open (a late standup time)", () => {
    const late = { ...team, standupTime: '23:00' };
    expect(memberStandupDate({ team: late, timeZone: 'Europe/Berlin', now: at('2026-11-23T23:30:00Z') })).toBe('2026-11-23'); // Tue 00:30
    expect(memberStandupDate({ team: late, timeZone: 'Europe/Berlin', now: at('2026-11-24T00:59:00Z') })).toBe('2026-11-23'); // 01:59
    expect(memberStandupDate({ team: late, timeZone: 'Europe/Berlin', now: at('2026-11-24T01:00:00Z') })).toBe('2026-11-24'); // 02:00: closed
    // Not after a day without standup (Sunday), nor a holiday: nobody was asked.
    expect(memberStandupDate({ team: late, timeZone: 'Europe/Berlin', now: at('2026-11-29T23:30:00Z') })).toBe('2026-11-30');
    expect(memberStandupDate({ team: late, timeZone: 'Europe/Berlin', now: at('2026-12-25T23:30:00Z') })).toBe('2026-12-26');
  });

  it('follows daylight-saving changes', () => {
    const late = { ...team, standupTime: '22:30', standupDays: '1,2,3,4,5,6,7' };
    // The day before Berlin springs forward: 22:30 CET is 21:30Z, the window runs to 00:30Z.
    expect(memberStandupDate({ team: late, timeZone: 'Europe/Berlin', now: at('2026-03-29T00:29:00Z') })).toBe('2026-03-28');
    expect(memberStandupDate({ team: late, timeZone: 'Europe/Berlin', now: at('2026-03-29T00:30:00Z') })).toBe('2026-03-29');
    // On Sun 29 Mar itself 22:30 is CEST (20:30Z): the window ends an hour earlier in UTC.
    expect(memberStandupDate({ team: late, timeZone: 'Europe/Berlin', now: at('2026-03-29T23:29:00Z') })).toBe('2026-03-29');
    expect(memberStandupDate({ team: late, timeZone: 'Europe/Berlin', now: at('2026-03-29T23:30:00Z') })).toBe('2026-03-30');
    expect(standupDueAt(team, 'America/New_York', '2026-11-01')).toBe(at('2026-11-01T14:30:00Z')); // EST again
  });

  it('knows team standup days', () => {
    expect(isTeamStandupDay(team, '2026-11-23')).toBe(true);
    expect(isTeamStandupDay(team, '2026-11-28')).toBe(false);
    expect(isTeamStandupDay(team, '2026-12-25')).toBe(false);
    expect(standupDueAt({ standupTime: 'soon' }, 'UTC', '2026-11-23')).toBeNull();
  });
});
