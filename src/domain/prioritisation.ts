/** Prioritisation arithmetic: WSJF, story point scale, MoSCoW order. Pure functions. */
import { MOSCOW, type Moscow } from '../db/schema.js';

/** The modified Fibonacci scale for each WSJF input. */
export const WSJF_SCALE = [1, 2, 3, 5, 8, 13, 20] as const;
/** Story points a team may give (modified Fibonacci, as on planning-poker decks). */
export const STORY_POINTS = [0, 0.5, 1, 2, 3, 5, 8, 13, 20, 40, 100] as const;

export interface WsjfInputs {
  businessValue: number | null;
  timeCriticality: number | null;
  riskReduction: number | null;
  jobSize: number | null;
}

/** WSJF = cost of delay (business value + time criticality + risk reduction) / job size, 2 decimals; null unless all four are set. */
export function wsjfScore(inputs: WsjfInputs): number | null {
  const { businessValue, timeCriticality, riskReduction, jobSize } = inputs;
  if (businessValue == null || timeCriticality == null || riskReduction == null || jobSize == null || jobSize <= 0) return null;
  return Math.round(((businessValue + timeCriticality + riskReduction) / jobSize) * 100) / 100;
}

/** 0 for must ... 3 for won't; unprioritised items sort after every class. */
export const moscowIndex = (moscow: Moscow | null | undefined): number => (moscow ? MOSCOW.indexOf(moscow) : MOSCOW.length);

/**
 * Where an item of class `moscow` goes "by priority": right after the last item whose class is
 * higher or equal (must before should ...), or at the top when there is none.
 */
export function priorityInsertIndex(ordered: readonly { moscow: Moscow | null }[], moscow: Moscow): number {
  const own = moscowIndex(moscow);
  let index = 0;
  ordered.forEach((item, i) => {
    if (moscowIndex(item.moscow) <= own) index = i + 1;
  });
  return index;
}

/**
 * The order after "sort by WSJF": scored items by descending score (ties keep their current order),
 * then unscored items in their current order.
 */
export function sortByWsjf<T extends WsjfInputs>(ordered: readonly T[]): T[] {
  const scored = ordered.map((item, position) => ({ item, position, score: wsjfScore(item) }));
  return scored
    .sort((a, b) => {
      if (a.score === null && b.score === null) return a.position - b.position;
      if (a.score === null) return 1;
      if (b.score === null) return -1;
      return b.score - a.score || a.position - b.position;
    })
    .map((entry) => entry.item);
}
