/** Global "Suggest to backlog" shortcut (lightning menu): the suggestion modal from anywhere. */
import type { AllMiddlewareArgs, GlobalShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { resolveTeam } from '../../../domain/teamResolution.js';
import type { SlackDeps } from '../../deps.js';
import { NO_TEAM_TEXT } from '../../copy.js';
import { buildInfoModal } from '../../ui/infoModal.js';
import { buildSuggestModal } from './modals.js';
import { openInteractionForm } from '../../openForm.js';
import { sealSuggestOrigin } from './submissions.js';

export async function handleSuggestGlobal(
  { shortcut, ack, client, logger }: SlackShortcutMiddlewareArgs<GlobalShortcut> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  await ack();
  const slackTeamId = shortcut.team?.id ?? shortcut.user.team_id ?? '';
  // No channel here: the person's own team decides, else they pick one.
  const resolution = await resolveTeam(deps.repos.teams, { slackTeamId, userId: shortcut.user.id });
  const team = resolution.kind === 'one' ? resolution.team : undefined;
  const view =
    resolution.kind === 'none'
      ? buildInfoModal('Suggest an item', NO_TEAM_TEXT)
      : buildSuggestModal({
          privateMetadata: sealSuggestOrigin(deps.seal, { source: 'command', teamId: team?.id ?? null }),
          ...(team ? { teamName: team.name } : { teamChoices: resolution.kind === 'many' ? resolution.teams : [] }),
        });
  await openInteractionForm({ client, logger, body: shortcut }, view, {
    retry: 'use the *Suggest to backlog* shortcut again',
    what: 'the global Suggest shortcut',
  });
}
