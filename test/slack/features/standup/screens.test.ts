import { describe, expect, it } from 'vitest';
import type { Impediment } from '../../../../src/db/repositories/impediments.js';
import type { StandupPrompt, StandupRun } from '../../../../src/db/repositories/standups.js';
import type { Team } from '../../../../src/db/repositories/teams.js';
import type { RunSummary } from '../../../../src/domain/standup.js';
import { STANDUP } from '../../../../src/slack/ids.js';
import { parseStandupAnswer } from '../../../../src/slack/parse.js';
import {
  buildAwayModal,
  buildImpedimentDm,
  buildImpedimentList,
  buildStandupAnswerMessage,
  buildStandupModal,
  buildStandupParentMessage,
  buildStandupPromptMessage,
  standupTitle,
} from '../../../../src/slack/features/standup/screens.js';
import { blockProblems, viewProblems } from '../../../helpers/blockKitLimits.js';
import { buildStandupHomeSection } from '../../../../src/slack/features/home/sections.js';

function mrkdwnTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnTexts);
  if (!value || typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  const own = object.type === 'mrkdwn' && typeof object.text === 'string' ? [object.text] : [];
  return [...own, ...Object.values(object).flatMap(mrkdwnTexts)];
}

const long = (n: number) => '<!channel> & '.repeat(Math.ceil(n / 13)).slice(0, n);
const team = { id: 1, name: 'Platform', itemPrefix: 'R', scrumMasterId: 'U1' } as Team;
const run: StandupRun = {
  id: 1,
  teamId: 1,
  date: '2026-12-01',
  channelId: 'C1',
  parentTs: '1.1',
  shownDigest: null,
  closesAt: Date.parse('2026-12-01T11:30:00Z'),
  closedAt: null,
  createdAt: 0,
};
const impediment = (id: number, resolved = false): Impediment => ({
  id,
  teamId: 1,
  reporterId: `U${id}`,
  text: long(2000),
  standupDate: '2026-11-30',
  openedAt: 0,
  resolvedAt: resolved ? 1 : null,
  resolvedBy: resolved ? 'U9' : null,
});

function summary(members: number, closed: boolean): RunSummary {
  const states = ['answered', 'waiting', 'away', 'holiday'] as const;
  const list = Array.from({ length: members }, (_, i) => ({
    userId: `U${i}`,
    state: closed && states[i % 4] === 'waiting' ? ('missing' as const) : states[i % 4]!,
    prompt: undefined as StandupPrompt | undefined,
  }));
  return {
    team,
    run: { ...run, closedAt: closed ? 1 : null },
    members: list,
    answered: list.filter((m) => m.state === 'answered').length,
    expected: list.filter((m) => m.state === 'answered' || m.state === 'waiting' || m.state === 'missing').length,
    blockers: Array.from({ length: 40 }, (_, i) => ({ userId: `U${i}`, text: long(2000), impediment: impediment(i, i % 2 === 0) })),
    olderImpediments: Array.from({ length: 30 }, (_, i) => impediment(100 + i)),
  };
}

describe('standup builders', () => {
  it('titles the parent like "Standup, Tue 1 Dec: 4 of 6 answered"', () => {
    expect(standupTitle({ run, answered: 4, expected: 6 })).toBe('Standup, Tue 1 Dec: 4 of 6 answered');
  });

  it('keeps the parent within limits with many members, blockers and impediments, escaping user text', () => {
    for (const closed of [false, true]) {
      const message = buildStandupParentMessage(summary(200, closed));
      expect(blockProblems(message.blocks, 'message')).toEqual([]);
      expect(JSON.stringify(message)).not.toContain('<!channel>');
      expect(JSON.stringify(message.blocks)).toContain(closed ? 'Did not answer' : 'Waiting for');
    }
  });

  it('keeps the modal within limits with long answers and many items, and marks edits', () => {
    const items = Array.from({ length: 120 }, (_, i) => ({ id: i + 1, number: i + 1, title: long(300), workState: null }));
    const view = buildStandupModal({
      privateMetadata: 'x',
      teamName: long(200),
      date: '2026-12-01',
      prompt: { did: long(5000), today: long(5000), blockers: long(5000), answeredAt: 1 },
      previousToday: { date: '2026-11-30', text: long(5000) },
      team,
      items,
      itemsAreUnassigned: false,
    });
    expect(viewProblems(view)).toEqual([]);
    expect(view.submit!.text).toBe('Save changes');
    // Labels and inputs are plain_text (never parsed); everything in mrkdwn must be escaped.
    expect(mrkdwnTexts(view.blocks).join('\n')).not.toContain('<!channel>');
  });

  it('keeps prompts, answers, impediment messages and the App Home section within limits', () => {
    const prompt = { userId: 'U1', did: long(2000), today: long(2000), blockers: long(2000) };
    const messages = [
      buildStandupPromptMessage({ teamName: long(300), date: '2026-12-01', closesAt: 0, promptId: 1, reminder: false }),
      buildStandupPromptMessage({ teamName: 'P', date: '2026-12-01', closesAt: 0, promptId: 1, reminder: true }),
      buildStandupAnswerMessage({ prompt, impediment: impediment(1), edited: false }),
      buildStandupAnswerMessage({ prompt, impediment: impediment(1, true), edited: true }),
      buildImpedimentDm('Platform', impediment(1)),
      buildImpedimentList(
        'Platform',
        Array.from({ length: 60 }, (_, i) => impediment(i)),
      ),
    ];
    for (const message of messages) {
      expect(blockProblems(message.blocks, 'message')).toEqual([]);
      expect(JSON.stringify(message)).not.toContain('<!channel>');
    }
    const home = buildStandupHomeSection({
      teamName: 'Platform',
      away: { from: '2026-12-24', to: '2027-01-02' },
      impediments: Array.from({ length: 30 }, (_, i) => impediment(i)),
    });
    expect(blockProblems(home, 'home')).toEqual([]);
    expect(JSON.stringify(home)).toContain(STANDUP.actions.back);
    expect(viewProblems(buildAwayModal('x', '2026-12-01'))).toEqual([]);
  });
});

describe('parseStandupAnswer', () => {
  const text = (value: string | null) => ({ value: { type: 'plain_text_input', value } });
  const select = (value: string) => ({ value: { type: 'static_select', selected_option: { value } } });

  it('reads the answers and each item block', () => {
    const parsed = parseStandupAnswer({ did: text(' a '), today: text('b'), blockers: text(null), item_7: select('done'), item_9: select('in_progress') });
    expect(parsed).toEqual({
      ok: true,
      value: {
        did: 'a',
        today: 'b',
        blockers: '',
        itemStates: [
          { itemId: 7, state: 'done' },
          { itemId: 9, state: 'in_progress' },
        ],
      },
    });
  });

  it('reports missing and invalid answers on their blocks', () => {
    const parsed = parseStandupAnswer({ did: text(''), today: text('x'.repeat(2001)), blockers: text(null), item_7: select('finished') });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(['did', 'today']);
  });
});
