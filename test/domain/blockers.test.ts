import { describe, expect, it } from 'vitest';
import { isNoBlocker, meaningfulBlocker } from '../../src/domain/blockers.js';

describe('blocker answers that mean "nothing blocks me"', () => {
  it.each([
    '',
    '   ',
    '-',
    '--',
    '—',
    '–',
    '.',
    '/',
    'none',
    'None',
    'NONE.',
    'none!',
    'n/a',
    'N/A',
    'N/A.',
    'na',
    'n.a.',
    'nil',
    'nothing',
    'Nothing.',
    'no',
    'No.',
    'nope',
    'Nope!',
    '0',
    'no blockers',
    'No blockers!',
    'no blocker',
    'No Blockers.',
    'no impediments',
    'no issues',
    'no problems',
    'not blocked',
    'Nothing blocking me',
    'nothing is blocking me',
    'none so far',
    'no blockers today',
    'No blockers at the moment.',
    'all good',
    'All good!',
    'none, thanks',
    'Nope - all good',
    '"none"',
    '*none*',
    '_n/a_',
    ':white_check_mark:',
    ':+1:',
    ':thumbsup::skin-tone-3:',
    ':white_check_mark: none',
    '✅',
    '👍',
    '👍🏽',
    '✔️',
    'none ✅',
  ])('%j is no blocker', (text) => {
    expect(isNoBlocker(text)).toBe(true);
    expect(meaningfulBlocker(text)).toBe('');
  });

  it.each([
    'Waiting for prod access',
    'no access to prod',
    'No blockers, but the review from Bob is slow',
    'nobody reviewed my PR',
    'none of the test servers work',
    'not blocked, but the CI is slow',
    'nothing works on staging',
    'no-one can deploy',
    ':fire:',
    ':no_entry: deploys',
    '🔥',
    'need a decision on the API',
    'CI down',
  ])('%j is a real blocker', (text) => {
    expect(isNoBlocker(text)).toBe(false);
    expect(meaningfulBlocker(`  ${text} `)).toBe(text);
  });
});
