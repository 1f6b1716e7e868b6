/** /poker R-42: planning poker on an item, in the team channel. */
import type { SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseItemRef } from '../../../domain/itemRef.js';
import type { SlackDeps } from '../../deps.js';
import { startPoker } from './actions.js';
import type { WithTeam } from '../../middleware/teamContext.js';

export async function handlePokerCommand(
  { command, ack, client, respond, logger, context }: WithTeam<SlackCommandMiddlewareArgs>,
  deps: SlackDeps,
): Promise<void> {
  const ref = parseItemRef(command.text);
  if (!ref) {
    await ack({ response_type: 'ephemeral', text: 'Which item? Use `/poker R-42` (the id from `/backlog`).' });
    return;
  }
  await ack();
  const reply = await startPoker(deps, client, context.team, ref.number, command.user_id, logger);
  // response_url reaches the person wherever they typed the command (a DM, a channel without the bot).
  await respond({ response_type: 'ephemeral', text: reply }).catch((error: unknown) => logger.warn('poker reply failed', error));
}
