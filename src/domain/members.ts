/** Who belongs to the teams that are running. */
import type { Repositories } from '../db/repositories/index.js';

export interface ActiveMember {
  /** The Slack workspace of the member's team. */
  slackTeamId: string;
  userId: string;
}

export function createMembersService({ repos }: { repos: Repositories }) {
  return {
    /** Every member of every active team (the standup sweep reads their time zones). */
    activeMembers(): ActiveMember[] {
      return repos.teams.listActive().flatMap((team) => repos.teams.members(team.id).map((userId) => ({ slackTeamId: team.slackTeamId, userId })));
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
