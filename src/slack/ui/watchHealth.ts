/** The shadow-backlog counts of a period in words, shown by App Home and the weekly digest. */
import type { WatchHealth } from '../../domain/shadowWatch.js';

/** "Official path 6 of 8 (75%)". */
export function intakeShareText(intake: WatchHealth['intake']): string {
  const total = intake.official + intake.conversation;
  if (total === 0) return 'no new backlog items';
  const share = Math.round((intake.official / total) * 100);
  return `${intake.official} of ${total} through the official path (${share}%: /suggest, shortcut), ${intake.conversation} captured from conversation (reaction, mention, nudge)`;
}

/** The shadow-backlog counts of a period, one mrkdwn line each. */
export function watchHealthLines(health: WatchHealth): string[] {
  return [
    `• Requests spotted in watched channels: *${health.spotted}* (sent to the backlog ${health.sent}, dismissed ${health.dismissed}, ignored ${health.ignored}, waiting ${health.nudged})`,
    `• Backlog intake: ${intakeShareText(health.intake)}`,
  ];
}
