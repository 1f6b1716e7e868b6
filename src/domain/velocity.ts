/** Velocity: the mean completed points of the team's last closed sprints. */

export const VELOCITY_WINDOW = 3;
/** Committing more than this multiple of velocity asks for confirmation. */
export const OVERCOMMIT_RATIO = 1.1;

export interface SprintHistoryEntry {
  number: number;
  name: string;
  committedPoints: number;
  completedPoints: number;
}

/** Mean completed points of the newest `window` sprints (history newest first), or null without history. */
export function velocityOf(history: readonly SprintHistoryEntry[], window: number = VELOCITY_WINDOW): number | null {
  const recent = history.slice(0, window);
  if (recent.length === 0) return null;
  const mean = recent.reduce((sum, sprint) => sum + sprint.completedPoints, 0) / recent.length;
  return Math.round(mean * 10) / 10;
}

/** True when total exceeds the overcommit ratio of the baseline (velocity, else capacity). */
export function isOvercommitted(total: number, baseline: number | null): boolean {
  return baseline !== null && baseline > 0 && total > baseline * OVERCOMMIT_RATIO;
}

/** Sum of story points, unestimated items counting 0. */
export const sumPoints = (items: readonly { storyPoints: number | null }[]): number =>
  Math.round(items.reduce((sum, item) => sum + (item.storyPoints ?? 0), 0) * 10) / 10;
