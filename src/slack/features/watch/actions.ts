/**
 * The nudge's "Not a request" and "Don't ask me again" (its author only). Its "Send to backlog" and
 * the PO's "Capture" open intake's form, so intake answers them (intake/watchCapture.ts).
 */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { isDomainError } from '../../../domain/errors.js';
import type { SlackDeps } from '../../deps.js';
import { domainErrorText } from '../../copy.js';
import { respondOf } from '../../openForm.js';
import { DISMISSED_TEXT, optedOutText } from './messages.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

const requestIdOf = (body: BlockAction): number => Number((body.actions[0] as { value?: string } | undefined)?.value);

/** "Not a request" and "Don't ask me again": recorded, and the nudge is replaced by the answer. */
export async function handleWatchAnswer(args: ActionArgs, deps: SlackDeps, answer: 'dismiss' | 'opt_out'): Promise<void> {
  const { ack, body, logger } = args;
  const respond = respondOf(args);
  await ack();
  let text;
  try {
    const request =
      answer === 'dismiss'
        ? await deps.services.shadowWatch.dismiss(requestIdOf(body), body.user.id)
        : await deps.services.shadowWatch.optOut(requestIdOf(body), body.user.id);
    const team = await deps.repos.teams.findById(request.teamId);
    text = answer === 'dismiss' || !team ? DISMISSED_TEXT : optedOutText(team);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await respond?.({ response_type: 'ephemeral', replace_original: false, text: domainErrorText(error) }).catch(() => undefined);
    return;
  }
  await respond?.({ replace_original: true, text }).catch((error) => logger.warn('could not replace the nudge', error));
}
