/** Which team a request from a channel belongs to. */
import type { Repositories } from '../db/repositories/index.js';
import type { Team } from '../db/repositories/teams.js';

export type TeamResolution = { kind: 'one'; team: Team } | { kind: 'none' } | { kind: 'many'; teams: Team[] };

/**
 * The channel's team first; else the only team the user belongs to (member, PO or SM); else the only team of the
 * workspace. Several candidates are returned for the person to choose.
 */
export async function resolveTeam(
  teams: Repositories['teams'],
  { slackTeamId, channelId, userId }: { slackTeamId: string; channelId?: string | null; userId: string },
): Promise<TeamResolution> {
  const all = await teams.listByWorkspace(slackTeamId);
  if (all.length === 0) return { kind: 'none' };
  if (channelId) {
    const byTeamChannel = all.find((team) => team.teamChannelId === channelId);
    if (byTeamChannel) return { kind: 'one', team: byTeamChannel };
    const byOtherChannel = all.filter((team) => team.triageChannelId === channelId || team.stakeholderChannelId === channelId);
    if (byOtherChannel.length === 1 && byOtherChannel[0]) return { kind: 'one', team: byOtherChannel[0] };
  }
  if (all.length === 1 && all[0]) return { kind: 'one', team: all[0] };
  const mine = new Set(await teams.listTeamIdsOfMember(slackTeamId, userId));
  // The PO and SM belong to their team even when they are not among its members.
  const memberOf = all.filter((team) => mine.has(team.id) || team.productOwnerId === userId || team.scrumMasterId === userId);
  if (memberOf.length === 1 && memberOf[0]) return { kind: 'one', team: memberOf[0] };
  return { kind: 'many', teams: memberOf.length > 1 ? memberOf : all };
}
