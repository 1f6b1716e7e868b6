/** The optional async retrospective after a sprint closes: answers by DM, a summary in the channel. */
import type { Repositories } from '../db/repositories/index.js';
import type { RetroAnswer } from '../db/repositories/retro.js';
import type { Sprint } from '../db/repositories/sprints.js';
import type { Team } from '../db/repositories/teams.js';
import type { Clock } from './clock.js';
import { DomainError } from './errors.js';
import { requireRole, type Actor } from './roles.js';
import { serviceKit } from './serviceKit.js';

export const RETRO_ANSWER_MAX = 1500;

export interface RetroInput {
  wentWell: string;
  toImprove: string;
  tryNext: string;
}

/** Who is asked: the team members and the Scrum Master. */
export const retroParticipants = (team: Team, members: readonly string[]): string[] => [
  ...new Set([...members, ...(team.scrumMasterId ? [team.scrumMasterId] : [])]),
];

export function createRetroService({ repos, clock }: { repos: Repositories; clock: Clock }) {
  const { enqueue, requireTeam, teamTransaction } = serviceKit(repos);

  async function load(sprintId: number): Promise<{ sprint: Sprint; team: Team; members: string[] }> {
    const sprint = await repos.sprints.findById(sprintId);
    const team = sprint ? await repos.teams.findById(sprint.teamId) : undefined;
    if (!sprint || !team) throw new DomainError('retro.not_open');
    return { sprint, team, members: await repos.teams.members(team.id) };
  }

  return {
    /** Stores a member's answers; when everyone has answered, queues the summary once. */
    async answer(sprintId: number, input: RetroInput, actor: Actor): Promise<{ answered: number; expected: number }> {
      const { sprint, team, members } = await load(sprintId);
      if (sprint.status !== 'closed') throw new DomainError('retro.not_open');
      requireRole({ team, members, actor }, ['member', 'po', 'sm'], 'sprint.not_member', { action: 'retro.answer' });
      const clean = {
        wentWell: input.wentWell.trim(),
        toImprove: input.toImprove.trim(),
        tryNext: input.tryNext.trim(),
      };
      if (!clean.wentWell && !clean.toImprove && !clean.tryNext) throw new DomainError('sprint.invalid', { reason: 'retro.answer_missing' });
      if (Object.values(clean).some((text) => text.length > RETRO_ANSWER_MAX)) {
        throw new DomainError('sprint.invalid', { reason: 'retro.answer_too_long', max: RETRO_ANSWER_MAX });
      }
      const at = clock().getTime();
      // Held: of two last answers at once, one sees the other and queues the summary.
      return await teamTransaction(team.id, async () => {
        await repos.retro.upsert({ sprintId, userId: actor.userId, ...clean, at });
        const expected = retroParticipants(team, members);
        const answered = new Set((await repos.retro.listForSprint(sprintId)).map((a) => a.userId));
        if (expected.every((userId) => answered.has(userId))) {
          await enqueue(`retro-summary:${sprintId}`, { kind: 'retro.summary', sprintId }, at, team.id);
        }
        return { answered: answered.size, expected: expected.length };
      });
    },

    /** Posts the summary of the last closed sprint now (SM or PO), whoever has answered. */
    async requestSummary(teamId: number, actor: Actor): Promise<Sprint> {
      const team = await requireTeam(teamId);
      requireRole({ team, members: await repos.teams.members(team.id), actor }, ['po', 'sm'], 'sprint.not_allowed', { action: 'retro.summary' });
      const [last] = await repos.sprints.listClosed(team.id, 1);
      if (!last) throw new DomainError('retro.not_open');
      const at = clock().getTime();
      await enqueue(`retro-summary:${last.id}:requested:${at}`, { kind: 'retro.summary', sprintId: last.id }, at, team.id);
      return last;
    },

    async answers(sprintId: number): Promise<{ sprint: Sprint; team: Team; answers: RetroAnswer[]; expected: string[] }> {
      const { sprint, team, members } = await load(sprintId);
      return { sprint, team, answers: await repos.retro.listForSprint(sprintId), expected: retroParticipants(team, members) };
    },
  };
}

export type RetroService = ReturnType<typeof createRetroService>;
