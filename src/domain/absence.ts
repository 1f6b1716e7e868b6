/** Absence: `/standup away` and `/standup back` in every team of the person, so they are not prompted while away. */
import type { Repositories } from '../db/repositories/index.js';
import type { Team } from '../db/repositories/teams.js';
import type { Clock } from './clock.js';
import { DomainError } from './errors.js';
import { addDays, daysBetween, isIsoDate, localDate } from './localTime.js';
import { memberTimeZone, type StandupKit } from './standupKit.js';

const AWAY_MAX_DAYS = 366;

export function createAbsenceService({ repos, clock, kit }: { repos: Repositories; clock: Clock; kit: StandupKit }) {
  const { requireTeam, refreshOpenRuns } = kit;

  /** Teams of the workspace the person belongs to. */
  async function teamsOf(slackTeamId: string, userId: string): Promise<Team[]> {
    const teams: Team[] = [];
    for (const id of await repos.teams.listTeamIdsOfMember(slackTeamId, userId)) {
      const team = await repos.teams.findById(id);
      if (team) teams.push(team);
    }
    if (teams.length === 0) throw new DomainError('standup.not_member');
    return teams;
  }

  return {
    /** `/standup away FROM [TO]`: no prompts on those dates (inclusive), in every team of the person. */
    async setAway({ slackTeamId, userId, from, to }: { slackTeamId: string; userId: string; from: string; to?: string }): Promise<{
      from: string;
      to: string;
      teams: Team[];
    }> {
      const until = to ?? from;
      if (!isIsoDate(from) || !isIsoDate(until)) {
        throw new DomainError('standup.invalid', { reason: 'standup.dates_invalid' });
      }
      if (until < from) throw new DomainError('standup.invalid', { reason: 'standup.dates_reversed', from, until });
      if (daysBetween(from, until) >= AWAY_MAX_DAYS) throw new DomainError('standup.invalid', { reason: 'standup.away_too_long' });
      const teams = await teamsOf(slackTeamId, userId);
      const at = clock().getTime();
      const today = localDate(at, await memberTimeZone(repos, teams[0]!, userId));
      if (until < today) throw new DomainError('standup.invalid', { reason: 'standup.away_in_past', until, today });
      await repos.transaction(async () => {
        for (const team of teams) {
          await repos.absences.insert({ teamId: team.id, userId, fromDate: from, toDate: until, createdAt: at });
          await refreshOpenRuns(team.id, `away:${userId}`, at);
        }
      });
      return { from, to: until, teams };
    },

    /** `/standup back`: ends today's absence and cancels planned ones. Returns how many were changed. */
    async back({ slackTeamId, userId }: { slackTeamId: string; userId: string }): Promise<number> {
      const teams = await teamsOf(slackTeamId, userId);
      const at = clock().getTime();
      let changed = 0;
      await repos.transaction(async () => {
        for (const team of teams) {
          const today = localDate(at, await memberTimeZone(repos, team, userId));
          for (const absence of await repos.absences.listCurrentAndFuture(team.id, userId, today)) {
            if (absence.fromDate < today) await repos.absences.shorten(absence.id, addDays(today, -1));
            else await repos.absences.delete(absence.id);
            changed += 1;
          }
          if (changed > 0) await refreshOpenRuns(team.id, `back:${userId}`, at);
        }
      });
      return changed;
    },

    /** The person's current or next absence (for App Home and confirmations). */
    async awayStatus({ teamId, userId }: { teamId: number; userId: string }): Promise<{ from: string; to: string } | null> {
      const team = await requireTeam(teamId);
      const today = localDate(clock().getTime(), await memberTimeZone(repos, team, userId));
      const next = (await repos.absences.listCurrentAndFuture(team.id, userId, today))[0];
      return next ? { from: next.fromDate, to: next.toDate } : null;
    },
  };
}
