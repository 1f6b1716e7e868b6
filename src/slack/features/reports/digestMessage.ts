/** The stakeholder digest: a message readable by someone who never opens the tool. */
import type { KnownBlock } from '@slack/types';
import type { BurndownUnit } from '../../../domain/burndown.js';
import type { DigestData, ReportItem, ReportScopeChange } from '../../../domain/reports.js';
import { localDate } from '../../../domain/localTime.js';
import { escapeMrkdwn } from '../../ui/mrkdwn.js';
import { capBlocks, context, divider, header, LIMITS, section } from '../../ui/blocks.js';
import { shortDate } from '../../ui/dates.js';
import { formatAmount, formatNumber, progressText, remainingSparkline, scopeChangeText, sprintDayText } from './burndownMessages.js';
import { plural } from '../../ui/format.js';
import { intakeShareText, watchHealthLines } from '../../ui/watchHealth.js';

/** Most lines one list shows before "and N more". */
const MAX_LINES = 15;
const HOUR_MS = 3_600_000;
/** Estimate events carry a code as their reason (events.ts), worded here for stakeholders. */
const ESTIMATE_REASONS: Record<string, string> = { poker: 'in planning poker', triage: 'at triage', edit: 'by hand' };

/** A titled list within one section: at most maxLines and 3000 chars, with an "and N more" tail. */
export function listSection(title: string, lines: readonly string[], empty: string, maxLines = MAX_LINES): KnownBlock {
  if (lines.length === 0) return section(`${title}\n_${empty}_`);
  const tail = (hidden: number) => `\n_…and ${hidden} more_`;
  let text = title;
  let shown = 0;
  for (const line of lines) {
    const hiddenAfter = lines.length - shown - 1;
    const candidate = `${text}\n${line}`;
    const reserve = hiddenAfter > 0 ? tail(hiddenAfter).length + 4 : 0;
    if (shown >= maxLines || Array.from(candidate).length + reserve > LIMITS.sectionText) break;
    text = candidate;
    shown += 1;
  }
  if (shown < lines.length) text += tail(lines.length - shown);
  return section(text);
}

/** "5 h", "2.5 days", "20 min". */
export function formatDuration(ms: number): string {
  if (ms < HOUR_MS) return `${Math.max(1, Math.round(ms / 60_000))} min`;
  if (ms < 48 * HOUR_MS) return `${formatNumber(ms / HOUR_MS)} h`;
  return `${formatNumber(ms / (24 * HOUR_MS))} days`;
}

function itemLine(item: ReportItem, unit: BurndownUnit): string {
  const points = unit === 'points' && item.points !== null ? ` (${formatAmount(item.points, 'points')})` : '';
  const reopened = item.reopenedCount > 0 ? ' _reopened_' : '';
  return `• *${escapeMrkdwn(item.ref)}* ${escapeMrkdwn(item.title)}${points}${reopened}`;
}

function scopeLine(change: ReportScopeChange, unit: BurndownUnit): string {
  const amount = `${change.delta > 0 ? '+' : '−'}${formatAmount(Math.abs(change.delta), unit)}`;
  const what =
    change.kind === 'added'
      ? 'added'
      : change.kind === 'removed'
        ? 'removed'
        : `re-estimated ${formatNumber(change.from ?? 0)} → ${formatNumber(change.to ?? 0)}`;
  const how = change.reason ? ESTIMATE_REASONS[change.reason] : undefined;
  const reason = change.kind === 'estimate' && how ? ` ${how}` : change.reason?.trim() ? `: “${escapeMrkdwn(change.reason.trim())}”` : '';
  return `• ${amount} *${escapeMrkdwn(change.ref)}* ${escapeMrkdwn(change.title)}, ${what} on ${shortDate(change.date)}${reason}`;
}

