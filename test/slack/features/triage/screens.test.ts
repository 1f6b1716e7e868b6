import { describe, expect, it } from 'vitest';
import type { Item } from '../../../../src/db/repositories/items.js';
import type { TriageCard } from '../../../../src/domain/triage.js';
import { viewProblems } from '../../../helpers/blockKitLimits.js';
import { buildAnswerModal, buildTriageDoneModal, buildTriageModal } from '../../../../src/slack/features/triage/modals.js';
import { buildOutcomeMessage, buildQuestionMessage } from '../../../../src/slack/features/triage/messages.js';
import { blockProblems } from '../../../helpers/blockKitLimits.js';

const huge = 'x'.repeat(5000);
const item = (over: Partial<Item> = {}): Item =>
  ({
    id: 1,
    teamId: 1,
    number: 7,
    title: huge.slice(0, 150),
    details: huge,
    type: 'story',
    status: 'inbox',
    source: 'reaction',
    requesterId: 'U1',
    suggestedById: 'U2',
    neededBy: huge.slice(0, 500),
    urgency: 'high',
    permalink: 'https://x.slack.com/p1',
    sourceChannelId: 'C1',
    sourceTs: '1.2',
    intakeKey: 'k',
    moscow: null,
    businessValue: null,
    timeCriticality: null,
    riskReduction: null,
    jobSize: null,
    storyPoints: null,
    rank: null,
    openQuestion: huge.slice(0, 1000),
    questionAnswer: huge.slice(0, 1000),
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

const team = { id: 1, name: huge.slice(0, 80), itemPrefix: 'R', productOwnerId: 'U9' };
const targets = Array.from({ length: 100 }, (_, i) => ({ id: i + 2, number: i + 2, title: huge.slice(0, 150), status: 'backlog' as const }));
const card: TriageCard = { item: item(), position: 3, total: 12, duplicates: targets.slice(0, 3).map((t) => ({ item: t, score: 0.5 })), mergeTargets: targets };

describe('triage builders', () => {
  it('stay within Slack limits for every decision with the longest content', () => {
    for (const decision of ['accept', 'icebox', 'reject', 'merge', 'ask'] as const) {
      const view = buildTriageModal({ privateMetadata: 'm', team, card, cardNumber: 1, decision, now: 5 * 86_400_000 });
      expect(viewProblems(view)).toEqual([]);
      expect(JSON.stringify(view)).toContain('3 of 12');
    }
    expect(viewProblems(buildTriageDoneModal(team, 3, 2))).toEqual([]);
    expect(viewProblems(buildAnswerModal('m', team, item()))).toEqual([]);
  });
  it('renders outcome and question messages within limits', () => {
    for (const toValue of ['backlog', 'icebox', 'rejected']) {
      const message = buildOutcomeMessage(team, item({ moscow: 'must' }), { toValue, fromValue: 'inbox', reason: huge, actorId: 'U9' }, undefined, 'requester');
      expect(blockProblems(message.blocks, 'message')).toEqual([]);
      expect(message.text.length).toBeLessThanOrEqual(3000);
    }
    expect(blockProblems(buildQuestionMessage(team, item(), huge, 'U9').blocks, 'message')).toEqual([]);
  });
});
