/** "Send to backlog" message shortcut: the suggestion modal pre-filled from the message. */
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { resolveTeam } from '../../../domain/teamResolution.js';
import type { SlackDeps } from '../../deps.js';
import { openInteractionForm } from '../../openForm.js';
import { captureFormView } from './captureForm.js';

export async function handleSendToBacklog(
  { shortcut, ack, client, logger, respond }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  await ack();
  const slackTeamId = shortcut.team?.id ?? shortcut.user.team_id ?? '';
  const channelId = shortcut.channel.id;
  const view = await captureFormView(deps, {
    resolution: await resolveTeam(deps.repos.teams, { slackTeamId, channelId, userId: shortcut.user.id }),
    channelId,
    message: shortcut.message,
    fallbackUserId: shortcut.user.id,
    source: 'shortcut',
  });
  await openInteractionForm({ client, logger, body: shortcut, respond }, view, {
    retry: 'use *Send to backlog* on the message again',
    what: 'the Send to backlog shortcut',
  });
}
