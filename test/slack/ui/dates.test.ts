import { describe, expect, it } from 'vitest';
import { formatShortDate, shortDate } from '../../../src/slack/ui/dates.js';

describe('dates as messages show them', () => {
  it('names the day and month in short', () => {
    expect(formatShortDate('2026-12-01')).toBe('Tue 1 Dec');
    expect(formatShortDate('2026-11-29')).toBe('Sun 29 Nov');
    expect(shortDate('2026-11-16')).toBe('16 Nov');
  });
  it('refuses what is not a date', () => {
    expect(() => formatShortDate('2026-02-30')).toThrow();
  });
});
