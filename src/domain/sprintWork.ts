/** Work on sprint items: the work state (todo / in progress / done) and its event. */
import type { Repositories } from '../db/repositories/index.js';
import type { Item } from '../db/repositories/items.js';
import type { WorkState } from '../db/schema.js';
import type { Clock } from './clock.js';
import { DomainError } from './errors.js';
import { EVENT } from './events.js';

/** Where a work-state change came from (the event's reason). */
export type WorkStateSource = 'standup' | 'sprint' | 'home';

/**
 * Sets a sprint item's work state: done also makes the item done, reopening puts it back in the
 * sprint; appends one work_state event (sprint and points, for burndown). No-op when unchanged.
 */
export function setItemWorkState(
  { repos, clock }: { repos: Repositories; clock: Clock },
  { itemId, state, actorId, source }: { itemId: number; state: WorkState; actorId: string; source: WorkStateSource },
): { item: Item; changed: boolean } {
  return repos.transaction(() => {
    const item = repos.items.findById(itemId);
    if (!item) throw new DomainError('item.not_found');
    if (item.sprintId === null || (item.status !== 'in_sprint' && item.status !== 'done')) {
      throw new DomainError('item.wrong_status', 'it is not in a sprint');
    }
    const from = item.workState ?? 'todo';
    // An item never touched counts as todo, so confirming "todo" writes nothing.
    if (from === state) return { item, changed: false };
    const at = clock().getTime();
    const status = state === 'done' ? 'done' : 'in_sprint';
    const updated = repos.items.update(item.id, { workState: state, status, updatedAt: at });
    repos.itemEvents.append({
      teamId: item.teamId,
      itemId: item.id,
      sprintId: item.sprintId,
      actorId,
      kind: EVENT.workState,
      field: 'work_state',
      fromValue: from,
      toValue: state,
      reason: source,
      points: item.storyPoints,
      at,
    });
    return { item: updated, changed: true };
  });
}
