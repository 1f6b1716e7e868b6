import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../bench/requestDetector/corpus.js';
import { fitModel, modelSource } from '../../bench/requestDetector/fit.js';
import { detectRequest } from '../../src/domain/requestDetector.js';
import { extractFeatures, normalise } from '../../src/domain/requestFeatures.js';

describe('detectRequest', () => {
  it.each([
    '@dave could you quickly add a CSV export for finance?',
    'any chance someone could fix the date picker on mobile?',
    'it would be great if the dashboard showed last month too',
    'please make the search box case insensitive',
    'we need the audit log export by Friday',
    'Fix the login redirect loop pls',
    'cna you ad a filter by region 🙏',
  ])('fires on a request: %s', (text) => {
    const verdict = detectRequest(text);
    expect(verdict.isRequest).toBe(true);
    expect(verdict.score).toBeGreaterThan(0.5);
    expect(verdict.reasons.length).toBeGreaterThan(0);
  });

  it.each([
    'thanks, the CSV export works perfectly 🙌',
    'I just deployed the new version to staging',
    'yesterday: billing migration. today: tests. blockers: none',
    'lunch anyone? 🌮',
    'that already exists: Settings > Notifications',
    'can you join the call?',
    'where is the staging URL again?',
    'ok',
    '',
  ])('stays quiet on: %s', (text) => {
    expect(detectRequest(text).isRequest).toBe(false);
  });

  it('gives its reasons as codes, strongest first, and what spoke against', () => {
    const verdict = detectRequest('Could you please add a CSV export by Friday?');
    expect(verdict.reasons).toEqual(expect.arrayContaining(['polite_ask', 'please', 'deadline', 'work_verb', 'ask_for_work']));
    expect(verdict.reasons[0]).toBe('ask_for_work');
    expect(detectRequest('thanks, I fixed the export yesterday').against).toEqual(expect.arrayContaining(['thanks', 'status_update']));
  });

  it('reads through typos and Slack markup', () => {
    expect(normalise('Cna u plz ad <@U123|dave> <https://x.y|link>').words).toEqual(['can', 'you', 'please', 'add', '@someone', 'link']);
    expect(extractFeatures('coudl we get an exprot button')).toContain('ask_for_work');
  });

  it('scores any input without throwing, long text on its first 2,000 characters', () => {
    for (const text of ['\u0000', '🙏'.repeat(5_000), 'a '.repeat(100_000), '<@', '<https://', '\\(?:']) {
      const verdict = detectRequest(text);
      expect(verdict.score).toBeGreaterThanOrEqual(0);
      expect(verdict.score).toBeLessThanOrEqual(1);
    }
  });
});

describe('the committed model', () => {
  it('is what training on the training split produces (npm run train:requests)', () => {
    const train = readCorpus('train');
    expect(modelSource(fitModel(train), train.length)).toBe(readFileSync('src/domain/requestModel.ts', 'utf8'));
  });

  it('is trained on a corpus that meets the brief: 400+ messages, a third requests, disjoint splits', () => {
    const train = readCorpus('train');
    const test = readCorpus('test');
    const all = [...train, ...test];
    expect(all.length).toBeGreaterThanOrEqual(400);
    expect(all.filter((row) => row.label === 'request').length * 3).toBeGreaterThanOrEqual(all.length);
    const trainTexts = new Set(train.map((row) => row.text));
    expect(test.filter((row) => trainTexts.has(row.text))).toEqual([]);
  });
});
