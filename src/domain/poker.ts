/**
 * Planning poker: votes stay hidden until the facilitator reveals them; the facilitator may start
 * a new round or accept a final estimate, which is saved on the item with an estimate event.
 */
import type { Repositories } from '../db/repositories/index.js';
import type { Item } from '../db/repositories/items.js';
import type { PokerSession, PokerVote } from '../db/repositories/poker.js';
import type { Team } from '../db/repositories/teams.js';
import type { Clock } from './clock.js';
import { DomainError, type GuardedAction } from './errors.js';
import { serviceKit } from './serviceKit.js';
import { EVENT } from './events.js';
import { isPokerCard, NUMERIC_CARDS, pokerStats, type PokerStats } from './pokerStats.js';
import { requireRole, type Actor } from './roles.js';

export interface PokerState {
  session: PokerSession;
  item: Item;
  team: Team;
  votes: PokerVote[];
  /** Only once revealed (or accepted): hidden votes never leave the domain in a view. */
  stats: PokerStats | null;
}

const ESTIMABLE = new Set(['inbox', 'backlog', 'icebox', 'in_sprint']);

export function createPokerService({ repos, clock }: { repos: Repositories; clock: Clock }) {
  const { requireTeam, teamTransaction } = serviceKit(repos);
  /** The team of a session (it never changes), to know which team to hold; poker.not_found when there is none. */
  async function teamOfSession(sessionId: number): Promise<number> {
    const session = await repos.poker.findById(sessionId);
    if (!session) throw new DomainError('poker.not_found');
    return session.teamId;
  }

  async function load(sessionId: number): Promise<{ session: PokerSession; item: Item; team: Team }> {
    const session = await repos.poker.findById(sessionId);
    if (!session) throw new DomainError('poker.not_found');
    const item = await repos.items.findById(session.itemId);
    const team = await repos.teams.findById(session.teamId);
    if (!item || !team) throw new DomainError('poker.not_found');
    return { session, item, team };
  }

  function requireFacilitator(session: PokerSession, actor: Actor, action: GuardedAction): void {
    if (session.facilitatorId !== actor.userId) {
      throw new DomainError('poker.not_facilitator', { facilitatorId: session.facilitatorId, action });
    }
  }

  async function stateOf(sessionId: number): Promise<PokerState> {
    const { session, item, team } = await load(sessionId);
    const votes = await repos.poker.listVotes(session.id, session.round);
    const shown = session.status === 'revealed' || session.status === 'accepted';
    return { session, item, team, votes, stats: shown ? pokerStats(votes.map((v) => v.vote)) : null };
  }

  return {
    state: stateOf,

    /** Opens a session on an item in the team channel; the starter facilitates. Older open sessions end. */
    async start(teamId: number, itemNumber: number, actor: Actor): Promise<PokerState> {
      const session = await teamTransaction(teamId, async () => {
        const team = await requireTeam(teamId);
        requireRole({ team, members: await repos.teams.members(team.id), actor }, ['member', 'po', 'sm'], 'poker.not_member', { action: 'poker.start' });
        const item = await repos.items.findByNumber(team.id, itemNumber);
        if (!item) throw new DomainError('item.not_found');
        if (!ESTIMABLE.has(item.status)) throw new DomainError('item.wrong_status', { reason: 'item.not_estimable' });
        const at = clock().getTime();
        for (const open of await repos.poker.listOpenForItem(item.id)) await repos.poker.update(open.id, { status: 'cancelled', updatedAt: at });
        return await repos.poker.insert({
          teamId: team.id,
          itemId: item.id,
          facilitatorId: actor.userId,
          channelId: team.teamChannelId,
          status: 'voting',
          round: 1,
          createdAt: at,
          updatedAt: at,
        });
      });
      return await stateOf(session.id);
    },

    /** Remembers where the voting message is, so every change updates it. */
    async setMessage(sessionId: number, messageTs: string): Promise<void> {
      await repos.poker.update(sessionId, { messageTs, updatedAt: clock().getTime() });
    },

    /** Records (or changes) a team member's vote in the current round. */
    async vote(sessionId: number, round: number, card: string, actor: Actor): Promise<PokerState> {
      // Held, so a vote never lands in a round the facilitator has just revealed or replaced.
      await teamTransaction(await teamOfSession(sessionId), async () => {
        const { session, team } = await load(sessionId);
        requireRole({ team, members: await repos.teams.members(team.id), actor }, ['member', 'po', 'sm'], 'poker.not_member', { action: 'poker.vote' });
        if (!isPokerCard(card)) throw new DomainError('item.invalid', { reason: 'poker.not_a_card' });
        if (session.status !== 'voting' || session.round !== round) throw new DomainError('poker.closed', { reason: 'poker.round_ended' });
        await repos.poker.upsertVote({ sessionId: session.id, round: session.round, userId: actor.userId, vote: card, at: clock().getTime() });
      });
      return await stateOf(sessionId);
    },

    /** Shows every vote and the statistics (facilitator only). */
    async reveal(sessionId: number, actor: Actor): Promise<PokerState> {
      await teamTransaction(await teamOfSession(sessionId), async () => {
        const { session } = await load(sessionId);
        requireFacilitator(session, actor, 'poker.reveal');
        if (session.status !== 'voting') throw new DomainError('poker.closed', { reason: 'poker.already_revealed' });
        if ((await repos.poker.listVotes(session.id, session.round)).length === 0) throw new DomainError('poker.closed', { reason: 'poker.no_votes' });
        await repos.poker.update(session.id, { status: 'revealed', updatedAt: clock().getTime() });
      });
      return await stateOf(sessionId);
    },

    /** Starts a new round with hidden votes (facilitator only). */
    async revote(sessionId: number, actor: Actor): Promise<PokerState> {
      await teamTransaction(await teamOfSession(sessionId), async () => {
        const { session } = await load(sessionId);
        requireFacilitator(session, actor, 'poker.revote');
        if (session.status !== 'revealed' && session.status !== 'voting') throw new DomainError('poker.closed', { reason: 'poker.session_ended' });
        await repos.poker.update(session.id, { status: 'voting', round: session.round + 1, updatedAt: clock().getTime() });
      });
      return await stateOf(sessionId);
    },

    /** Saves the final estimate on the item with an estimate event (facilitator only). */
    async accept(sessionId: number, points: number, actor: Actor): Promise<PokerState> {
      await teamTransaction(await teamOfSession(sessionId), async () => {
        const { session, item, team } = await load(sessionId);
        requireFacilitator(session, actor, 'poker.accept');
        if (session.status !== 'revealed') throw new DomainError('poker.closed', { reason: 'poker.not_revealed' });
        if (!(NUMERIC_CARDS as readonly number[]).includes(points)) throw new DomainError('item.invalid', { reason: 'poker.estimate_not_a_card' });
        const at = clock().getTime();
        await repos.poker.update(session.id, { status: 'accepted', finalEstimate: points, updatedAt: at });
        await repos.items.update(item.id, { storyPoints: points, updatedAt: at });
        await repos.itemEvents.append({
          teamId: team.id,
          itemId: item.id,
          sprintId: item.sprintId,
          actorId: actor.userId,
          kind: EVENT.estimate,
          field: 'story_points',
          fromValue: item.storyPoints === null ? null : String(item.storyPoints),
          toValue: String(points),
          reason: 'poker',
          points,
          at,
        });
      });
      return await stateOf(sessionId);
    },
  };
}

export type PokerService = ReturnType<typeof createPokerService>;
