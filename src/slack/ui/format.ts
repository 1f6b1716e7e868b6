/** Small formatting helpers for people: ages, numbers. */

/** "just now", "5 minutes", "3 hours", "2 days", "3 weeks" (no "ago"). */
export function formatAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return plural(hours, 'hour');
  const days = Math.floor(hours / 24);
  if (days < 14) return plural(days, 'day');
  return plural(Math.floor(days / 7), 'week');
}

/** 2.5 -> "2.5", 3 -> "3". */
export const formatNumber = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '').replace(/\.$/, ''));

/**
 * A count and its noun in the right number: "1 point", "3 points", "0.5 points", "1 open impediment".
 * Only exactly one (or minus one) is singular. Every count shown to people goes through here.
 */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(n)} ${Math.abs(n) === 1 ? singular : pluralForm}`;
}

/** Story points, short: "1 pt", "5 pts", "2.5 pts". */
export const pts = (n: number): string => plural(n, 'pt');
