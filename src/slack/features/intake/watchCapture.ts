/**
 * Capture from the shadow-backlog watch: the nudge's "Send to backlog" (its author) and the PO's
 * "Capture" on a spotted request nobody sent (App Home) open the suggestion form pre-filled with the
 * message, as the message shortcut does.
 */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { Team } from '../../../db/repositories/teams.js';
import type { WatchRequest } from '../../../db/repositories/watch.js';
import { isDomainError } from '../../../domain/errors.js';
import type { SlackDeps } from '../../deps.js';
import { domainErrorText } from '../../copy.js';
import { openInteractionForm, openSlowForm, respondOf } from '../../openForm.js';
import { buildInfoModal } from '../../ui/infoModal.js';
import { fetchMessage } from './capture.js';
import { captureFormView } from './captureForm.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

const requestIdOf = (body: BlockAction): number => Number((body.actions[0] as { value?: string } | undefined)?.value);

/**
 * Opens the form pre-filled from the message, read again (its text is never stored). Reading can
 * outlast the trigger_id's 3 s, so a placeholder opens first and the form takes its place.
 */
async function openCaptureForm({ body, client, logger, respond }: ActionArgs, deps: SlackDeps, request: WatchRequest, team: Team): Promise<void> {
  await openSlowForm({
    client,
    logger,
    triggerId: body.trigger_id,
    placeholder: buildInfoModal('Send to backlog', 'Reading the message…'),
    build: () => captureView(client, logger, deps, request, team),
    userId: body.user.id,
    respond: respondOf({ body, respond }),
    retry: 'press the button again',
    what: 'a watch capture',
  });
}

/** The suggestion form pre-filled from the spotted message, or why it can't be. */
async function captureView(client: ActionArgs['client'], logger: ActionArgs['logger'], deps: SlackDeps, request: WatchRequest, team: Team): Promise<ModalView> {
  try {
    const message = await fetchMessage(client, request.channelId, request.ts);
    return message
      ? await captureFormView(deps, {
          resolution: { kind: 'one', team },
          channelId: request.channelId,
          message: { ts: request.ts, text: message.text ?? '', user: request.authorId },
          fallbackUserId: request.authorId,
          source: 'nudge',
          permalink: request.permalink,
        })
      : buildInfoModal('Send to backlog', 'That message was deleted, so there is nothing to send any more.');
  } catch (error) {
    logger.warn(`could not read the spotted message ${request.channelId}/${request.ts}`, error);
    const code = (error as { data?: { error?: string } }).data?.error;
    const text =
      code === 'not_in_channel' || code === 'channel_not_found'
        ? "I can't read that channel any more. Invite me with `/invite @Rituals`, or use the message's *Send to backlog* shortcut."
        : "I couldn't read that message just now. Please try again in a minute.";
    return buildInfoModal('Send to backlog', text);
  }
}

/** The nudge's "Send to backlog": the suggestion form, as the message shortcut opens it. */
export async function handleWatchSend(args: ActionArgs, deps: SlackDeps): Promise<void> {
  await args.ack();
  let found;
  try {
    found = await deps.services.shadowWatch.forCapture(requestIdOf(args.body), { userId: args.body.user.id, isWorkspaceAdmin: false }, 'author');
  } catch (error) {
    if (!isDomainError(error)) throw error;
    // The nudge is an ephemeral message, so a real press has a response_url; a payload without one gets no reply.
    await respondOf(args)?.({ response_type: 'ephemeral', replace_original: false, text: domainErrorText(error) }).catch(() => undefined);
    return;
  }
  await openCaptureForm(args, deps, found.request, found.team);
}

/** The PO's "Capture" on a spotted request nobody sent (App Home). */
export async function handleWatchCapture(args: ActionArgs, deps: SlackDeps): Promise<void> {
  const { ack, body, client, logger } = args;
  await ack();
  let found;
  try {
    found = await deps.services.shadowWatch.forCapture(requestIdOf(body), { userId: body.user.id, isWorkspaceAdmin: false }, 'po');
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const text = domainErrorText(error);
    const view = buildInfoModal('Capture request', text);
    await openInteractionForm({ client, logger, body }, view, { retry: 'try again', what: 'a watch capture refusal', saying: text });
    return;
  }
  await openCaptureForm(args, deps, found.request, found.team);
}
