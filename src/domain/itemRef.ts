/** Human item ids like R-42: the team prefix and the per-team number. */
export function formatItemRef(prefix: string, number: number): string {
  return `${prefix}-${number}`;
}

/** Parses "R-42", "r42" or "#42" into its number (the prefix is the team's, so only checked loosely). */
export function parseItemRef(text: string): { prefix: string | null; number: number } | null {
  const match = /^\s*#?([A-Za-z]{1,8})?-?(\d{1,9})\s*$/.exec(text);
  if (!match) return null;
  return { prefix: match[1] ? match[1].toUpperCase() : null, number: Number(match[2]) };
}
