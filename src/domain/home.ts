/** What a person's App Home shows: their suggestions, and for Product Owners the inbox and backlog health. */
import type { Repositories } from '../db/repositories/index.js';
import type { Item } from '../db/repositories/items.js';
import type { Team } from '../db/repositories/teams.js';
import type { BacklogHealth, BacklogService } from './backlog.js';
import type { Clock } from './clock.js';

/** The current sprint line of a team's home section (filled by the planning feature). */
export interface CurrentSprintSummary {
  name: string;
  goal: string;
  startDate: string;
  endDate: string;
  committedPoints: number;
  donePoints: number;
}

/** Supplies a team's active sprint, or null when none runs. Wired by the planning feature. */
export type CurrentSprintProvider = (team: Team) => CurrentSprintSummary | null;

export interface HomeSuggestion {
  item: Item;
  team: Pick<Team, 'id' | 'name' | 'itemPrefix'>;
  /** For merged items: the surviving item. */
  mergedInto: Pick<Item, 'number' | 'title'> | null;
}

export interface HomePoTeam {
  team: Team;
  inboxCount: number;
  /** created_at of the oldest inbox item, or null when the inbox is empty. */
  oldestInboxAt: number | null;
  /** Inbox items whose question was answered and wait for the PO. */
  answered: number;
  health: BacklogHealth;
}

export interface HomeData {
  now: number;
  suggestions: HomeSuggestion[];
  poTeams: HomePoTeam[];
  /** Teams the person belongs to (member, PO or SM), each with its current sprint if any. */
  teams: { team: Team; sprint: CurrentSprintSummary | null }[];
}

export const HOME_SUGGESTIONS_LIMIT = 20;

export function createHomeService({
  repos,
  clock,
  backlog,
  currentSprint = () => null,
}: {
  repos: Repositories;
  clock: Clock;
  backlog: BacklogService;
  currentSprint?: CurrentSprintProvider;
}) {
  return {
    /** Everything the App Home of userId in workspace slackTeamId shows. */
    forUser(slackTeamId: string, userId: string): HomeData {
      const workspaceTeams = repos.teams.listByWorkspace(slackTeamId);
      const byId = new Map(workspaceTeams.map((team) => [team.id, team]));
      const suggestions = repos.items
        .listByRequester(userId, HOME_SUGGESTIONS_LIMIT * 2)
        .filter((item) => byId.has(item.teamId))
        .slice(0, HOME_SUGGESTIONS_LIMIT)
        .map((item) => {
          const merged = item.mergedIntoId ? repos.items.findById(item.mergedIntoId) : undefined;
          return { item, team: byId.get(item.teamId)!, mergedInto: merged ? { number: merged.number, title: merged.title } : null };
        });
      const poTeams = workspaceTeams
        .filter((team) => team.productOwnerId === userId)
        .map((team) => {
          const inbox = repos.items.listByStatus(team.id, 'inbox');
          return {
            team,
            inboxCount: inbox.length,
            oldestInboxAt: inbox[0]?.createdAt ?? null,
            answered: inbox.filter((item) => item.openQuestion && item.questionAnswer).length,
            health: backlog.health(team.id),
          };
        });
      const mine = new Set(repos.teams.listTeamIdsOfMember(slackTeamId, userId));
      const teams = workspaceTeams
        .filter((team) => mine.has(team.id) || team.productOwnerId === userId || team.scrumMasterId === userId)
        .map((team) => ({ team, sprint: currentSprint(team) }));
      return { now: clock().getTime(), suggestions, poTeams, teams };
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;
