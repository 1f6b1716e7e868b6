/** A sprint's headline facts in words (dates, days left, points): the sprint's own screens and App Home show them. */
import type { Sprint } from '../../db/repositories/sprints.js';
import type { SprintSummary } from '../../domain/sprints.js';
import { formatShortDate } from './dates.js';
import { plural } from './format.js';
import { escapeMrkdwn } from './mrkdwn.js';

/** Points with at most one decimal: 21, 2.5. */
export const formatPoints = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function dateRange(sprint: Pick<Sprint, 'startDate' | 'endDate'>): string {
  return `${sprint.startDate} to ${sprint.endDate}`;
}

export function daysLeftText(summary: Pick<SprintSummary, 'sprint' | 'phase' | 'workingDaysLeft' | 'calendarDaysLeft'>): string {
  if (summary.phase === 'upcoming') return `starts ${formatShortDate(summary.sprint.startDate)} (${plural(summary.workingDaysLeft, 'working day')})`;
  if (summary.calendarDaysLeft === 0) return 'ended';
  return `${plural(summary.workingDaysLeft, 'working day')} left`;
}

/** The one-line sprint facts: goal, dates, days left, points. */
export function sprintHeadline(summary: SprintSummary): string {
  const { sprint } = summary;
  return [
    `*${escapeMrkdwn(sprint.name)}* · ${dateRange(sprint)} · ${daysLeftText(summary)}`,
    `*Goal:* ${escapeMrkdwn(sprint.goal)}`,
    `*Points:* ${formatPoints(summary.donePoints)} done · ${formatPoints(summary.remainingPoints)} remaining · ${formatPoints(summary.committedPoints)} committed at start`,
  ].join('\n');
}
