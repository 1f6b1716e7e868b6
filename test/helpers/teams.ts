/** A team as /rituals setup would store it, inserted straight through the repositories. */
import type { Repositories } from '../../src/db/repositories/index.js';
import type { NewTeam, Team } from '../../src/db/repositories/teams.js';

/** seedTeam over bare repositories (for a database the harness does not own, e.g. a child process's). */
export function insertTeam(repos: Repositories, overrides: Partial<NewTeam> & { members?: string[] } = {}): Team {
  const { members = ['U_ALICE', 'U_BOB', 'U_PO', 'U_SM'], ...fields } = overrides;
  const at = Date.now();
  const team = repos.teams.insert({
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
  repos.teams.replaceMembers(team.id, members);
  return team;
}
