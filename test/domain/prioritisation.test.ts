import { describe, expect, it } from 'vitest';
import { moscowIndex, priorityInsertIndex, sortByWsjf, wsjfScore } from '../../src/domain/prioritisation.js';
import { similarTitles, titleSimilarity, titleTokens } from '../../src/domain/similarity.js';

const wsjf = (businessValue: number | null, timeCriticality: number | null, riskReduction: number | null, jobSize: number | null) => ({
  businessValue,
  timeCriticality,
  riskReduction,
  jobSize,
});

describe('WSJF', () => {
  it('is cost of delay over job size, to 2 decimals', () => {
    expect(wsjfScore(wsjf(8, 5, 3, 2))).toBe(8);
    expect(wsjfScore(wsjf(1, 1, 1, 3))).toBe(1);
    expect(wsjfScore(wsjf(20, 13, 8, 3))).toBe(13.67);
  });
  it('is null unless all four inputs are set', () => {
    expect(wsjfScore(wsjf(8, 5, 3, null))).toBeNull();
    expect(wsjfScore(wsjf(null, null, null, null))).toBeNull();
  });
  it('sorts scored items by score (ties keep order), unscored after in their order', () => {
    const items = [
      { id: 'a', ...wsjf(null, null, null, null) },
      { id: 'b', ...wsjf(1, 1, 1, 3) },
      { id: 'c', ...wsjf(8, 5, 3, 2) },
      { id: 'd', ...wsjf(null, null, null, null) },
      { id: 'e', ...wsjf(2, 1, 0, 3) },
    ];
    expect(sortByWsjf(items).map((i) => i.id)).toEqual(['c', 'b', 'e', 'a', 'd']);
  });
});

describe('ranking by priority', () => {
  const list = (...classes: (string | null)[]) => classes.map((moscow) => ({ moscow: moscow as any }));
  it('goes after the last item of a higher or equal class', () => {
    expect(priorityInsertIndex(list('must', 'should', 'could'), 'should')).toBe(2);
    expect(priorityInsertIndex(list('must', 'should', 'could'), 'must')).toBe(1);
    expect(priorityInsertIndex(list('must', 'should', 'could'), 'wont')).toBe(3);
  });
  it('goes to the top when nothing is higher or equal, and respects a hand-made order', () => {
    expect(priorityInsertIndex(list('should', 'could'), 'must')).toBe(0);
    expect(priorityInsertIndex(list(), 'could')).toBe(0);
    // A "could" the PO moved up counts for a later "could": after it, not before.
    expect(priorityInsertIndex(list('could', 'must', 'should'), 'could')).toBe(3);
    expect(priorityInsertIndex(list('must', null, 'should', null), 'should')).toBe(3);
  });
  it('orders MoSCoW classes must < should < could < wont < unset', () => {
    expect(['must', 'should', 'could', 'wont', null].map((m) => moscowIndex(m as any))).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('title similarity', () => {
  it('finds reworded and re-spelled duplicates', () => {
    expect(titleSimilarity('Login times out on mobile', 'Login timeouts on mobile app')).toBeGreaterThanOrEqual(0.4);
    expect(titleSimilarity('Export to CSV', 'CSV export')).toBe(1);
    expect(titleSimilarity('Fix login', 'Fix logins')).toBe(1);
  });
  it('keeps unrelated titles apart, and ignores stopwords and case', () => {
    expect(titleSimilarity('Dark mode', 'Login times out on mobile')).toBeLessThan(0.2);
    expect(titleSimilarity('The', 'A')).toBe(0);
    expect(titleTokens('The Dashboards are SLOW')).toEqual(['dashboard', 'slow']);
  });
  it('returns the best candidates first, above the threshold, at most limit', () => {
    const candidates = [
      { title: 'Dark mode' },
      { title: 'CSV export for all reports and dashboards' },
      { title: 'Export reports as CSV' },
      { title: 'Export PDF' },
    ];
    const found = similarTitles('Export reports to CSV', candidates, { limit: 2 });
    expect(found.map((f) => f.candidate.title)).toEqual(['Export reports as CSV', 'CSV export for all reports and dashboards']);
  });
});
