/**
 * The suggestion form pre-filled from a Slack message, with its author as the requester: opened by
 * the Send to backlog message shortcut, the watch nudge's Send to backlog button and the PO's
 * Capture button on a spotted request. Already-captured messages get their item's id instead.
 */
import { suggestionFromText } from '../../capturedSuggestion.js';
import type { TeamResolution } from '../../../domain/teamResolution.js';
import type { SlackDeps } from '../../deps.js';
import { NO_TEAM_TEXT } from '../../copy.js';
import { slackMarkupToPlain } from '../../ui/mrkdwn.js';
import { itemRef, STATUS_LABELS } from '../../ui/itemLabels.js';
import { buildSuggestModal } from './modals.js';
import { sealSuggestOrigin } from './submissions.js';
import { buildInfoModal } from '../../ui/infoModal.js';

export interface CapturedMessage {
  ts: string;
  text?: string;
  user?: string;
}

export interface CaptureFormRequest {
  /** The team, or how the workspace's teams resolved for this channel (several: the form asks). */
  resolution: TeamResolution;
  channelId: string;
  message: CapturedMessage;
  /** The requester when the message has no author (e.g. a bot message). */
  fallbackUserId: string;
  source: 'shortcut' | 'nudge';
  permalink?: string | null;
}

/** The view to open for capturing a message (the form, or an explanation). */
export async function captureFormView(deps: SlackDeps, request: CaptureFormRequest) {
  const { resolution, channelId, message } = request;
  if (resolution.kind === 'none') return buildInfoModal('Send to backlog', NO_TEAM_TEXT);
  const team = resolution.kind === 'one' ? resolution.team : undefined;
  const existing = team ? await deps.services.intake.findCaptured(team.id, channelId, message.ts) : undefined;
  if (team && existing) {
    return buildInfoModal('Already captured', `This message is already in the backlog as *${itemRef(team, existing)}* (${STATUS_LABELS[existing.status]}).`);
  }
  const text = slackMarkupToPlain(message.text ?? '');
  const prefill = suggestionFromText(text);
  const authorId = message.user ?? request.fallbackUserId;
  return buildSuggestModal({
    privateMetadata: sealSuggestOrigin(deps.seal, { source: request.source, teamId: team?.id ?? null, requesterId: authorId, channelId, ts: message.ts }),
    ...(team ? { teamName: team.name } : { teamChoices: resolution.kind === 'many' ? resolution.teams : [] }),
    title: prefill.title,
    details: prefill.details || text,
    capturedFrom: { authorId, permalink: request.permalink ?? null },
  });
}
