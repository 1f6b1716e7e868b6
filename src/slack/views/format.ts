/** Small formatting helpers for people: ages, numbers. */

/** "just now", "5 minutes", "3 hours", "2 days", "3 weeks" (no "ago"). */
export function formatAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'just now';
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (minutes < 60) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return unit(hours, 'hour');
  const days = Math.floor(hours / 24);
  if (days < 14) return unit(days, 'day');
  return unit(Math.floor(days / 7), 'week');
}

/** 2.5 -> "2.5", 3 -> "3". */
export const formatNumber = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '').replace(/\.$/, ''));
