/** A team as /rituals setup would store it, inserted straight through the repositories. */
import type { Repositories } from '../../src/db/repositories/index.js';
import type { NewTeam, Team } from '../../src/db/repositories/teams.js';

/** seedTeam over bare repositories (for a database the harness does not own, e.g. a child process's). */
export async function insertTeam(repos: Repositories, overrides: Partial<NewTeam> & { members?: string[] } = {}): Promise<Team> {
  const { members = ['U_ALICE', 'U_BOB', 'U_PO', 'U_SM'], ...fields } = overrides;
  const at = Date.now();
  const team = await repos.teams.insert({
    slackTeamId: 'T1',
    name: 'Platform',
    teamChannelId: 'C_TEAM',
    triageChannelId: 'C_TRIAGE',
    stakeholderChannelId: 'C_STAKE',
    productOwnerId: 'U_PO',
    scrumMasterId: 'U_SM',
    createdAt: at,
    updatedAt: at,
    ...fields,
  });
  await repos.teams.replaceMembers(team.id, members);
  return team;
}
