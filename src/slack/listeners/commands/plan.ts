/** /plan: opens the planning modal for the next sprint. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { buildPlanModal } from '../../views/planModal.js';
import { sealPlanOrigin } from '../views/planSubmit.js';
import { teamForCommand } from '../../teamForCommand.js';
import { actorOf, errorText } from '../sprintSupport.js';

export async function handlePlanCommand(
  { command, ack, client, logger }: SlackCommandMiddlewareArgs & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  const found = teamForCommand(deps, command);
  if ('text' in found) {
    await ack({ response_type: 'ephemeral', ...found });
    return;
  }
  let ctx;
  try {
    ctx = deps.services.sprints.planningContext(found.team.id, actorOf(command.user_id));
  } catch (error) {
    await ack({ response_type: 'ephemeral', text: errorText(error) });
    return;
  }
  await ack();
  try {
    await client.views.open({
      trigger_id: command.trigger_id,
      view: buildPlanModal({ ctx, privateMetadata: sealPlanOrigin(deps.seal, { teamId: found.team.id }), selected: new Set() }),
    });
  } catch (error) {
    logger.warn('views.open failed for /plan', error);
  }
}
