/** Impediments raised in standups: the open ones, and resolving one (which updates the runs and answers that show it). */
import type { Repositories } from '../db/repositories/index.js';
import type { Impediment } from '../db/repositories/impediments.js';
import type { Clock } from './clock.js';
import { DomainError } from './errors.js';
import { requireRole, type Actor } from './roles.js';
import type { StandupKit } from './standupKit.js';

export function createImpedimentsService({ repos, clock, kit }: { repos: Repositories; clock: Clock; kit: StandupKit }) {
  const { requireTeam, enqueue, refreshOpenRuns } = kit;

  return {
    /** Open impediments of a team, oldest first (for standup parents, App Home and digests). */
    async listOpenImpediments(teamId: number): Promise<Impediment[]> {
      return await repos.impediments.listOpen(teamId);
    },

    /** Marks an impediment resolved (any team member, the SM, the PO or a workspace admin). */
    async resolveImpediment({ impedimentId, actor }: { impedimentId: number; actor: Actor }): Promise<{ impediment: Impediment; alreadyResolved: boolean }> {
      const found = await repos.impediments.findById(impedimentId);
      if (!found) throw new DomainError('impediment.not_found');
      const team = await requireTeam(found.teamId);
      requireRole({ team, members: await repos.teams.members(team.id), actor }, ['member', 'sm', 'po'], 'standup.not_member', {
        action: 'impediment.resolve',
        adminAllowed: true,
      });
      const at = clock().getTime();
      return await repos.transaction(async () => {
        if (!(await repos.impediments.resolve(found.id, actor.userId, at))) return { impediment: found, alreadyResolved: true };
        await refreshOpenRuns(team.id, `resolved:${found.id}`, at);
        const source = found.standupDate ? await repos.standups.findPromptFor(team.id, found.reporterId, found.standupDate) : undefined;
        if (source?.answeredAt != null) {
          await enqueue(`standup-answer-edit:${source.id}:resolved:${at}`, { kind: 'standup.answer_update', promptId: source.id }, at, team.id);
        }
        if (actor.userId !== found.reporterId) {
          const notification = { kind: 'standup.impediment_resolved' as const, impedimentId: found.id, userId: found.reporterId };
          await enqueue(`standup-impediment-resolved:${found.id}:${at}`, notification, at, team.id);
        }
        return { impediment: (await repos.impediments.findById(found.id)) ?? found, alreadyResolved: false };
      });
    },
  };
}
