import { describe, expect, it } from 'vitest';
import { isIsoDate, isValidTimezone, teamSetupSchema } from '../../src/domain/teamSetup.js';
import { issuesOf } from '../../src/domain/validation.js';
import { issueText } from '../../src/slack/copy.js';

const valid = {
  name: '  Payments   Core ',
  teamChannelId: 'C1',
  triageChannelId: null,
  stakeholderChannelId: null,
  productOwnerId: 'U1',
  scrumMasterId: 'U2',
  members: ['U3'],
  sprintLengthDays: '14',
  standupTime: '09:30',
  standupDays: ['5', '1', '1'],
  standupWindowMinutes: '120',
  standupReminderMinutes: '30',
  timezone: 'America/New_York',
  burndownTime: '17:00',
  burndownDays: ['1'],
  digestDay: '5',
  digestTime: '16:00',
  captureReaction: ':eyes:',
  holidays: ['2026-12-25', '2026-01-01'],
  itemPrefix: 'pay',
};

describe('team setup rules', () => {
  it('knows IANA timezones and real ISO dates', () => {
    expect(isValidTimezone('Europe/Berlin')).toBe(true);
    expect(isValidTimezone('UTC')).toBe(true);
    expect(isValidTimezone('Europe/Atlantis')).toBe(false);
    expect(isValidTimezone('')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('25.12.2026')).toBe(false);
  });
  it('normalises a valid setup', () => {
    const parsed = teamSetupSchema.parse(valid);
    expect(parsed).toMatchObject({
      name: 'Payments Core',
      sprintLengthDays: 14,
      standupDays: [1, 5],
      captureReaction: 'eyes',
      itemPrefix: 'PAY',
      standupWindowMinutes: 120,
      standupReminderMinutes: 30,
      holidays: ['2026-01-01', '2026-12-25'],
    });
  });
  it('rejects bad values with a message per field', () => {
    const result = teamSetupSchema.safeParse({ ...valid, sprintLengthDays: '0', standupTime: '25:00', standupDays: [], itemPrefix: 'R2', members: [] });
    expect(result.success).toBe(false);
    const fields = new Set(result.error!.issues.map((issue) => issue.path[0]));
    expect(fields).toEqual(new Set(['sprintLengthDays', 'standupTime', 'standupDays', 'itemPrefix', 'members']));
  });
  it('keeps the standup window within 15 min to 12 h and the reminder inside it (0 = none)', () => {
    const issues = (window: unknown, reminder: unknown) =>
      issuesOf(teamSetupSchema.safeParse({ ...valid, standupWindowMinutes: window, standupReminderMinutes: reminder }).error?.issues ?? []).map((i) => [
        i.field,
        issueText(i),
      ]);
    expect(issues('15', '0')).toEqual([]);
    expect(issues('720', '715')).toEqual([]);
    expect(issues('14', '0')).toEqual([['standupWindowMinutes', 'Response window: 15 to 720 minutes.']]);
    expect(issues('1.5', '0')).toEqual([['standupWindowMinutes', 'Response window: a whole number of minutes.']]);
    expect(issues('60', '60')[0]![0]).toBe('standupReminderMinutes');
    expect(issues('60', '4')[0]![1]).toContain('at least 5 minutes');
  });
});
