import { describe, expect, it } from 'vitest';
import type { Item } from '../../../../src/db/repositories/items.js';
import type { BacklogEntry } from '../../../../src/domain/backlog.js';
import { readinessOf, READY_RULE_IDS } from '../../../../src/domain/readiness.js';
import { READY_RULE_TEXT } from '../../../../src/slack/copy.js';
import {
  buildBacklogModal,
  buildEditItemModal,
  buildIceboxModal,
  buildReadyModal,
  buildRemoveItemModal,
  entryFacts,
} from '../../../../src/slack/features/backlog/modals.js';
import { viewProblems } from '../../../helpers/blockKitLimits.js';

const long = 'y'.repeat(3000);
const item = (id: number, over: Partial<Item> = {}): Item =>
  ({
    id,
    teamId: 1,
    number: id,
    title: long.slice(0, 150),
    details: long,
    type: 'tech-debt',
    status: 'backlog',
    source: 'command',
    requesterId: 'U1',
    suggestedById: 'U1',
    neededBy: '',
    urgency: null,
    permalink: `https://x.slack.com/${long.slice(0, 200)}`,
    sourceChannelId: null,
    sourceTs: null,
    intakeKey: null,
    moscow: 'could',
    businessValue: 20,
    timeCriticality: 20,
    riskReduction: 20,
    jobSize: 1,
    storyPoints: 0.5,
    rank: id,
    openQuestion: 'q',
    questionAnswer: null,
    rejectReason: null,
    mergedIntoId: null,
    needsReprioritisation: false,
    sprintId: null,
    workState: null,
    assigneeId: null,
    triagedAt: null,
    createdAt: 0,
    updatedAt: 0,
    ...over,
  }) as Item;
const allRules = [...READY_RULE_IDS];
const entries: BacklogEntry[] = Array.from({ length: 20 }, (_, i) => {
  const it = item(i + 1);
  return { item: it, position: 1000 + i, readiness: readinessOf(it, allRules), wsjf: 60 };
});
const team = { name: long.slice(0, 80), itemPrefix: 'LONGPREF' };

describe('backlog builders', () => {
  it('keep a full page for the PO within modal limits', () => {
    const view = buildBacklogModal({ privateMetadata: 'm', team, entries, total: 5000, page: 3, pageCount: 250, isPo: true, rules: allRules });
    expect(viewProblems(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });
  it('say Ready, or list what is missing, per item', () => {
    expect(entryFacts({ item: item(1, { details: 'Long enough details', openQuestion: null }), readiness: { ready: true, missingRules: [] }, wsjf: 2.5 })).toBe(
      'Tech debt · Could have · 0.5 pts · WSJF 2.5 · :white_check_mark: Ready',
    );
    expect(entries[0]!.readiness.missingRules.map((rule) => READY_RULE_TEXT[rule])).toEqual(['no open question']);
    expect(entryFacts(entries[0]!)).toContain(':warning: Missing: no open question');
  });
  it('keep the icebox, edit, remove and DoR forms within limits', () => {
    const many = Array.from({ length: 300 }, (_, i) => item(i + 1, { status: 'icebox' }));
    expect(viewProblems(buildIceboxModal({ privateMetadata: 'm', team, items: many, isPo: true }))).toEqual([]);
    expect(viewProblems(buildEditItemModal('m', team, item(1), 12))).toEqual([]);
    expect(viewProblems(buildRemoveItemModal('m', team, item(1)))).toEqual([]);
    expect(viewProblems(buildReadyModal('m', team, allRules, true))).toEqual([]);
    expect(viewProblems(buildReadyModal('m', team, [], false))).toEqual([]);
  });
});
