/** Small helpers shared by the sprint, planning, poker and retro listeners. */
import type { WebClient } from '@slack/web-api';
import type { Team } from '../../db/repositories/teams.js';
import { isDomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/roles.js';
import { resolveTeam } from '../../domain/teamResolution.js';
import type { AppLogger } from '../../logger.js';
import type { SlackDeps } from '../deps.js';
import { domainErrorText, NO_TEAM_TEXT } from '../errorText.js';
import type { SlackMessage } from '../views/intakeMessages.js';

/** Scrum roles come from the team, not the workspace, so admin status is not looked up here. */
export const actorOf = (userId: string): Actor => ({ userId, isWorkspaceAdmin: false });

/** The team a command belongs to, or the text that explains why there is none. */
export function teamForCommand(
  deps: SlackDeps,
  command: { team_id: string; channel_id: string; user_id: string },
): { team: Team } | { text: string } {
  const resolution = resolveTeam(deps.repos.teams, { slackTeamId: command.team_id, channelId: command.channel_id, userId: command.user_id });
  if (resolution.kind === 'one') return { team: resolution.team };
  if (resolution.kind === 'none') return { text: NO_TEAM_TEXT };
  return { text: 'Several teams could own this: run the command in your team channel.' };
}

/** Friendly text for a domain error; anything else is rethrown. */
export function errorText(error: unknown): string {
  if (isDomainError(error)) return domainErrorText(error);
  throw error;
}

/** An ephemeral reply in a channel (best effort: the person can retry). */
export async function ephemeral(client: WebClient, channel: string | undefined, user: string, message: SlackMessage, logger: AppLogger | { warn: (...a: unknown[]) => void }): Promise<void> {
  try {
    if (channel) await client.chat.postEphemeral({ channel, user, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
    else await client.chat.postMessage({ channel: user, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
  } catch (error) {
    logger.warn('could not send an ephemeral reply', error);
  }
}
