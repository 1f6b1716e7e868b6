/** Words for a burndown: the one-line summary, the text sparkline, and the /burndown reply. */
import type { KnownBlock } from '@slack/types';
import type { Burndown, BurndownUnit } from '../../../domain/burndown.js';
import type { BurndownReport } from '../../../domain/reports.js';
import { escapeMrkdwn } from '../../ui/mrkdwn.js';
import { context, section } from '../../ui/blocks.js';
import { shortDate } from '../../ui/dates.js';
import { plural } from '../../ui/format.js';

const SPARKS = '▁▂▃▄▅▆▇█';

/** 21, 2.5 (at most one decimal). */
export function formatNumber(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** "5 points", "1 item". */
export function formatAmount(n: number, unit: BurndownUnit): string {
  return plural(Math.round(n * 10) / 10, unit === 'points' ? 'point' : 'item');
}

/** A text sparkline (▁▂▃▅▇) of values scaled from 0 to max. */
export function sparkline(values: readonly number[], max = Math.max(0, ...values)): string {
  if (values.length === 0) return '';
  return values.map((v) => (max <= 0 ? SPARKS[0] : SPARKS[Math.min(SPARKS.length - 1, Math.max(0, Math.round((v / max) * (SPARKS.length - 1))))])).join('');
}

/** The remaining-work sparkline from the sprint start to now. */
export function remainingSparkline(burndown: Burndown): string {
  const values = burndown.points.slice(0, burndown.todayIndex + 1).map((p) => p.remaining ?? 0);
  return sparkline(values, Math.max(...values, ...burndown.points.map((p) => p.scope ?? 0)));
}

/** "day 6 of 10", "starts 16 Nov", "ended 27 Nov" (past its last day, or closed); the last day is "day 10 of 10". */
export function sprintDayText(burndown: Burndown, sprint: { startDate: string; endDate: string; status?: string }): string {
  if (burndown.ended || sprint.status === 'closed') return `ended ${shortDate(sprint.endDate)}`;
  if (burndown.todayIndex === 0) return `starts ${shortDate(sprint.startDate)}`;
  return `day ${Math.max(1, burndown.workingDay)} of ${burndown.workingDays}`;
}

/** Scope changes as words: "+5 points added mid-sprint, 3 removed". Empty when there were none. */
export function scopeChangeText(burndown: Burndown): string {
  const parts: string[] = [];
  if (burndown.addedTotal > 0) parts.push(`+${formatAmount(burndown.addedTotal, burndown.unit)} added mid-sprint`);
  if (burndown.removedTotal > 0) parts.push(`${formatAmount(burndown.removedTotal, burndown.unit)} removed`);
  if (burndown.reestimatedTotal !== 0) {
    parts.push(`re-estimates ${burndown.reestimatedTotal > 0 ? '+' : '−'}${formatAmount(Math.abs(burndown.reestimatedTotal), burndown.unit)}`);
  }
  return parts.join(', ');
}

/** Progress in one sentence, e.g. "21 of 40 points left, 3 behind the ideal line". */
export function progressText(burndown: Burndown): string {
  const { current, unit, behindIdeal } = burndown;
  const left = `${formatNumber(current.remaining)} of ${formatAmount(current.scope, unit)} left`;
  const gap = Math.abs(behindIdeal);
  const ideal =
    burndown.todayIndex === 0 ? '' : gap < 0.05 ? ', on the ideal line' : `, ${formatNumber(gap)} ${behindIdeal > 0 ? 'behind' : 'ahead of'} the ideal line`;
  return `${left}${ideal}`;
}

/** "Sprint 14, day 6 of 10: 21 of 40 points left, 3 behind the ideal line; +5 points added mid-sprint". */
export function burndownSummary(report: Pick<BurndownReport, 'sprint' | 'burndown'>): string {
  const { sprint, burndown } = report;
  const scope = scopeChangeText(burndown);
  const extras = [
    scope,
    burndown.reopened.length > 0 ? `${burndown.reopened.length} reopened` : '',
    burndown.unit === 'items' ? 'no story points in this sprint, so counting items' : '',
  ].filter(Boolean);
  return `Sprint ${sprint.number}, ${sprintDayText(burndown, sprint)}: ${progressText(burndown)}${extras.length ? `; ${extras.join('; ')}` : ''}`;
}

/** Title and subtitle drawn on the chart. */
export function chartLabels(report: BurndownReport): { title: string; subtitle: string } {
  const { team, sprint, burndown } = report;
  const year = sprint.endDate.slice(0, 4);
  return {
    title: `${team.name}: Sprint ${sprint.number} burndown`,
    subtitle: [
      `${shortDate(sprint.startDate)} to ${shortDate(sprint.endDate)} ${year}`,
      sprintDayText(burndown, sprint),
      burndown.unit === 'points' ? 'story points' : 'items (nothing is estimated)',
      `times in ${report.timezone}`,
    ].join(' · '),
  };
}

/** Slack's limit for an image description. */
const ALT_TEXT_MAX = 1000;

/**
 * The chart's description for screen readers: what the image shows in words (team, sprint, day,
 * work left against the ideal line, scope changes), e.g. "Burndown chart of Platform, Sprint 14,
 * day 6 of 10: 21 of 40 points left, 3 behind the ideal line; +5 points added mid-sprint."
 */
export function chartAltText(report: BurndownReport): string {
  const text = `Burndown chart of ${report.team.name}, ${burndownSummary(report)}.`;
  return Array.from(text).length <= ALT_TEXT_MAX
    ? text
    : `${Array.from(text)
        .slice(0, ALT_TEXT_MAX - 1)
        .join('')}…`;
}

/** The text posted when the chart could not be uploaded: summary plus a sparkline. */
export function buildBurndownFallbackText(report: BurndownReport): string {
  return `*${escapeMrkdwn(report.team.name)}* ${escapeMrkdwn(burndownSummary(report))}\n\`${remainingSparkline(report.burndown)}\` remaining since the start (the chart could not be uploaded this time)`;
}

/** The private /burndown reply: summary, sparkline and how to share it. */
export function buildBurndownEphemeral(report: BurndownReport): { text: string; blocks: KnownBlock[] } {
  const summary = escapeMrkdwn(burndownSummary(report));
  const goal = report.sprint.goal.trim() ? `\n*Goal:* ${escapeMrkdwn(report.sprint.goal)}` : '';
  return {
    text: summary,
    blocks: [
      section(`*${summary}*${goal}\n\`${remainingSparkline(report.burndown)}\` remaining since the start`),
      context('Only you can see this. `/burndown post` shares the chart in the team channel.'),
    ],
  };
}
