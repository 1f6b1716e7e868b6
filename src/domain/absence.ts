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
  function teamsOf(slackTeamId: string, userId: string): Team[] {
    const teams = repos.teams
      .listTeamIdsOfMember(slackTeamId, userId)
      .map((id) => repos.teams.findById(id))
      .filter((t): t is Team => Boolean(t));
    if (teams.length === 0) throw new DomainError('standup.not_member');
    return teams;
  }

  return {
    /** `/standup away FROM [TO]`: no prompts on those dates (inclusive), in every team of the person. */
    setAway({ slackTeamId, userId, from, to }: { slackTeamId: string; userId: string; from: string; to?: string }): {
      from: string;
      to: string;
      teams: Team[];
    } {
      const until = to ?? from;
      if (!isIsoDate(from) || !isIsoDate(until)) {
        throw new DomainError('standup.invalid', { reason: 'standup.dates_invalid' });
      }
      if (until < from) throw new DomainError('standup.invalid', { reason: 'standup.dates_reversed', from, until });
      if (daysBetween(from, until) >= AWAY_MAX_DAYS) throw new DomainError('standup.invalid', { reason: 'standup.away_too_long' });
      const teams = teamsOf(slackTeamId, userId);
      const at = clock().getTime();
      const today = localDate(at, memberTimeZone(repos, teams[0]!, userId));
      if (until < today) throw new DomainError('standup.invalid', { reason: 'standup.away_in_past', until, today });
      repos.transaction(() => {
        for (const team of teams) {
          repos.absences.insert({ teamId: team.id, userId, fromDate: from, toDate: until, createdAt: at });
          refreshOpenRuns(team.id, `away:${userId}`, at);
        }
      });
      return { from, to: until, teams };
    },

    /** `/standup back`: ends today's absence and cancels planned ones. Returns how many were changed. */
    back({ slackTeamId, userId }: { slackTeamId: string; userId: string }): number {
      const teams = teamsOf(slackTeamId, userId);
      const at = clock().getTime();
      let changed = 0;
      repos.transaction(() => {
        for (const team of teams) {
          const today = localDate(at, memberTimeZone(repos, team, userId));
          for (const absence of repos.absences.listCurrentAndFuture(team.id, userId, today)) {
            if (absence.fromDate < today) repos.absences.shorten(absence.id, addDays(today, -1));
            else repos.absences.delete(absence.id);
            changed += 1;
          }
          if (changed > 0) refreshOpenRuns(team.id, `back:${userId}`, at);
        }
      });
      return changed;
    },

    /** The person's current or next absence (for App Home and confirmations). */
    awayStatus({ teamId, userId }: { teamId: number; userId: string }): { from: string; to: string } | null {
      const team = requireTeam(teamId);
      const today = localDate(clock().getTime(), memberTimeZone(repos, team, userId));
      const next = repos.absences.listCurrentAndFuture(team.id, userId, today)[0];
      return next ? { from: next.fromDate, to: next.toDate } : null;
    },
  };
}
