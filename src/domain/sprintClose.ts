/** Closing a sprint: the preview, the close that returns unfinished work to the top of the backlog, and the scheduled close prompts. */
import type { Repositories } from '../db/repositories/index.js';
import type { Item } from '../db/repositories/items.js';
import type { Sprint } from '../db/repositories/sprints.js';
import type { Clock } from './clock.js';
import { EVENT, RETURNED_AT_CLOSE_REASON } from './events.js';
import { localDate, localTimeOfDay } from './localTime.js';
import { RANK_STEP } from './ranking.js';
import { retroParticipants } from './retro.js';
import { requireRole, type Actor } from './roles.js';
import type { SprintKit, SprintSummary } from './sprintKit.js';

/** Team-local time from which the close prompt is posted on the end date. */
export const CLOSE_PROMPT_LOCAL_TIME = '09:00';
export const CLOSE_PROMPT_KIND = 'sprint_close_prompt';

export interface CloseResult {
  sprint: Sprint;
  summary: SprintSummary;
  returned: Item[];
}

export function createSprintCloseService({ repos, clock, kit }: { repos: Repositories; clock: Clock; kit: SprintKit }) {
  const { enqueue, loadTeam, requireActive, summaryOf, teamTransaction } = kit;

  return {
    /** What closing would do, for the SM or PO only (the same check close() makes). */
    async closePreview(teamId: number, actor: Actor): Promise<SprintSummary> {
      const { team, members } = await loadTeam(teamId);
      requireRole({ team, members, actor }, ['po', 'sm'], 'sprint.not_allowed', { action: 'sprint.close' });
      return summaryOf(team, await requireActive(team.id));
    },

    /**
     * Closes the active sprint (SM or PO): velocity recorded, unfinished items back to the TOP of
     * the product backlog in their sprint order, flagged for the PO; never carried over.
     */
    async close(teamId: number, actor: Actor, { retro = false }: { retro?: boolean } = {}): Promise<CloseResult> {
      const { team, members } = await loadTeam(teamId);
      requireRole({ team, members, actor }, ['po', 'sm'], 'sprint.not_allowed', { action: 'sprint.close' });
      const at = clock().getTime();
      return teamTransaction(team.id, async () => {
        const sprint = await requireActive(team.id);
        const before = await summaryOf(team, sprint);
        const unfinished = before.items.filter((item) => item.status !== 'done' && item.workState !== 'done');
        const top = (await repos.items.rankBounds(team.id, 'backlog')).min;
        const firstRank = top === null ? RANK_STEP : top - RANK_STEP * unfinished.length;
        const returned: Item[] = [];
        for (const [index, item] of unfinished.entries()) {
          const rank = firstRank + index * RANK_STEP;
          const updated = await repos.items.update(item.id, {
            status: 'backlog',
            sprintId: null,
            workState: null,
            rank,
            needsReprioritisation: true,
            updatedAt: at,
          });
          const base = { teamId: team.id, itemId: item.id, actorId: actor.userId, at };
          await repos.itemEvents.appendMany([
            {
              ...base,
              sprintId: sprint.id,
              points: item.storyPoints,
              kind: EVENT.sprintRemoved,
              field: 'sprint',
              fromValue: String(sprint.id),
              toValue: null,
              reason: RETURNED_AT_CLOSE_REASON,
            },
            {
              ...base,
              sprintId: sprint.id,
              points: item.storyPoints,
              kind: EVENT.status,
              field: 'status',
              fromValue: 'in_sprint',
              toValue: 'backlog',
              reason: RETURNED_AT_CLOSE_REASON,
            },
            {
              ...base,
              kind: EVENT.rank,
              field: 'rank',
              fromValue: item.rank === null ? null : String(item.rank),
              toValue: String(rank),
              reason: RETURNED_AT_CLOSE_REASON,
            },
          ]);
          returned.push(updated);
        }
        const closed = await repos.sprints.update(sprint.id, { status: 'closed', completedPoints: before.donePoints, closedBy: actor.userId, closedAt: at });
        await enqueue(`sprint-closed:${sprint.id}`, { kind: 'sprint.closed', sprintId: sprint.id, retro }, at, team.id);
        if (retro) {
          for (const userId of retroParticipants(team, members)) {
            await enqueue(`retro-invite:${sprint.id}:${userId}`, { kind: 'retro.invite', sprintId: sprint.id, userId }, at, team.id);
          }
        }
        return { sprint: closed, summary: { ...before, sprint: closed }, returned };
      });
    },

    /**
     * Posts one close prompt per active sprint whose end date has come (team timezone, from
     * CLOSE_PROMPT_LOCAL_TIME): claimed in scheduled_posts, queued in the same transaction.
     */
    async sweepClosePrompts(now: Date): Promise<number> {
      let queued = 0;
      const candidates = await repos.sprints.listActiveEndingBy(addOneDay(now));
      // Teams of a workspace that uninstalled the app are left out.
      const teams = new Map((await repos.teams.listActive()).map((team) => [team.id, team]));
      for (const sprint of candidates) {
        const team = teams.get(sprint.teamId);
        if (!team) continue;
        const today = localDate(now, team.timezone);
        if (today < sprint.endDate) continue;
        if (today === sprint.endDate && localTimeOfDay(now, team.timezone) < CLOSE_PROMPT_LOCAL_TIME) continue;
        const at = now.getTime();
        const sent = await repos.transaction(async () => {
          if (!(await repos.scheduledPosts.claim({ teamId: team.id, kind: CLOSE_PROMPT_KIND, period: String(sprint.id), at }))) return false;
          await enqueue(`close-prompt:${sprint.id}`, { kind: 'sprint.close_prompt', sprintId: sprint.id }, at, team.id);
          // Queued in the same transaction: from here the outbox owns delivery (and its retries).
          await repos.scheduledPosts.markDone({ teamId: team.id, kind: CLOSE_PROMPT_KIND, period: String(sprint.id), at });
          return true;
        });
        // Counted once committed: a transaction PostgreSQL retries runs its work again.
        if (sent) queued += 1;
      }
      return queued;
    },
  };
}

/** The UTC date a day after now: no timezone is more than 14 hours ahead, so this bounds every team's today. */
function addOneDay(now: Date): string {
  return new Date(now.getTime() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
