/** Likely duplicates: how alike two short titles are. Pure and cheap (dozens of open items). */

const STOPWORDS = new Set(
  'a an and are as at be by can do for from has have how i in is it its of on or our should so that the this to we when with without'.split(' '),
);

/** Lower-cased words without stopwords, with a light plural stem ("timeouts" ~ "timeout"). */
export function titleTokens(title: string): string[] {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1 && !STOPWORDS.has(word))
    .map((word) => (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word));
}

function trigrams(tokens: string[]): Set<string> {
  const grams = new Set<string>();
  for (const token of tokens) {
    const padded = `  ${token} `;
    for (let i = 0; i + 3 <= padded.length; i += 1) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

function jaccard<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const value of a) if (b.has(value)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/**
 * 0..1: the larger of word overlap (Jaccard on tokens) and spelling overlap (Jaccard on character
 * trigrams, which catches typos and word forms like "login"/"logins").
 */
export function titleSimilarity(a: string, b: string): number {
  const ta = titleTokens(a);
  const tb = titleTokens(b);
  return Math.max(jaccard(new Set(ta), new Set(tb)), jaccard(trigrams(ta), trigrams(tb)));
}

export const DUPLICATE_THRESHOLD = 0.4;

/** The candidates most like title (best first), above the threshold. */
export function similarTitles<T extends { title: string }>(
  title: string,
  candidates: readonly T[],
  { threshold = DUPLICATE_THRESHOLD, limit = 3 }: { threshold?: number; limit?: number } = {},
): { candidate: T; score: number }[] {
  return candidates
    .map((candidate) => ({ candidate, score: titleSimilarity(title, candidate.title) }))
    .filter((entry) => entry.score >= threshold)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}
