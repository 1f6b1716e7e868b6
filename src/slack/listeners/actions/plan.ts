/** Actions inside the planning modal: estimating an item with planning poker. */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs, StaticSelectAction } from '@slack/bolt';
import { z } from 'zod';
import type { SlackDeps } from '../../deps.js';
import { startPoker } from './poker.js';

const originSchema = z.object({ teamId: z.number().int().positive() });

/** "Estimate an item with planning poker": opens a session in the team channel. */
export async function handlePlanPoker(
  { ack, body, action, client, logger }: SlackActionMiddlewareArgs<BlockAction<StaticSelectAction>> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  await ack();
  const origin = body.view ? deps.seal.open(body.view.private_metadata, originSchema) : null;
  const team = origin ? deps.repos.teams.findById(origin.teamId) : undefined;
  if (!team) return;
  const reply = await startPoker(deps, client, team, Number(action.selected_option.value), body.user.id, logger);
  // From a modal there is no channel to answer in, and the person may not be in the team channel: DM them.
  await client.chat.postMessage({ channel: body.user.id, text: reply }).catch((error: unknown) => logger.warn('poker reply failed', error));
}
