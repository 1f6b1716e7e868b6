/** Planning poker cards and the statistics shown at reveal. */

export const POKER_DECK = ['0', '1', '2', '3', '5', '8', '13', '21', '?', 'coffee'] as const;
export type PokerCard = (typeof POKER_DECK)[number];
export const NUMERIC_CARDS = [0, 1, 2, 3, 5, 8, 13, 21] as const;

export const isPokerCard = (value: string): value is PokerCard => (POKER_DECK as readonly string[]).includes(value);

export interface PokerStats {
  /** Numeric votes only ("?" and coffee are not estimates). */
  numericCount: number;
  unsureCount: number;
  coffeeCount: number;
  average: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  /** max - min of the numeric votes. */
  spread: number | null;
  /** Consensus: every numeric vote on the same card or two neighbouring cards, and nobody unsure. */
  consensus: boolean;
  /** The card to propose: the deck card nearest the median (see nearestCard). */
  suggested: number | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The deck card nearest n: a median of 9 proposes 8, not 13. Halfway between two cards (a median
 * of 4 between 3 and 5) it proposes the higher one, as teams usually round an estimate up.
 */
export function nearestCard(n: number): number {
  let best: number = NUMERIC_CARDS[0];
  for (const card of NUMERIC_CARDS) {
    if (Math.abs(card - n) <= Math.abs(best - n)) best = card;
  }
  return best;
}

export function pokerStats(votes: readonly string[]): PokerStats {
  const numbers = votes
    .filter((v) => v !== '?' && v !== 'coffee')
    .map(Number)
    .filter((n) => Number.isFinite(n))
    .sort((a, b) => a - b);
  const unsureCount = votes.filter((v) => v === '?').length;
  const coffeeCount = votes.filter((v) => v === 'coffee').length;
  if (numbers.length === 0) {
    return { numericCount: 0, unsureCount, coffeeCount, average: null, median: null, min: null, max: null, spread: null, consensus: false, suggested: null };
  }
  const mid = Math.floor(numbers.length / 2);
  const median = numbers.length % 2 === 1 ? numbers[mid]! : (numbers[mid - 1]! + numbers[mid]!) / 2;
  const min = numbers[0]!;
  const max = numbers[numbers.length - 1]!;
  const cardIndex = (n: number) => NUMERIC_CARDS.indexOf(n as (typeof NUMERIC_CARDS)[number]);
  const consensus = unsureCount === 0 && cardIndex(max) - cardIndex(min) <= 1;
  return {
    numericCount: numbers.length,
    unsureCount,
    coffeeCount,
    average: round1(numbers.reduce((s, n) => s + n, 0) / numbers.length),
    median: round1(median),
    min,
    max,
    spread: max - min,
    consensus,
    suggested: nearestCard(median),
  };
}
