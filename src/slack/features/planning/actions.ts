/** Actions inside the planning modal: estimating an item with planning poker. */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs, StaticSelectAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Team } from '../../../db/repositories/teams.js';
import type { SlackDeps } from '../../deps.js';
import { openPlanOrigin, refreshPlanModal } from './submissions.js';

/**
 * Opens a planning-poker session on an item and says where, or why not. Poker owns it; features/index.ts
 * hands it in, so planning does not reach into the poker folder.
 */
export type StartPoker = (
  deps: SlackDeps,
  client: WebClient,
  team: Team,
  itemNumber: number,
  userId: string,
  logger: AllMiddlewareArgs['logger'],
) => Promise<string>;

/** "Estimate an item with planning poker": opens a session in the team channel. */
export async function handlePlanPoker(
  { ack, body, action, client, logger }: SlackActionMiddlewareArgs<BlockAction<StaticSelectAction>> & AllMiddlewareArgs,
  deps: SlackDeps,
  startPoker: StartPoker,
): Promise<void> {
  await ack();
  const view = body.view;
  const origin = view ? openPlanOrigin(deps.seal, view.private_metadata) : null;
  const team = origin ? await deps.repos.teams.findById(origin.teamId) : undefined;
  if (!view || !origin || !team) return;
  const reply = await startPoker(deps, client, team, Number(action.selected_option.value), body.user.id, logger);
  // From a modal there is no channel to answer in, and the person may not be in the team channel: DM them.
  await client.chat.postMessage({ channel: body.user.id, text: reply }).catch((error: unknown) => logger.warn('poker reply failed', error));
  // A picked option stays picked while the menu's block id stays: a new id shows the menu ready for the next pick.
  await refreshPlanModal(deps, client, { view, userId: body.user.id, origin: { ...origin, pokerPicks: origin.pokerPicks + 1 }, logger });
}
