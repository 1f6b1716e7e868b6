/**
 * Triage: the Product Owner works through the inbox oldest first and decides each suggestion.
 * Every decision is logged in item_events and told to the requester (DM, and the source thread
 * for captured messages) through the outbox, in the same transaction.
 */
import { z } from 'zod';
import type { Repositories } from '../db/repositories/index.js';
import type { Item } from '../db/repositories/items.js';
import type { Team } from '../db/repositories/teams.js';
import { ITEM_TYPES, MOSCOW } from '../db/schema.js';
import { placeInSlot, placementSlot } from './backlog.js';
import type { Clock } from './clock.js';
import { DomainError, invalid, type IssueCode } from './errors.js';
import { EVENT } from './events.js';
import { applyFieldChanges, changeStatus, notifyOutcome, type ChangeContext } from './itemChanges.js';
import { STORY_POINTS, WSJF_SCALE } from './prioritisation.js';
import { requireRole } from './roles.js';
import { similarTitles, titleTokens } from './similarity.js';
import { coded, firstIssue } from './validation.js';
import { serviceKit } from './serviceKit.js';

export const NOTE_MAX = 1000;
/** How many open items a triage card compares with: best title-index matches, and the newest. */
const DUPLICATE_CANDIDATES = 200;
export const TRIAGE_DECISIONS = ['accept', 'icebox', 'reject', 'merge', 'ask'] as const;
export type TriageDecisionKind = (typeof TRIAGE_DECISIONS)[number];
export const PLACEMENTS = ['top', 'priority', 'bottom'] as const;

const wsjf = z
  .number()
  .refine((n) => (WSJF_SCALE as readonly number[]).includes(n), coded('triage.wsjf_not_on_scale'))
  .nullable();
const note = z
  .string()
  .transform((value) => value.trim())
  .pipe(z.string().max(NOTE_MAX, coded('triage.note_too_long')));
const required = (missing: IssueCode) =>
  z
    .string()
    .transform((value) => value.trim())
    .pipe(z.string().min(1, coded(missing)).max(NOTE_MAX, coded('triage.note_too_long')));

export const triageDecisionSchema = z.discriminatedUnion('decision', [
  z
    .object({
      decision: z.literal('accept'),
      type: z.enum(ITEM_TYPES, coded('item.type_missing')),
      moscow: z.enum(MOSCOW, coded('triage.moscow_missing')),
      businessValue: wsjf,
      timeCriticality: wsjf,
      riskReduction: wsjf,
      jobSize: wsjf,
      storyPoints: z
        .number()
        .refine((n) => (STORY_POINTS as readonly number[]).includes(n), coded('triage.points_not_on_scale'))
        .nullable(),
      position: z.enum(PLACEMENTS, coded('triage.position_missing')),
      note,
    })
    .superRefine((accept, ctx) => {
      const set = [accept.businessValue, accept.timeCriticality, accept.riskReduction, accept.jobSize].filter((v) => v !== null).length;
      if (set > 0 && set < 4) ctx.addIssue({ code: 'custom', path: ['jobSize'], message: 'item.wsjf_incomplete' satisfies IssueCode });
    }),
  z.object({ decision: z.literal('icebox'), note }),
  z.object({ decision: z.literal('reject'), reason: required('triage.reason_missing') }),
  z.object({
    decision: z.literal('merge'),
    targetNumber: z.number(coded('triage.merge_target_missing')).int().positive(),
    note,
  }),
  z.object({ decision: z.literal('ask'), question: required('triage.question_missing') }),
]);
export type TriageDecision = z.infer<typeof triageDecisionSchema>;

export const answerSchema = required('triage.answer_missing');

/** True while a question to the requester has no answer yet. */
export const isWaitingForAnswer = (item: Pick<Item, 'openQuestion' | 'questionAnswer'>): boolean => Boolean(item.openQuestion) && !item.questionAnswer;

export interface TriageCard {
  item: Item;
  /** 1-based place in this triage session ("3 of 12"). */
  position: number;
  total: number;
  duplicates: { item: Pick<Item, 'id' | 'number' | 'title' | 'status'>; score: number }[];
  /** Open items the PO can merge into (duplicates first). */
  mergeTargets: Pick<Item, 'id' | 'number' | 'title' | 'status'>[];
}

