/** Actions inside the planning modal: estimating an item with planning poker. */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs, StaticSelectAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { openPlanOrigin, refreshPlanModal } from './submissions.js';
import { startPoker } from '../poker/actions.js';

/** "Estimate an item with planning poker": opens a session in the team channel. */
export async function handlePlanPoker(
  { ack, body, action, client, logger }: SlackActionMiddlewareArgs<BlockAction<StaticSelectAction>> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  await ack();
  const view = body.view;
  const origin = view ? openPlanOrigin(deps.seal, view.private_metadata) : null;
  const team = origin ? deps.repos.teams.findById(origin.teamId) : undefined;
  if (!view || !origin || !team) return;
  const reply = await startPoker(deps, client, team, Number(action.selected_option.value), body.user.id, logger);
  // From a modal there is no channel to answer in, and the person may not be in the team channel: DM them.
  await client.chat.postMessage({ channel: body.user.id, text: reply }).catch((error: unknown) => logger.warn('poker reply failed', error));
  // A picked option stays picked while the menu's block id stays: a new id shows the menu ready for the next pick.
  await refreshPlanModal(deps, client, { view, userId: body.user.id, origin: { ...origin, pokerPicks: origin.pokerPicks + 1 }, logger });
}
