/** /triage: the Product Owner's inbox, one item at a time. Anyone else is told who the PO is. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Team } from '../../../db/repositories/teams.js';
import { isDomainError } from '../../../domain/errors.js';
import { resolveTeam } from '../../../domain/teamResolution.js';
import type { SlackDeps } from '../../deps.js';
import { domainErrorText, NO_TEAM_TEXT } from '../../errorText.js';
import { nextTriageView } from '../views/triageSubmit.js';

/** The team a PO command is about: the channel's, else the one team the person is PO of. */
export function teamForPoCommand(deps: SlackDeps, slackTeamId: string, channelId: string, userId: string): { team: Team } | { text: string } {
  const resolution = resolveTeam(deps.repos.teams, { slackTeamId, channelId, userId });
  if (resolution.kind === 'none') return { text: NO_TEAM_TEXT };
  if (resolution.kind === 'one') return { team: resolution.team };
  const owned = deps.repos.teams.listByWorkspace(slackTeamId).filter((team) => team.productOwnerId === userId);
  if (owned.length === 1 && owned[0]) return { team: owned[0] };
  return { text: 'Several teams use Rituals here: run this in your team channel so I know which one.' };
}

export async function handleTriageCommand(
  { command, ack, client, logger }: SlackCommandMiddlewareArgs & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  const found = teamForPoCommand(deps, command.team_id, command.channel_id, command.user_id);
  if ('text' in found) {
    await ack({ response_type: 'ephemeral', text: found.text });
    return;
  }
  let view;
  try {
    view = nextTriageView(deps, found.team, command.user_id, { done: 0, skipped: [] });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await ack({ response_type: 'ephemeral', text: domainErrorText(error) });
    return;
  }
  await ack();
  try {
    await client.views.open({ trigger_id: command.trigger_id, view });
  } catch (error) {
    logger.warn('views.open failed for /triage', error);
  }
}
