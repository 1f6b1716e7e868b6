/** Which team a slash command is about, or the sentence that tells the person why there is none. */
import type { KnownBlock } from '@slack/types';
import type { Team } from '../db/repositories/teams.js';
import { resolveTeam } from '../domain/teamResolution.js';
import type { SlackDeps } from './deps.js';
import { NO_TEAM_TEXT } from './copy.js';
import { buildTeamPickMessage } from './ui/teamPick.js';

/**
 * The team a command is about, or the reply that says why there is none. When several teams could be
 * meant (a stakeholder in a DM has no team channel), the reply offers one button per team, which runs
 * the same command for that team.
 */
export async function teamForCommand(
  deps: Pick<SlackDeps, 'repos'>,
  command: { team_id: string; channel_id: string; user_id: string; command: string; text: string },
): Promise<{ team: Team } | { text: string; blocks?: KnownBlock[] }> {
  const resolution = await resolveTeam(deps.repos.teams, { slackTeamId: command.team_id, channelId: command.channel_id, userId: command.user_id });
  if (resolution.kind === 'one') return { team: resolution.team };
  if (resolution.kind === 'none') return { text: NO_TEAM_TEXT };
  // Outside a team channel, a Product Owner of exactly one team means that team.
  const owned = resolution.teams.filter((team) => team.productOwnerId === command.user_id);
  return owned.length === 1 && owned[0] ? { team: owned[0] } : buildTeamPickMessage({ command: command.command, text: command.text, teams: resolution.teams });
}
