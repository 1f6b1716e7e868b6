/** "Send to backlog" message shortcut: the suggestion modal pre-filled from the message. */
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { resolveTeam } from '../../../domain/teamResolution.js';
import type { SlackDeps } from '../../deps.js';
import { captureFormView } from './captureForm.js';

export async function handleSendToBacklog(
  { shortcut, ack, client, logger }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  await ack();
  const slackTeamId = shortcut.team?.id ?? shortcut.user.team_id ?? '';
  const channelId = shortcut.channel.id;
  const view = captureFormView(deps, {
    resolution: resolveTeam(deps.repos.teams, { slackTeamId, channelId, userId: shortcut.user.id }),
    channelId,
    message: shortcut.message,
    fallbackUserId: shortcut.user.id,
    source: 'shortcut',
  });
  try {
    await client.views.open({ trigger_id: shortcut.trigger_id, view });
  } catch (error) {
    logger.warn('views.open failed for the Send to backlog shortcut', error);
  }
}
