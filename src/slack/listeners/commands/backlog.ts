/** /backlog [icebox | ready]: the ordered product backlog, its icebox, or the Definition of Ready. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { teamForCommand } from '../../teamForCommand.js';
import { backlogView, iceboxView, readyView } from '../views/backlogSubmit.js';

export async function handleBacklogCommand(
  { command, ack, client, logger }: SlackCommandMiddlewareArgs & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  const found = teamForCommand(deps, command);
  if ('text' in found) {
    await ack({ response_type: 'ephemeral', text: found.text });
    return;
  }
  const [sub = ''] = command.text.trim().toLowerCase().split(/\s+/);
  if (sub !== '' && sub !== 'icebox' && sub !== 'ready') {
    await ack({ response_type: 'ephemeral', text: 'Usage: `/backlog` (the ordered backlog), `/backlog icebox`, or `/backlog ready` (Definition of Ready).' });
    return;
  }
  await ack();
  const { team } = found;
  const view = sub === 'icebox' ? iceboxView(deps, team, command.user_id) : sub === 'ready' ? readyView(deps, team, command.user_id, null) : backlogView(deps, team, command.user_id, 0);
  try {
    await client.views.open({ trigger_id: command.trigger_id, view });
  } catch (error) {
    logger.warn('views.open failed for /backlog', error);
  }
}
