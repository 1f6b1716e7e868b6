/** /triage: the Product Owner's inbox, one item at a time. Anyone else is told who the PO is. */
import type { SlackCommandMiddlewareArgs } from '@slack/bolt';
import { isDomainError } from '../../../domain/errors.js';
import type { SlackDeps } from '../../deps.js';
import { domainErrorText } from '../../copy.js';
import { openCommandForm } from '../../openForm.js';
import type { WithTeam } from '../../middleware/teamContext.js';
import { nextTriageView } from './submissions.js';

export async function handleTriageCommand(
  { command, ack, client, logger, respond, context }: WithTeam<SlackCommandMiddlewareArgs>,
  deps: SlackDeps,
): Promise<void> {
  let view;
  try {
    view = await nextTriageView(deps, context.team, command.user_id, { done: 0, skipped: [], cardNumber: 1 });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await ack({ response_type: 'ephemeral', text: domainErrorText(error) });
    return;
  }
  await ack();
  await openCommandForm({ client, logger, command, respond }, view, { retry: 'run `/triage` again', what: '/triage' });
}
