/** The item a notification is about, with its team: what most renderers start from. */
import type { Item } from '../../db/repositories/items.js';
import type { Team } from '../../db/repositories/teams.js';
import type { RenderContext } from './types.js';

/** Null when either is gone (deleted since the notification was queued): the renderer then sends nothing. */
export async function loadItemAndTeam(ctx: RenderContext, itemId: number): Promise<{ item: Item; team: Team } | null> {
  const item = await ctx.repos.items.findById(itemId);
  const team = item ? await ctx.repos.teams.findById(item.teamId) : undefined;
  return item && team ? { item, team } : null;
}