export function createTriageService({ repos, clock }: { repos: Repositories; clock: Clock }) {
  const { requireTeam: teamOf, enqueue, teamTransaction } = serviceKit(repos);

  async function requirePo(team: Team, userId: string): Promise<void> {
    requireRole({ team, members: await repos.teams.members(team.id), actor: { userId, isWorkspaceAdmin: false } }, ['po'], 'triage.not_po', {
      action: 'triage',
    });
  }

  /** The inbox in triage order: oldest first, items waiting for an answer after the rest. */
  async function queue(teamId: number): Promise<Item[]> {
    const inbox = await repos.items.listByStatus(teamId, 'inbox');
    return [...inbox.filter((item) => !isWaitingForAnswer(item)), ...inbox.filter(isWaitingForAnswer)];
  }

  async function inboxItem(team: Team, itemId: number): Promise<Item> {
    const item = await repos.items.findById(itemId);
    if (!item || item.teamId !== team.id) throw new DomainError('item.not_found');
    if (item.status !== 'inbox') throw new DomainError('item.wrong_status', { reason: 'item.already_triaged', status: item.status });
    return item;
  }

  return {
    /** PO only: throws triage.not_po (with the PO's id in details) for anyone else. */
    async requirePo(teamId: number, userId: string): Promise<Team> {
      const team = await teamOf(teamId);
      await requirePo(team, userId);
      return team;
    },

    /** PO only: the inbox in triage order. */
    async queue(teamId: number, actorId: string): Promise<Item[]> {
      await requirePo(await teamOf(teamId), actorId);
      return await queue(teamId);
    },

    /**
     * PO only: the next item to decide, skipping the ones passed over in this session; `done` is
     * how many were decided so far (for "3 of 12"). Null when nothing is left.
     */
    async next(teamId: number, actorId: string, session: { done: number; skipped: readonly number[] }, preferItemId?: number): Promise<TriageCard | null> {
      const team = await teamOf(teamId);
      await requirePo(team, actorId);
      // Read what the card needs, not the whole inbox or every open title (100,000-item teams).
      const skipped = new Set(session.skipped);
      const preferred = preferItemId !== undefined && !skipped.has(preferItemId) ? await repos.items.findById(preferItemId) : undefined;
      const item =
        preferred && preferred.teamId === teamId && preferred.status === 'inbox' ? preferred : await repos.items.firstInTriageOrder(teamId, [...skipped]);
      if (!item) return null;
      const inTriageOrder = (a: Item, b: Item) => Number(isWaitingForAnswer(a)) - Number(isWaitingForAnswer(b)) || a.createdAt - b.createdAt || a.id - b.id;
      const skippedBefore = (await repos.items.listByIds([...skipped])).filter(
        (other) => other.teamId === teamId && other.status === 'inbox' && inTriageOrder(other, item) < 0,
      ).length;
      const newest = (await repos.items.newestOpenTitles(teamId, DUPLICATE_CANDIDATES)).filter((other) => other.id !== item.id);
      // Likely duplicates: titles sharing a word (through the title index) plus the newest open items (typos).
      const candidates = new Map(newest.map((other) => [other.id, other]));
      for (const other of await repos.items.searchOpenTitles(teamId, titleTokens(item.title), DUPLICATE_CANDIDATES))
        if (other.id !== item.id) candidates.set(other.id, other);
      const duplicates = similarTitles(item.title, [...candidates.values()]).map(({ candidate, score }) => ({ item: candidate, score }));
      const dupIds = new Set(duplicates.map((d) => d.item.id));
      const byNewest = newest.filter((other) => !dupIds.has(other.id));
      return {
        item,
        position: session.done + skippedBefore + 1,
        total: session.done + (await repos.items.countByStatus(teamId, 'inbox')),
        duplicates,
        mergeTargets: [...duplicates.map((d) => d.item), ...byNewest].slice(0, 100),
      };
    },

    /** PO only: applies one triage decision to an inbox item. */
    async decide(teamId: number, itemId: number, actorId: string, input: unknown): Promise<Item> {
      const team = await teamOf(teamId);
      await requirePo(team, actorId);
      const parsed = triageDecisionSchema.safeParse(input);
      if (!parsed.success) throw invalid('item.invalid', firstIssue(parsed.error));
      const decision = parsed.data;
      return await teamTransaction(teamId, async () => {
        const ctx: ChangeContext = { repos, actorId, at: clock().getTime() };
        const item = await inboxItem(team, itemId);
        const triaged = { triagedAt: ctx.at };
        switch (decision.decision) {
          case 'accept': {
            const { decision: _kind, position, note: why, ...fields } = decision;
            const edited = await applyFieldChanges(ctx, item, fields, 'triage');
            const slot = await placementSlot(repos, teamId, item.id, position, decision.moscow);
            const { item: accepted, eventId } = await changeStatus(ctx, edited, 'backlog', why || null, triaged);
            await notifyOutcome(ctx, accepted, eventId);
            return await placeInSlot(ctx, teamId, accepted, slot, position);
          }
          case 'icebox': {
            const { item: iced, eventId } = await changeStatus(ctx, item, 'icebox', decision.note || null, triaged);
            await notifyOutcome(ctx, iced, eventId);
            return iced;
          }
          case 'reject': {
            const wont = await applyFieldChanges(ctx, item, { moscow: 'wont' }, 'triage');
            const { item: rejected, eventId } = await changeStatus(ctx, wont, 'rejected', decision.reason, { ...triaged, rejectReason: decision.reason });
            await notifyOutcome(ctx, rejected, eventId);
            return rejected;
          }
          case 'merge': {
            const target = await repos.items.findByNumber(teamId, decision.targetNumber);
            if (!target || target.id === item.id || !['inbox', 'backlog', 'in_sprint', 'icebox'].includes(target.status)) {
              throw new DomainError('item.invalid', { reason: 'item.merge_target_invalid', field: 'targetNumber' });
            }
            await repos.itemEvents.append({
              teamId,
              itemId: item.id,
              actorId,
              kind: EVENT.merged,
              field: 'merged_into',
              toValue: String(target.id),
              reason: decision.note || null,
              at: ctx.at,
            });
            // The requester (and whoever captured it) now follow the surviving item.
            for (const userId of new Set([item.requesterId, item.suggestedById])) {
              if (userId !== target.requesterId) await repos.itemFollowers.add(target.id, userId);
            }
            // The merged event names the target: the status change keeps only the PO's own note.
            const { item: merged, eventId } = await changeStatus(ctx, item, 'rejected', decision.note || null, {
              ...triaged,
              mergedIntoId: target.id,
            });
            await notifyOutcome(ctx, merged, eventId);
            return merged;
          }
          case 'ask': {
            const asked = await repos.items.update(item.id, { openQuestion: decision.question, questionAnswer: null, updatedAt: ctx.at });
            const event = await repos.itemEvents.record({
              teamId,
              itemId: item.id,
              actorId,
              kind: EVENT.asked,
              field: 'open_question',
              fromValue: item.openQuestion,
              toValue: decision.question,
              at: ctx.at,
            });
            const question = { kind: 'triage.question' as const, itemId: item.id, userId: item.requesterId, question: decision.question, askedBy: actorId };
            await enqueue(`question:${event.id}`, question, ctx.at, item.teamId);
            return asked;
          }
        }
      });
    },

    /** The requester (or whoever sent it in) answers the PO's open question; the PO is told. */
    async answer(itemId: number, userId: string, text: unknown): Promise<Item> {
      const parsed = answerSchema.safeParse(text);
      if (!parsed.success) throw invalid('item.invalid', firstIssue(parsed.error));
      // The item's team never changes: read it first to know which team to hold, then read it again held.
      const found = await repos.items.findById(itemId);
      if (!found) throw new DomainError('item.not_found');
      return await teamTransaction(found.teamId, async () => {
        const item = await repos.items.findById(itemId);
        if (!item) throw new DomainError('item.not_found');
        if (userId !== item.requesterId && userId !== item.suggestedById) {
          throw new DomainError('item.invalid', { reason: 'item.not_requester' });
        }
        if (!item.openQuestion) throw new DomainError('item.wrong_status', { reason: 'item.no_open_question' });
        // Once triaged the question is moot: an answer form kept open (or replayed) must not reopen it.
        if (item.status !== 'inbox') throw new DomainError('item.wrong_status', { reason: 'item.already_triaged', status: item.status });
        const at = clock().getTime();
        const answered = await repos.items.update(item.id, { questionAnswer: parsed.data, updatedAt: at });
        const event = await repos.itemEvents.record({
          teamId: item.teamId,
          itemId: item.id,
          actorId: userId,
          kind: EVENT.answered,
          field: 'question_answer',
          fromValue: item.questionAnswer,
          toValue: parsed.data,
          at,
        });
        const team = await teamOf(item.teamId);
        if (team.productOwnerId) {
          await enqueue(`answer-notice:${event.id}`, { kind: 'triage.answer_notice', itemId: item.id, userId: team.productOwnerId }, at, team.id);
        }
        return answered;
      });
    },
  };
}

export type TriageService = ReturnType<typeof createTriageService>;
