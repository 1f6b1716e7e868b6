import { describe, expect, it } from 'vitest';
import { isIsoDate, isValidTimezone, teamSetupSchema } from '../../src/domain/teamSetup.js';

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
    expect(parsed).toMatchObject({ name: 'Payments Core', sprintLengthDays: 14, standupDays: [1, 5], captureReaction: 'eyes', itemPrefix: 'PAY', holidays: ['2026-01-01', '2026-12-25'] });
  });
  it('rejects bad values with a message per field', () => {
    const result = teamSetupSchema.safeParse({ ...valid, sprintLengthDays: '0', standupTime: '25:00', standupDays: [], itemPrefix: 'R2', members: [] });
    expect(result.success).toBe(false);
    const fields = new Set(result.error!.issues.map((issue) => issue.path[0]));
    expect(fields).toEqual(new Set(['sprintLengthDays', 'standupTime', 'standupDays', 'itemPrefix', 'members']));
  });
});
