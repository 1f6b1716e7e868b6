/** "Which team?": the buttons offered when a command run outside a team channel could mean several teams. */
import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { Team } from '../../db/repositories/teams.js';
import { truncate } from '../../domain/suggestion.js';
import { TEAM_PICK_PREFIX } from '../ids.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { context, plain, section } from './blocks.js';

/** What a team button carries: the command to run again, its text, and the team. */
export interface TeamPickValue {
  c: string;
  t: string;
  id: number;
}

const BUTTONS_PER_BLOCK = 25;
const MAX_TEAMS = 100;
/** A button value holds 2000 characters; longer command text can't be carried. */
const TEXT_MAX = 1800;

export function buildTeamPickMessage({ command, text, teams }: { command: string; text: string; teams: readonly Pick<Team, 'id' | 'name'>[] }): {
  text: string;
  blocks: KnownBlock[];
} {
  const fallback = `Several teams use Rituals here: pick the team for \`${command}\`, or run it in the team's channel.`;
  if (text.length > TEXT_MAX || teams.length === 0) return { text: fallback, blocks: [section(fallback)] };
  const shown = [...teams].sort((a, b) => a.name.localeCompare(b.name)).slice(0, MAX_TEAMS);
  const full = `${command}${text.trim() ? ` ${text.trim()}` : ''}`;
  const blocks: KnownBlock[] = [section(`Several teams use Rituals here. Which team is \`${escapeMrkdwn(truncate(full, 200))}\` for?`)];
  for (let i = 0; i < shown.length; i += BUTTONS_PER_BLOCK) {
    const elements: Button[] = shown.slice(i, i + BUTTONS_PER_BLOCK).map((team) => ({
      type: 'button',
      action_id: `${TEAM_PICK_PREFIX}${team.id}`,
      text: plain(team.name, 75),
      value: JSON.stringify({ c: command, t: text, id: team.id } satisfies TeamPickValue),
    }));
    blocks.push({ type: 'actions', block_id: `team_pick:${i / BUTTONS_PER_BLOCK}`, elements } satisfies ActionsBlock);
  }
  if (teams.length > shown.length) blocks.push(context(`${teams.length - shown.length} more teams: run the command in the team's channel.`));
  return { text: fallback, blocks };
}
