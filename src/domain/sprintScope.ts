/** Scope of the running sprint: locked, so adds are refused unless the PO or SM overrides with a reason; removals and deferrals. */
import type { Repositories } from '../db/repositories/index.js';
import type { Item } from '../db/repositories/items.js';
import type { Sprint } from '../db/repositories/sprints.js';
import type { Clock } from './clock.js';
import { DomainError } from './errors.js';
import { ASKED_DURING_LOCK_REASON, EVENT } from './events.js';
import { rankBefore } from './ranking.js';
import { refusal, requireRole, type Actor } from './roles.js';
import type { SprintKit } from './sprintKit.js';
import { REASON_MAX } from './sprintPlanning.js';

export function createSprintScopeService({ repos, clock, kit }: { repos: Repositories; clock: Clock; kit: SprintKit }) {
  const { enqueue, loadTeam, requireActive, teamTransaction } = kit;

  /** The team of an item (it never changes), to know which team to hold; item.not_found when there is none. */
  async function teamOfItem(itemId: number): Promise<number> {
    const item = await repos.items.findById(itemId);
    if (!item) throw new DomainError('item.not_found');
    return item.teamId;
  }

  return {
    /**
     * The one way to add an item to the active sprint. Scope is locked: without an override the
     * attempt is counted and refused ('sprint.locked'); the PO or SM may override with a reason,
     * which is recorded as a scope change.
     */
    async addToActiveSprint(itemId: number, actor: Actor, { override }: { override?: string | null } = {}): Promise<{ sprint: Sprint; item: Item }> {
      const teamId = await teamOfItem(itemId);
      // A refused attempt is counted even though the add fails: the transaction returns the refusal and commits.
      const outcome = await teamTransaction(teamId, async (): Promise<{ sprint: Sprint; item: Item } | { refused: DomainError }> => {
        const item = await repos.items.findById(itemId);
        if (!item) throw new DomainError('item.not_found');
        const { team } = await loadTeam(item.teamId);
        const sprint = await requireActive(team.id);
        if (item.sprintId === sprint.id) throw new DomainError('item.wrong_status', { reason: 'sprint.item_already_in' });
        if (item.status !== 'backlog' && item.status !== 'inbox' && item.status !== 'icebox') {
          throw new DomainError('item.wrong_status', { reason: 'sprint.item_not_open' });
        }
        const at = clock().getTime();
        const reason = override?.trim() ?? '';
        const mayOverride = team.productOwnerId === actor.userId || team.scrumMasterId === actor.userId;
        const recordRefusal = (why: string | null) =>
          repos.sprints.recordScopeAttempt({
            teamId: team.id,
            sprintId: sprint.id,
            itemId: item.id,
            userId: actor.userId,
            outcome: 'refused',
            reason: why,
            at,
          });
        if (reason && !mayOverride) {
          await recordRefusal(reason);
          // Only the PO or SM may override (what requireRole(['po', 'sm']) refuses everyone else with).
          return { refused: refusal(team, 'sprint.not_allowed', 'sprint.override_add') };
        }
        if (!reason) {
          // The PO's or SM's own ask is the first step of an override, not work kept out of the sprint.
          if (!mayOverride) await recordRefusal(null);
          return {
            refused: new DomainError('sprint.locked', {
              attempts: await repos.sprints.countScopeAttempts(sprint.id, 'refused'),
              sprintName: sprint.name,
            }),
          };
        }
        if (reason.length > REASON_MAX) throw new DomainError('sprint.invalid', { reason: 'sprint.reason_too_long', max: REASON_MAX });
        const updated = await repos.items.update(item.id, { status: 'in_sprint', sprintId: sprint.id, workState: 'todo', updatedAt: at });
        const base = { teamId: team.id, itemId: item.id, sprintId: sprint.id, actorId: actor.userId, points: item.storyPoints, at };
        await repos.itemEvents.appendMany([
          { ...base, kind: EVENT.status, field: 'status', fromValue: item.status, toValue: 'in_sprint', reason },
          { ...base, kind: EVENT.sprintAdded, field: 'sprint', fromValue: null, toValue: String(sprint.id), reason },
        ]);
        await repos.sprints.recordScopeAttempt({
          teamId: team.id,
          sprintId: sprint.id,
          itemId: item.id,
          userId: actor.userId,
          outcome: 'overridden',
          reason,
          at,
        });
        await enqueue(
          `scope-added:${sprint.id}:${item.id}:${at}`,
          { kind: 'sprint.scope_changed', sprintId: sprint.id, itemId: item.id, userId: actor.userId, change: 'added', reason },
          at,
          team.id,
        );
        return { sprint, item: updated };
      });
      if ('refused' in outcome) throw outcome.refused;
      return outcome;
    },

    /** PO or SM takes an item out of the active sprint (a scope change); it goes to the top of the backlog. */
    async removeFromActiveSprint(itemId: number, actor: Actor, reason: string): Promise<Item> {
      return await teamTransaction(await teamOfItem(itemId), async () => {
        const item = await repos.items.findById(itemId);
        if (!item) throw new DomainError('item.not_found');
        const { team, members } = await loadTeam(item.teamId);
        const sprint = await requireActive(team.id);
        requireRole({ team, members, actor }, ['po', 'sm'], 'sprint.not_allowed', { action: 'sprint.remove' });
        if (item.sprintId !== sprint.id || item.status !== 'in_sprint') throw new DomainError('item.wrong_status', { reason: 'sprint.item_not_unfinished' });
        const why = reason.trim();
        if (!why) throw new DomainError('sprint.invalid', { reason: 'sprint.removal_reason_missing', field: 'reason' });
        const at = clock().getTime();
        const rank = rankBefore((await repos.items.rankBounds(team.id, 'backlog')).min);
        const updated = await repos.items.update(item.id, {
          status: 'backlog',
          sprintId: null,
          workState: null,
          rank,
          needsReprioritisation: true,
          updatedAt: at,
        });
        const base = { teamId: team.id, itemId: item.id, sprintId: sprint.id, actorId: actor.userId, points: item.storyPoints, at };
        await repos.itemEvents.appendMany([
          { ...base, kind: EVENT.sprintRemoved, field: 'sprint', fromValue: String(sprint.id), toValue: null, reason: why },
          { ...base, kind: EVENT.status, field: 'status', fromValue: 'in_sprint', toValue: 'backlog', reason: why },
          {
            ...base,
            sprintId: null,
            points: null,
            kind: EVENT.rank,
            field: 'rank',
            fromValue: item.rank === null ? null : String(item.rank),
            toValue: String(rank),
            reason: 'top',
          },
        ]);
        await enqueue(
          `scope-removed:${sprint.id}:${item.id}:${at}`,
          { kind: 'sprint.scope_changed', sprintId: sprint.id, itemId: item.id, userId: actor.userId, change: 'removed', reason: why },
          at,
          team.id,
        );
        return updated;
      });
    },

    /** The offer after a refused add: flag the item for the PO to consider for the next sprint. */
    async deferToBacklog(itemId: number, actor: Actor): Promise<Item> {
      return await teamTransaction(await teamOfItem(itemId), async () => {
        const item = await repos.items.findById(itemId);
        if (!item) throw new DomainError('item.not_found');
        const { team, members } = await loadTeam(item.teamId);
        requireRole({ team, members, actor }, ['member', 'po', 'sm'], 'sprint.not_member', { action: 'sprint.defer' });
        if (item.status !== 'backlog' && item.status !== 'inbox') throw new DomainError('item.wrong_status', { reason: 'sprint.item_not_waiting' });
        const at = clock().getTime();
        const updated =
          item.status === 'backlog' && !item.needsReprioritisation ? await repos.items.update(item.id, { needsReprioritisation: true, updatedAt: at }) : item;
        if (updated !== item) {
          await repos.itemEvents.append({
            teamId: team.id,
            itemId: item.id,
            actorId: actor.userId,
            kind: EVENT.field,
            field: 'needs_reprioritisation',
            fromValue: 'false',
            toValue: 'true',
            reason: ASKED_DURING_LOCK_REASON,
            at,
          });
        }
        if (team.productOwnerId && team.productOwnerId !== actor.userId) {
          await enqueue(
            `scope-deferred:${item.id}:${actor.userId}:${at}`,
            { kind: 'sprint.scope_deferred', itemId: item.id, userId: actor.userId, productOwnerId: team.productOwnerId },
            at,
            team.id,
          );
        }
        return updated;
      });
    },
  };
}
