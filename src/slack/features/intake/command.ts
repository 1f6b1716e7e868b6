/** /suggest [title]: opens the suggestion modal, pre-filled with the command's text. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { resolveTeam } from '../../../domain/teamResolution.js';
import type { SlackDeps } from '../../deps.js';
import { NO_TEAM_TEXT } from '../../copy.js';
import { buildSuggestModal } from './modals.js';
import { openCommandForm } from '../../openForm.js';
import { sealSuggestOrigin } from './submissions.js';

export async function handleSuggestCommand(
  { command, ack, client, respond, logger }: SlackCommandMiddlewareArgs & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  const resolution = await resolveTeam(deps.repos.teams, {
    slackTeamId: command.team_id,
    channelId: command.channel_id,
    userId: command.user_id,
  });
  if (resolution.kind === 'none') {
    await ack({ response_type: 'ephemeral', text: NO_TEAM_TEXT });
    return;
  }
  await ack();
  const team = resolution.kind === 'one' ? resolution.team : undefined;
  const view = buildSuggestModal({
    privateMetadata: sealSuggestOrigin(deps.seal, { source: 'command', teamId: team?.id ?? null }),
    ...(team ? { teamName: team.name } : { teamChoices: resolution.kind === 'many' ? resolution.teams : [] }),
    title: command.text.trim(),
  });
  await openCommandForm({ client, logger, command, respond }, view, { retry: 'run `/suggest` again', what: '/suggest' });
}
