/** /plan: opens the planning modal for the next sprint. */
import type { SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { openCommandForm } from '../../openForm.js';
import { buildPlanModal } from './modals.js';
import { sealPlanOrigin } from './submissions.js';
import type { WithTeam } from '../../middleware/teamContext.js';
import { actorOf, errorText } from '../../listenerSupport.js';

export async function handlePlanCommand(
  { command, ack, client, logger, respond, context }: WithTeam<SlackCommandMiddlewareArgs>,
  deps: SlackDeps,
): Promise<void> {
  const { team } = context;
  let ctx;
  try {
    ctx = await deps.services.sprints.planningContext(team.id, actorOf(command.user_id));
  } catch (error) {
    await ack({ response_type: 'ephemeral', text: errorText(error) });
    return;
  }
  await ack();
  const view = buildPlanModal({ ctx, privateMetadata: sealPlanOrigin(deps.seal, { teamId: team.id }), selected: new Set() });
  await openCommandForm({ client, logger, command, respond }, view, { retry: 'run `/plan` again', what: '/plan' });
}
