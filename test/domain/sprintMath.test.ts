import { describe, expect, it } from 'vitest';
import { defaultSprintDates, teamCalendar, workingDays, workingDaysLeft } from '../../src/domain/calendar.js';
import { addDays, isoWeekday, localDate } from '../../src/domain/localTime.js';
import { nearestCard, pokerStats } from '../../src/domain/pokerStats.js';
import { issue } from '../../src/domain/errors.js';
import { goalProblem } from '../../src/domain/sprints.js';
import { issueText } from '../../src/slack/copy.js';
import { isOvercommitted, sumPoints, velocityOf } from '../../src/domain/velocity.js';

const history = (...completed: number[]) => completed.map((c, i) => ({ number: 10 - i, name: `S${10 - i}`, committedPoints: 20, completedPoints: c }));

describe('velocity', () => {
  it('is the mean completed points of the last three sprints (newest first)', () => {
    expect(velocityOf(history(10, 12, 14, 40))).toBe(12);
    expect(velocityOf(history(7, 8))).toBe(7.5);
    expect(velocityOf(history(1, 2, 2))).toBe(1.7);
    expect(velocityOf([])).toBeNull();
  });

  it('flags commitments above 110% of the baseline only', () => {
    expect(isOvercommitted(13.2, 12)).toBe(false);
    expect(isOvercommitted(13.3, 12)).toBe(true);
    expect(isOvercommitted(100, null)).toBe(false);
    expect(isOvercommitted(5, 0)).toBe(false);
    expect(sumPoints([{ storyPoints: 3 }, { storyPoints: null }, { storyPoints: 0.5 }])).toBe(3.5);
  });
});

describe('calendar', () => {
  it('counts working days without weekends and holidays', () => {
    expect(workingDays('2026-11-23', '2026-12-04')).toBe(10);
    expect(workingDays('2026-11-23', '2026-12-04', ['2026-11-26'])).toBe(9);
    expect(workingDays('2026-11-28', '2026-11-29')).toBe(0);
    expect(workingDaysLeft('2026-12-03', '2026-12-04')).toBe(2);
    expect(workingDaysLeft('2026-12-05', '2026-12-04')).toBe(0);
  });

  it('defaults a sprint to start on a working day and end on the last working day of its length', () => {
    expect(defaultSprintDates('2026-11-23', 14)).toEqual({ startDate: '2026-11-23', endDate: '2026-12-04' });
    expect(defaultSprintDates('2026-11-28', 14)).toEqual({ startDate: '2026-11-30', endDate: '2026-12-11' });
    expect(defaultSprintDates('2026-11-25', 7)).toEqual({ startDate: '2026-11-25', endDate: '2026-12-01' });
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it("one team calendar: weekdays minus the team's holidays, for counts, days left and default dates", () => {
    const calendar = teamCalendar({ holidays: JSON.stringify(['2026-11-26', '2026-11-30']) });
    expect(calendar.isWorkingDay('2026-11-26')).toBe(false);
    expect(calendar.isWorkingDay('2026-11-28')).toBe(false);
    expect(calendar.isWorkingDay('2026-11-27')).toBe(true);
    expect(calendar.count('2026-11-23', '2026-12-04')).toBe(8);
    const sprint = { startDate: '2026-11-23', endDate: '2026-12-04' };
    // Before the start every day is still to come; on the last day, that day is left.
    expect(calendar.left('2026-11-16', sprint)).toBe(8);
    expect(calendar.left('2026-11-23', sprint)).toBe(8);
    expect(calendar.left('2026-12-04', sprint)).toBe(1);
    expect(calendar.left('2026-12-05', sprint)).toBe(0);
    // A sprint planned on the Saturday before a holiday Monday starts on the Tuesday.
    expect(defaultSprintDates('2026-11-28', 14, calendar.isWorkingDay)).toEqual({ startDate: '2026-12-01', endDate: '2026-12-14' });
    expect(teamCalendar({ holidays: 'not json' }).count('2026-11-23', '2026-12-04')).toBe(10);
  });

  it("reads today in the team's timezone, across midnight and DST", () => {
    expect(localDate(new Date('2026-12-04T23:30:00Z'), 'Europe/Berlin')).toBe('2026-12-05');
    expect(localDate(new Date('2026-12-04T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-12-03');
    expect(localDate(new Date('2026-03-29T01:30:00Z'), 'Europe/London')).toBe('2026-03-29');
    expect(localDate(new Date('2026-12-04T03:00:00Z'), 'Not/AZone')).toBe('2026-12-04');
  });
});

describe('poker stats', () => {
  it('computes average, median, spread and consensus over numeric votes', () => {
    expect(pokerStats(['3', '5'])).toMatchObject({ average: 4, median: 4, spread: 2, min: 3, max: 5, consensus: true, suggested: 5 });
    expect(pokerStats(['1', '13', '?', 'coffee'])).toMatchObject({
      numericCount: 2,
      average: 7,
      median: 7,
      spread: 12,
      consensus: false,
      unsureCount: 1,
      coffeeCount: 1,
      suggested: 8,
    });
    expect(pokerStats(['2', '3', '8'])).toMatchObject({ median: 3, average: 4.3, consensus: false });
    expect(pokerStats(['5', '5', '5'])).toMatchObject({ consensus: true, spread: 0 });
    expect(pokerStats(['?', 'coffee'])).toMatchObject({ numericCount: 0, average: null, consensus: false, suggested: null });
  });

  it('proposes the card nearest the median, the higher one when halfway', () => {
    // 5 and 13: median 9, nearer 8 than 13.
    expect(pokerStats(['5', '13'])).toMatchObject({ median: 9, suggested: 8 });
    expect(pokerStats(['8', '21'])).toMatchObject({ median: 14.5, suggested: 13 });
    expect(pokerStats(['1', '2'])).toMatchObject({ median: 1.5, suggested: 2 });
    expect(pokerStats(['5', '8'])).toMatchObject({ median: 6.5, suggested: 8 });
    expect(pokerStats(['0', '1'])).toMatchObject({ median: 0.5, suggested: 1 });
    expect([0, 0.4, 4, 10.4, 10.5, 16.9, 17, 40].map(nearestCard)).toEqual([0, 0, 5, 8, 13, 13, 21, 21]);
  });
});

describe('sprint goal', () => {
  // The domain names the problem; the words come from the Slack layer's copy.
  const goalText = (goal: string) => {
    const problem = goalProblem(goal);
    return problem && issueText(issue(problem, 'goal'));
  };
  it('accepts one sentence and refuses empty or several', () => {
    expect(goalText('Customers can reset their password without support.')).toBeNull();
    expect(goalText('Ship v2.1 of the API')).toBeNull();
    expect(goalText('   ')).toMatch(/Write the sprint goal/);
    expect(goalText('Ship it. Then celebrate.')).toMatch(/one sentence/);
    expect(goalText('Ship it!\nCelebrate')).toMatch(/one sentence/);
    expect(goalText('x'.repeat(201))).toMatch(/200 characters/);
  });
});
