/** Buttons of the triage flow: open triage, change the decision, skip, answer a question. */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { isDomainError } from '../../../domain/errors.js';
import type { SlackDeps } from '../../deps.js';
import { domainErrorText } from '../../copy.js';
import { openInteractionForm } from '../../openForm.js';
import type { WithSealedTeam, WithTeam } from '../../middleware/teamContext.js';
import { readTriageDecision } from '../../parse.js';
import { answerView, nextTriageView, type TriageSession } from './submissions.js';
import { buildInfoModal } from '../../ui/infoModal.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
/** A card's buttons, behind sealedTeam: the triage session and its team. */
type CardArgs = WithSealedTeam<SlackActionMiddlewareArgs<BlockAction>, TriageSession>;

const actionValue = (body: BlockAction): string => {
  const action = body.actions[0] as { value?: string } | undefined;
  return action?.value ?? '';
};

/** Opens triage for the person who pressed "Triage", or tells them why not. */
async function openTriage({ body, client, logger, respond }: ActionArgs, view: ModalView | { refusal: string }): Promise<void> {
  const userId = body.user.id;
  if ('refusal' in view) {
    const text = view.refusal;
    // In a channel the refusal is an ephemeral message; elsewhere (App Home, DM) a small modal.
    if (body.channel?.id && body.container?.type === 'message' && !body.channel.id.startsWith('D')) {
      await client.chat.postEphemeral({ channel: body.channel.id, user: userId, text }).catch((e) => logger.warn('postEphemeral failed', e));
      return;
    }
    view = buildInfoModal('Triage', text);
  }
  await openInteractionForm({ client, logger, body, respond }, view, { retry: 'press *Triage* again, or run `/triage`', what: 'triage' });
}

/** The "Triage" button of a team that is gone (or not of this workspace). */
export async function refuseOpenTriage(args: ActionArgs): Promise<void> {
  await args.ack();
  await openTriage(args, { refusal: 'That team no longer exists. Run `/rituals setup` to set one up.' });
}

/** "Triage" button (triage-channel notice, App Home, answer notice): the PO gets the modal (behind buttonTeam). */
export async function handleOpenTriage(args: WithTeam<ActionArgs>, deps: SlackDeps): Promise<void> {
  await args.ack();
  let view: ModalView | { refusal: string };
  try {
    view = await nextTriageView(deps, args.context.team, args.body.user.id, { done: 0, skipped: [], cardNumber: 1 });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    view = { refusal: domainErrorText(error) };
  }
  await openTriage(args, view);
}

/** Re-renders the current card for another decision, or moves past it (skip). */
async function updateCard({ ack, body, client, logger, context }: CardArgs, deps: SlackDeps, skip: boolean): Promise<void> {
  await ack();
  const view = body.view;
  const { team, sealed: session } = context;
  if (!view) return;
  try {
    const ref = { itemId: session.itemId, card: session.card };
    const next = skip
      ? await nextTriageView(deps, team, body.user.id, { done: session.done, skipped: [...session.skipped, session.itemId], cardNumber: session.card + 1 })
      : await nextTriageView(
          deps,
          team,
          body.user.id,
          { ...session, decision: readTriageDecision(view.state?.values, ref) ?? session.decision, cardNumber: session.card },
          session.itemId,
        );
    await client.views.update({ view_id: view.id, hash: view.hash, view: next });
  } catch (error) {
    if (isDomainError(error)) {
      await client.views.update({ view_id: view.id, view: buildInfoModal('Triage', domainErrorText(error)) }).catch(() => undefined);
      return;
    }
    // hash_conflict: a newer update already replaced the view; nothing to do.
    logger.warn('views.update failed for triage', error);
  }
}

export const handleDecisionPicked = (args: CardArgs, deps: SlackDeps) => updateCard(args, deps, false);
export const handleSkip = (args: CardArgs, deps: SlackDeps) => updateCard(args, deps, true);

/** "Answer" button in the requester's DM. */
export async function handleAnswerOpen({ ack, body, client, logger, respond }: ActionArgs, deps: SlackDeps): Promise<void> {
  await ack();
  const view = await answerView(deps, Number(actionValue(body)), body.user.id);
  await openInteractionForm({ client, logger, body, respond }, view, { retry: 'press *Answer* again', what: 'the answer form' });
}
