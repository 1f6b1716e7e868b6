/**
 * Backlog order as sparse real-valued ranks: moving an item writes one row. Ranks are spaced by
 * RANK_STEP; a midpoint between neighbours that gets too close triggers a re-spacing.
 */
export const RANK_STEP = 1024;
const MIN_GAP = 1e-6;

/** A rank before `first` (top of the list), or the first rank of an empty list. */
export const rankBefore = (first: number | null): number => (first === null ? RANK_STEP : first - RANK_STEP);

/** A rank after `last` (bottom of the list). */
export const rankAfter = (last: number | null): number => (last === null ? RANK_STEP : last + RANK_STEP);

/** The midpoint between two neighbours, or null when they are too close and the list needs re-spacing. */
export function rankBetween(before: number | null, after: number | null): number | null {
  if (before === null) return rankBefore(after);
  if (after === null) return rankAfter(before);
  if (after - before < MIN_GAP * 2) return null;
  return before + (after - before) / 2;
}

/** Evenly spaced ranks for n items in order (used to re-space). */
export const evenRanks = (n: number): number[] => Array.from({ length: n }, (_, i) => (i + 1) * RANK_STEP);
