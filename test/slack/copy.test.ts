import { describe, expect, it } from 'vitest';
import { DOMAIN_ERROR_CODES, DomainError, ISSUE_CODES, invalid, issue, type ErrorDetails } from '../../src/domain/errors.js';
import { READY_RULE_IDS } from '../../src/domain/readiness.js';
import { ACTION_TEXT, defaultSprintName, domainErrorText, issueText, READY_RULE_TEXT } from '../../src/slack/copy.js';

/** Details a hostile person could have typed, on every key any code reads. */
const HOSTILE = '<!channel> *bold* & <https://evil.example|click>';
const hostileDetails = Object.fromEntries(
  [
    'refs',
    'status',
    'from',
    'until',
    'today',
    'windowMinutes',
    'teamName',
    'sprintName',
    'date',
    'channelId',
    'productOwnerId',
    'scrumMasterId',
    'facilitatorId',
  ].map((key) => [key, HOSTILE]),
);

const looksWorded = (text: string) => {
  expect(text.trim().length).toBeGreaterThan(3);
  expect(text).not.toMatch(/undefined|\[object|NaN/);
};

describe('copy: every code has words', () => {
  it('renders every issue code, with and without details', () => {
    for (const code of ISSUE_CODES) {
      looksWorded(issueText(issue(code)));
      looksWorded(issueText(issue(code, 'field', { count: 2, refs: 'R-1, R-2', status: 'in_sprint', max: 10 })));
    }
  });

  it('renders every domain error code, bare, with a reason and with a refused action', () => {
    for (const code of DOMAIN_ERROR_CODES) {
      looksWorded(domainErrorText(new DomainError(code)));
      looksWorded(domainErrorText(new DomainError(code, { reason: 'item.status_changed', status: 'done' })));
      looksWorded(domainErrorText(new DomainError(code, { action: 'triage', productOwnerId: 'UPO', scrumMasterId: 'USM' })));
    }
  });

  it('words every Definition of Ready rule and every guarded action', () => {
    for (const rule of READY_RULE_IDS) looksWorded(READY_RULE_TEXT[rule]);
    for (const text of Object.values(ACTION_TEXT)) looksWorded(text);
  });

  it('messages carry codes, not words, so logs stay free of English', () => {
    expect(new DomainError('item.invalid', { reason: 'sprint.name_missing', field: 'name' }).message).toBe('item.invalid: sprint.name_missing');
    expect(new DomainError('sprint.locked').message).toBe('sprint.locked');
  });
});

describe('copy keeps the wording people know', () => {
  it('says the same as before for errors with reasons', () => {
    expect(domainErrorText(new DomainError('item.wrong_status', { reason: 'item.already_triaged', status: 'in_sprint' }))).toBe(
      'That item has moved on since: it was already triaged (in sprint)',
    );
    expect(domainErrorText(new DomainError('poker.closed', { reason: 'poker.no_votes' }))).toBe('That round is over: nobody has voted yet.');
    expect(domainErrorText(new DomainError('standup.invalid', { reason: 'standup.dates_reversed', from: '2026-12-24', until: '2026-12-20' }))).toBe(
      'The end date 2026-12-20 is before the start date 2026-12-24.',
    );
    expect(domainErrorText(invalid('sprint.invalid', issue('sprint.name_missing', 'name')))).toBe('Give the sprint a name.');
    expect(domainErrorText(new DomainError('triage.not_po', { action: 'triage', productOwnerId: 'UPAULA' }))).toBe(
      'Only the Product Owner (<@UPAULA>) can triage the inbox. You can still suggest items with `/suggest`.',
    );
  });

  it('words plan problems with their item refs and counts', () => {
    expect(issueText(issue('sprint.items_need_po', 'override', { refs: 'R-1', count: 1 }))).toBe(
      'R-1 is not Ready or not estimated. Only the Product Owner can include it, with a reason.',
    );
    expect(issueText(issue('sprint.items_need_reason', 'override', { refs: 'R-1, R-2', count: 2 }))).toBe(
      'R-1, R-2 are not Ready or not estimated: give a reason to include them anyway.',
    );
    expect(issueText(issue('setup.reminder_after_window', 'standupReminderMinutes', { windowMinutes: 30 }))).toBe(
      'Reminder: it must come before the response window ends (under 30 minutes), or 0 for none.',
    );
    expect(READY_RULE_TEXT.small_enough).toBe('small enough for one sprint (13 points or less)');
    expect(defaultSprintName(4)).toBe('Sprint 4');
  });
});

describe('copy escapes what came from people', () => {
  const assertEscaped = (text: string) => {
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<https://evil');
    expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
  };

  it('escapes every fact an issue shows', () => {
    for (const code of ISSUE_CODES) assertEscaped(issueText(issue(code, 'field', hostileDetails)));
    expect(issueText(issue('standup.away_in_past', '', { until: '<b>', today: 'a&b' }))).toBe('&lt;b&gt; is in the past (today is a&amp;b).');
  });

  it('escapes every fact an error shows, reasons included', () => {
    for (const code of DOMAIN_ERROR_CODES) {
      for (const reason of ISSUE_CODES) {
        const details: ErrorDetails = { ...hostileDetails, reason, action: 'triage' };
        assertEscaped(domainErrorText(new DomainError(code, details)));
      }
    }
  });
});
