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
    async activeMembers(): Promise<ActiveMember[]> {
      const active: ActiveMember[] = [];
      for (const team of await repos.teams.listActive()) {
        for (const userId of await repos.teams.members(team.id)) active.push({ slackTeamId: team.slackTeamId, userId });
      }
      return active;
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
