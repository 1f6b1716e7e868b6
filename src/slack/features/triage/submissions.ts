/** The triage modal: its sealed session, the next card, and the decision submission. */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import type { Team } from '../../../db/repositories/teams.js';
import { isDomainError } from '../../../domain/errors.js';
import { TRIAGE_DECISIONS, type TriageDecisionKind } from '../../../domain/triage.js';
import type { SlackDeps } from '../../deps.js';
import { domainErrorText } from '../../copy.js';
import type { WithSealedTeam } from '../../middleware/teamContext.js';
import { TRIAGE, triageCardBlocks } from '../../ids.js';
import { blockIdLike, parseTriageState, readTriageDecision, readValue } from '../../parse.js';
import { buildAnswerModal, buildTriageDoneModal, buildTriageModal } from './modals.js';
import { buildInfoModal } from '../../ui/infoModal.js';

/** Skipped ids are kept in private_metadata; beyond this the oldest skips are forgotten. */
const MAX_SKIPPED = 150;

export const triageSessionSchema = z.object({
  teamId: z.number().int().positive(),
  itemId: z.number().int().positive(),
  done: z.number().int().min(0),
  skipped: z.array(z.number().int().positive()).max(MAX_SKIPPED),
  decision: z.enum(TRIAGE_DECISIONS),
  /** Counts the cards shown in this modal: each card's inputs get their own block ids (triageCardBlocks). */
  card: z.number().int().positive(),
});
export type TriageSession = z.infer<typeof triageSessionSchema>;

/**
 * The modal for the next item of the session (or "all done"), for the PO. Throws triage.not_po.
 * cardNumber is the shown card's number in this modal: a new one for every card (a decision or a
 * skip moves on), the same one when only the decision changes.
 */
export async function nextTriageView(
  deps: SlackDeps,
  team: Team,
  actorId: string,
  session: { done: number; skipped: number[]; decision?: TriageDecisionKind; cardNumber: number },
  preferItemId?: number,
): Promise<ModalView> {
  const skipped = session.skipped.slice(-MAX_SKIPPED);
  const card = await deps.services.triage.next(team.id, actorId, { done: session.done, skipped }, preferItemId);
  if (!card) return buildTriageDoneModal(team, session.done, skipped.length);
  const decision = preferItemId === card.item.id ? (session.decision ?? 'accept') : 'accept';
  const cardNumber = session.cardNumber;
  const sealed: TriageSession = { teamId: team.id, itemId: card.item.id, done: session.done, skipped, decision, card: cardNumber };
  const privateMetadata = deps.seal.seal(sealed);
  return buildTriageModal({ privateMetadata, team, card, cardNumber, decision, now: deps.clock().getTime() });
}

const EXPIRED = 'This form could not be verified. Close it and run /triage again.';

/** The answer to a triage form whose session is not ours or names no team of this workspace. */
export const refuseTriageSubmission = async ({ ack, view }: SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> =>
  ack({ response_action: 'errors', errors: { [blockIdLike(view.state.values, TRIAGE.blocks.decision)]: EXPIRED } });

/** The PO's decision on the shown card (behind sealedTeam: the session and its team are in the context). */
export async function handleTriageSubmission(
  { ack, body, view, context }: WithSealedTeam<SlackViewMiddlewareArgs<ViewSubmitAction>, TriageSession>,
  deps: SlackDeps,
): Promise<void> {
  const { team, sealed: session } = context;
  const userId = body.user.id;
  const ref = { itemId: session.itemId, card: session.card };
  const picked = readTriageDecision(view.state.values, ref) ?? session.decision;
  const blocks = triageCardBlocks(ref.itemId, ref.card, picked);
  const nextCard = session.card + 1;
  try {
    // The PO rule first: a forged submission from anyone else learns nothing about the form.
    await deps.services.triage.requirePo(team.id, userId);
    if (picked !== session.decision) {
      // Submitted before the form switched to the decision picked: show that decision's fields first.
      await ack({
        response_action: 'update',
        view: await nextTriageView(deps, team, userId, { ...session, decision: picked, cardNumber: session.card }, session.itemId),
      });
      return;
    }
    const parsed = parseTriageState(view.state.values, ref, session.decision);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    await deps.services.triage.decide(team.id, session.itemId, userId, parsed.value);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.code === 'item.wrong_status') {
      // Decided elsewhere meanwhile (another tab, a double click): move on instead of failing.
      await ack({
        response_action: 'update',
        view: await nextTriageView(deps, team, userId, { done: session.done, skipped: session.skipped, cardNumber: nextCard }),
      });
      return;
    }
    const block = error.details.field === 'targetNumber' ? blocks.mergeRef : blocks.decision;
    await ack({ response_action: 'errors', errors: { [block]: domainErrorText(error).slice(0, 150) } });
    return;
  }
  await ack({
    response_action: 'update',
    view: await nextTriageView(deps, team, userId, { done: session.done + 1, skipped: session.skipped, cardNumber: nextCard }),
  });
  deps.outbox.kick();
}

const answerOriginSchema = z.object({ itemId: z.number().int().positive() });

/** The requester's answer modal for an item, or an explanation when there is nothing to answer. */
export async function answerView(deps: SlackDeps, itemId: number, userId: string): Promise<ModalView> {
  const item = await deps.repos.items.findById(itemId);
  const team = item ? await deps.repos.teams.findById(item.teamId) : undefined;
  if (!item || !team) return buildInfoModal('Answer the PO', "I can't find that item any more.");
  if (userId !== item.requesterId && userId !== item.suggestedById)
    return buildInfoModal('Answer the PO', 'Only the person who asked for this item can answer.');
  if (!item.openQuestion || item.status !== 'inbox') return buildInfoModal('Answer the PO', 'There is no open question on this item any more.');
  return buildAnswerModal(deps.seal.seal({ itemId }), team, item);
}

export async function handleAnswerSubmission(
  { ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  const origin = deps.seal.open(view.private_metadata, answerOriginSchema);
  if (!origin) {
    await ack({ response_action: 'errors', errors: { [TRIAGE.blocks.answer]: 'This form could not be verified. Use the Answer button again.' } });
    return;
  }
  const text = readValue(view.state.values, TRIAGE.blocks.answer, TRIAGE.action) ?? '';
  try {
    await deps.services.triage.answer(origin.itemId, body.user.id, text);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await ack({ response_action: 'errors', errors: { [TRIAGE.blocks.answer]: domainErrorText(error).slice(0, 150) } });
    return;
  }
  await ack({ response_action: 'update', view: buildInfoModal('Answer sent', 'Thanks! The Product Owner sees your answer at the next triage.') });
  deps.outbox.kick();
}
