/** "Send to backlog" message shortcut: the suggestion modal pre-filled from the message. */
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { suggestionFromText } from '../../../domain/suggestion.js';
import { resolveTeam } from '../../../domain/teamResolution.js';
import type { SlackDeps } from '../../deps.js';
import { NO_TEAM_TEXT } from '../../errorText.js';
import { slackMarkupToPlain } from '../../mrkdwn.js';
import { itemRef, STATUS_LABELS } from '../../views/itemLabels.js';
import { buildInfoModal, buildSuggestModal } from '../../views/suggestModal.js';
import { sealSuggestOrigin } from '../views/suggestSubmit.js';

export async function handleSendToBacklog(
  { shortcut, ack, client, logger }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  await ack();
  const slackTeamId = shortcut.team?.id ?? shortcut.user.team_id ?? '';
  const channelId = shortcut.channel.id;
  const message = shortcut.message;
  const resolution = resolveTeam(deps.repos.teams, { slackTeamId, channelId, userId: shortcut.user.id });
  let view;
  if (resolution.kind === 'none') {
    view = buildInfoModal('Send to backlog', NO_TEAM_TEXT);
  } else {
    const team = resolution.kind === 'one' ? resolution.team : undefined;
    const existing = team ? deps.services.intake.findCaptured(team.id, channelId, message.ts) : undefined;
    if (team && existing) {
      view = buildInfoModal(
        'Already captured',
        `This message is already in the backlog as *${itemRef(team, existing)}* (${STATUS_LABELS[existing.status]}).`,
      );
    } else {
      const text = slackMarkupToPlain(message.text ?? '');
      const prefill = suggestionFromText(text || 'Captured message');
      const authorId = message.user ?? shortcut.user.id;
      view = buildSuggestModal({
        privateMetadata: sealSuggestOrigin(deps.seal, {
          source: 'shortcut',
          teamId: team?.id ?? null,
          requesterId: authorId,
          channelId,
          ts: message.ts,
        }),
        ...(team ? { teamName: team.name } : { teamChoices: resolution.kind === 'many' ? resolution.teams : [] }),
        title: prefill.title,
        details: prefill.details || text,
        capturedFrom: { authorId, permalink: null },
      });
    }
  }
  try {
    await client.views.open({ trigger_id: shortcut.trigger_id, view });
  } catch (error) {
    logger.warn('views.open failed for the Send to backlog shortcut', error);
  }
}