/** The digest as Block Kit (within 50 blocks, 3000 chars per section) with a text fallback. */
export function buildDigestMessage(data: DigestData): { text: string; blocks: KnownBlock[] } {
  const { team, sprint, intake } = data;
  const blocks: KnownBlock[] = [];
  // The first line is the notification preview: it says whose digest this is and which kind.
  const closing = data.kind === 'sprint_close' && sprint;
  const title = closing ? `Sprint-close digest: ${team.name}, Sprint ${sprint.sprint.number}` : `Weekly digest: ${team.name}`;
  const kindLabel = closing ? 'sprint-close digest' : 'weekly digest';
  blocks.push(header(title));
  const from = shortDate(localDate(data.periodStart, data.timezone));
  const to = shortDate(localDate(data.periodEnd, data.timezone));
  blocks.push(context(`What the team worked on, ${from} to ${to} (times in ${escapeMrkdwn(data.timezone)}). Sent by Rituals; no need to ask the developers.`));

  let headline = 'no sprint is running right now.';
  if (sprint) {
    const { burndown } = sprint;
    const unit = burndown.unit;
    const goal = sprint.sprint.goal.trim() ? escapeMrkdwn(sprint.sprint.goal.trim()) : '_no goal was written down_';
    const scope = scopeChangeText(burndown);
    const progress = `${progressText(burndown)}${scope ? `; ${scope}` : ''}`;
    headline = `Sprint ${sprint.sprint.number}, ${sprintDayText(burndown, sprint.sprint)}: ${progress}`;
    blocks.push(divider());
    blocks.push(
      section(
        [
          `*Sprint ${sprint.sprint.number}* (${shortDate(sprint.sprint.startDate)} to ${shortDate(sprint.sprint.endDate)}), ${sprintDayText(burndown, sprint.sprint)}`,
          `*Goal:* ${goal}`,
          `*Progress:* ${escapeMrkdwn(progress)}`,
          // The chart is uploaded after this message and may fail: nothing here promises it.
          `\`${remainingSparkline(burndown)}\` work remaining since the start`,
        ].join('\n'),
      ),
    );
    if (unit === 'items') blocks.push(context('Nothing in this sprint has story points, so progress counts items instead.'));
    else if (burndown.unestimated > 0)
      blocks.push(context(`Items without an estimate count as 0 points (${plural(burndown.unestimated, 'item')} in this sprint).`));
    blocks.push(
      listSection(
        `*✅ Completed (${sprint.completed.length})*`,
        sprint.completed.map((i) => itemLine(i, unit)),
        'Nothing finished yet.',
      ),
    );
    blocks.push(
      listSection(
        `*🔨 In progress (${sprint.inProgress.length})*`,
        sprint.inProgress.map((i) => itemLine(i, unit)),
        'Nothing in progress.',
      ),
    );
    blocks.push(
      listSection(
        `*⏳ Not started (${sprint.notStarted.length})*`,
        sprint.notStarted.map((i) => itemLine(i, unit)),
        'Everything has been started.',
      ),
    );
    blocks.push(
      listSection(
        `*🔀 Scope changes during the sprint (${sprint.scopeChanges.length})*`,
        sprint.scopeChanges.map((c) => scopeLine(c, unit)),
        'None: the team is working on what it committed to.',
      ),
    );
  } else {
    blocks.push(divider());
    blocks.push(section('*No sprint is running right now.* Below: what is next in the product backlog and how requests are handled.'));
  }

  blocks.push(
    listSection(
      `*🚧 Open impediments (${data.impediments.length})*`,
      data.impediments.map((imp) => {
        const days = Math.floor((data.now - imp.openedAt) / (24 * HOUR_MS));
        return `• ${escapeMrkdwn(imp.text)} _(open ${days < 1 ? 'since today' : plural(days, 'day')})_`;
      }),
      'None: nothing is blocking the team.',
    ),
  );
  const moreInBacklog = data.backlogSize - data.next.length;
  const next = listSection(
    `*⏭️ What's next (top ${data.next.length} of the product backlog)*`,
    data.next.map(
      (item, index) =>
        `${index + 1}. *${escapeMrkdwn(item.ref)}* ${escapeMrkdwn(item.title)}${item.points !== null ? ` (${formatAmount(item.points, 'points')})` : ''}`,
    ),
    'The product backlog is empty.',
  );
  blocks.push(next);
  if (moreInBacklog > 0) blocks.push(context(`${plural(moreInBacklog, 'more item waits', 'more items wait')} in the product backlog, in priority order.`));

  const median = intake.medianTriageMs === null ? '' : ` (median time to triage: ${formatDuration(intake.medianTriageMs)})`;
  const overridden = intake.injectionsOverridden > 0 ? `; ${intake.injectionsOverridden} let in by a Scrum Master override` : '';
  blocks.push(
    section(
      [
        '*📥 Intake health*',
        `• Suggestions received: *${intake.received}*`,
        `• Triaged by the Product Owner: *${intake.triaged}*${median}`,
        `• Waiting in the inbox now: *${intake.inboxSize}*`,
        `• Requests to add work mid-sprint, redirected to the backlog: *${intake.injectionsRefused}*${overridden}`,
        ...(data.watch.watching || data.watch.spotted > 0 ? watchHealthLines(data.watch) : [`• Backlog intake: ${intakeShareText(data.watch.intake)}`]),
      ].join('\n'),
    ),
  );
  blocks.push(context('Need something? Use `/suggest` so it reaches the Product Owner and is triaged, instead of asking a developer directly.'));
  return {
    text: `${escapeMrkdwn(team.name)} ${kindLabel}: ${headline}`,
    blocks: capBlocks(blocks, LIMITS.messageBlocks, (hidden) => `…and ${hidden} more sections.`),
  };
}
