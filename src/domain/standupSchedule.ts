/**
 * The standup schedule: each member is prompted at the team's standup time on their own date, reminded
 * once, and the day's run closes after the window; the Scrum Master can also run it now.
 */
import type { Repositories } from '../db/repositories/index.js';
import type { Team } from '../db/repositories/teams.js';
import type { Clock } from './clock.js';
import { DomainError } from './errors.js';
import { isTimeOfDay, isValidTimeZone } from './localTime.js';
import { requireRole, type Actor } from './roles.js';
import { isTeamStandupDay, memberStandupDate, standupDueAt } from './standupDay.js';
import { MINUTE_MS, memberTimeZone, type StandupKit } from './standupKit.js';

export function createStandupScheduleService({ repos, clock, kit }: { repos: Repositories; clock: Clock; kit: StandupKit }) {
  const { requireTeam, enqueue, standupDateOf, ensureRun, prompt, teamTransaction } = kit;

  /** Whether the member is due a prompt on their local date: a standup weekday, no holiday, not away. */
  async function isStandupDayFor(team: Team, userId: string, date: string): Promise<boolean> {
    return isTeamStandupDay(team, date) && (await repos.absences.covering(team.id, userId, date)).length === 0;
  }

  async function closeDueRuns(at: number): Promise<number> {
    let closed = 0;
    for (const run of await repos.standups.listRunsToClose(at)) {
      // Counted once committed: a transaction PostgreSQL retries runs its work again.
      const done = await teamTransaction(run.teamId, async () => {
        if (!(await repos.standups.closeRun(run.id, at))) return false;
        await enqueue(`standup-parent-final:${run.id}`, { kind: 'standup.parent_update', runId: run.id }, at, run.teamId);
        return true;
      });
      if (done) closed += 1;
    }
    return closed;
  }

  async function promptDueMembers(at: number): Promise<number> {
    let prompted = 0;
    for (const team of await repos.teams.listActive()) {
      if (!isTimeOfDay(team.standupTime)) continue;
      const windowMs = team.standupWindowMinutes * MINUTE_MS;
      for (const userId of await repos.teams.members(team.id)) {
        const date = await standupDateOf(team, userId, at);
        if (!(await isStandupDayFor(team, userId, date))) continue;
        if (await repos.standups.findPromptFor(team.id, userId, date)) continue;
        const dueAt = standupDueAt(team, await memberTimeZone(repos, team, userId), date)!;
        // Before the time: not yet. After the window: too late to ask, so it is not sent late.
        if (at < dueAt || at >= dueAt + windowMs) continue;
        const sent = await teamTransaction(team.id, async () => {
          const run = await ensureRun(team, date, at);
          return run.closedAt === null && (await prompt(team, run, userId, dueAt, at, { dm: true }));
        });
        if (sent) prompted += 1;
      }
    }
    return prompted;
  }

  async function remindDue(at: number): Promise<number> {
    let reminded = 0;
    for (const due of await repos.standups.listDueReminders(at)) {
      if ((await repos.absences.covering(due.teamId, due.userId, due.date)).length > 0) continue;
      const sent = await teamTransaction(due.teamId, async () => {
        if (!(await repos.standups.claimReminder(due.id, at))) return false;
        await enqueue(`standup-reminder:${due.id}`, { kind: 'standup.reminder', promptId: due.id }, at, due.teamId);
        return true;
      });
      if (sent) reminded += 1;
    }
    return reminded;
  }

  return {
    /** Closes runs whose window ended, prompts members whose standup time has come, sends due reminders. */
    async sweep(now: Date): Promise<{ closed: number; prompted: number; reminded: number }> {
      const at = now.getTime();
      const closed = await closeDueRuns(at);
      const prompted = await promptDueMembers(at);
      const reminded = await remindDue(at);
      return { closed, prompted, reminded };
    },

    /**
     * `/standup run`: the Scrum Master prompts everyone now for the team's standup of today (away
     * members excepted, the already prompted once). A member for whom it is another date (their
     * timezone is past midnight, or not there yet) is left to their own standup of that date.
     */
    async runNow({ teamId, actor }: { teamId: number; actor: Actor }): Promise<{
      date: string;
      prompted: string[];
      alreadyPrompted: string[];
      away: string[];
      otherDay: { userId: string; date: string }[];
    }> {
      const team = await requireTeam(teamId);
      const members = await repos.teams.members(team.id);
      requireRole({ team, members, actor }, ['sm'], 'standup.not_allowed', { action: 'standup.run', adminAllowed: true });
      const at = clock().getTime();
      const date = memberStandupDate({ team, timeZone: isValidTimeZone(team.timezone) ? team.timezone : 'UTC', now: at });
      return teamTransaction(team.id, async () => {
        const run = await ensureRun(team, date, at, at + team.standupWindowMinutes * MINUTE_MS);
        if (run.closedAt !== null) throw new DomainError('standup.closed', { date });
        const result = {
          date,
          prompted: [] as string[],
          alreadyPrompted: [] as string[],
          away: [] as string[],
          otherDay: [] as { userId: string; date: string }[],
        };
        for (const userId of members) {
          const theirDate = await standupDateOf(team, userId, at);
          if (await repos.standups.findPromptFor(team.id, userId, date)) result.alreadyPrompted.push(userId);
          else if (theirDate !== date) result.otherDay.push({ userId, date: theirDate });
          else if ((await repos.absences.covering(team.id, userId, date)).length > 0) result.away.push(userId);
          else if (await prompt(team, run, userId, at, at, { dm: true })) result.prompted.push(userId);
          else result.alreadyPrompted.push(userId);
        }
        return result;
      });
    },
  };
}
