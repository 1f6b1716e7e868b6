/** What a person's App Home shows: their suggestions, and for Product Owners the inbox and backlog health. */
import type { Repositories } from '../db/repositories/index.js';
import type { Item } from '../db/repositories/items.js';
import type { Team } from '../db/repositories/teams.js';
import type { BacklogHealth, BacklogService } from './backlog.js';
import type { Clock } from './clock.js';

import type { Impediment } from '../db/repositories/impediments.js';
import type { SprintSummary } from './sprints.js';
import type { WatchRequest } from '../db/repositories/watch.js';
import type { ShadowWatchService, WatchHealth } from './shadowWatch.js';

const WEEK_MS = 7 * 86_400_000;

/** What a team section of the home shows besides suggestions, supplied by the sprint and standup services. */
export interface TeamHomeProviders {
  currentSprint(teamId: number): Promise<SprintSummary | null>;
  away(teamId: number, userId: string): Promise<{ from: string; to: string } | null>;
  openImpediments(teamId: number): Promise<Impediment[]>;
}

export interface HomeTeam {
  team: Team;
  /** The active sprint, or null when none runs. */
  sprint: SprintSummary | null;
  /** The person's current or next absence. */
  away: { from: string; to: string } | null;
  impediments: Impediment[];
}

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
  /** Shadow-backlog watch of the last 7 days, and requests nobody sent or dismissed. */
  watch: { watching: boolean; health: WatchHealth; ignored: WatchRequest[] };
}

export interface HomeData {
  now: number;
  suggestions: HomeSuggestion[];
  poTeams: HomePoTeam[];
  /** Teams the person belongs to (member, PO or SM), each with its sprint and standup status. */
  teams: HomeTeam[];
}

export const HOME_SUGGESTIONS_LIMIT = 20;

export function createHomeService({
  repos,
  clock,
  backlog,
  teamProviders,
  watch,
}: {
  repos: Repositories;
  clock: Clock;
  backlog: BacklogService;
  teamProviders: TeamHomeProviders;
  watch: Pick<ShadowWatchService, 'health' | 'ignored' | 'channels'>;
}) {
  return {
    /** Everything the App Home of userId in workspace slackTeamId shows. */
    async forUser(slackTeamId: string, userId: string): Promise<HomeData> {
      const now = clock().getTime();
      const workspaceTeams = await repos.teams.listByWorkspace(slackTeamId);
      const byId = new Map(workspaceTeams.map((team) => [team.id, team]));
      const suggestions: HomeSuggestion[] = [];
      const requested = (await repos.items.listByRequester(userId, HOME_SUGGESTIONS_LIMIT * 2))
        .filter((item) => byId.has(item.teamId))
        .slice(0, HOME_SUGGESTIONS_LIMIT);
      for (const item of requested) {
        const merged = item.mergedIntoId ? await repos.items.findById(item.mergedIntoId) : undefined;
        suggestions.push({ item, team: byId.get(item.teamId)!, mergedInto: merged ? { number: merged.number, title: merged.title } : null });
      }
      const poTeams: HomePoTeam[] = [];
      for (const team of workspaceTeams.filter((team) => team.productOwnerId === userId)) {
        // Counts and the oldest item only: the inbox may hold thousands.
        poTeams.push({
          team,
          inboxCount: await repos.items.countByStatus(team.id, 'inbox'),
          oldestInboxAt: (await repos.items.listByStatus(team.id, 'inbox', { limit: 1 }))[0]?.createdAt ?? null,
          answered: await repos.items.countAnswered(team.id, 'inbox'),
          health: await backlog.health(team.id),
          watch: {
            watching: (await watch.channels(team.id)).length > 0,
            health: await watch.health(team.id, now - WEEK_MS, now),
            ignored: await watch.ignored(team.id),
          },
        });
      }
      const mine = new Set(await repos.teams.listTeamIdsOfMember(slackTeamId, userId));
      const teams: HomeTeam[] = [];
      for (const team of workspaceTeams.filter((team) => mine.has(team.id) || team.productOwnerId === userId || team.scrumMasterId === userId)) {
        teams.push({
          team,
          sprint: await teamProviders.currentSprint(team.id),
          away: await teamProviders.away(team.id, userId),
          impediments: await teamProviders.openImpediments(team.id),
        });
      }
      return { now, suggestions, poTeams, teams };
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;
