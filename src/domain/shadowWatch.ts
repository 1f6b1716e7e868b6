/**
 * Shadow-backlog watch: notices requests for work made in a team's watched channels and offers the
 * official path, once, to their author. Privacy by construction: the message text is only scored
 * here (detectRequest) and never stored; a spotted request keeps ids, score, reason codes, outcome.
 */
import type { Repositories } from '../db/repositories/index.js';
import type { Team } from '../db/repositories/teams.js';
import type { WatchRequest } from '../db/repositories/watch.js';
import type { ItemSource } from '../db/schema.js';
import type { Clock } from './clock.js';
import { DomainError } from './errors.js';
import { EVENT } from './events.js';
import { addDays, isValidTimeZone, localDate, startOfLocalDay } from './localTime.js';
import { detectRequest, type RequestVerdict } from './requestDetector.js';
import { rolesOf, type Actor } from './roles.js';
import { serviceKit } from './serviceKit.js';

/** At most this many nudges a person gets from one team in one day of the team's timezone. */
export const NUDGES_PER_DAY = 3;
/** A spotted request nobody sent or dismissed within this long counts as ignored. */
export const IGNORED_AFTER_MS = 24 * 3_600_000;
/** How many ignored requests the PO's App Home lists. */
export const IGNORED_LIST_LIMIT = 5;
/** Sources of backlog intake: the official path vs capture from conversation. */
export const OFFICIAL_SOURCES: readonly ItemSource[] = ['command', 'shortcut'];
export const CONVERSATION_SOURCES: readonly ItemSource[] = ['reaction', 'mention', 'nudge'];

export interface WatchedMessage {
  teamId: number;
  channelId: string;
  ts: string;
  /** The thread's parent ts when the message is a reply. */
  threadTs: string | null;
  authorId: string;
  text: string;
}

/** What the watch did with a message; only "nudged" reaches the author. */
export type WatchDecision =
  | { kind: 'skipped'; why: 'opted_out' | 'captured' | 'seen' | 'standup_thread' | 'no_team' }
  | { kind: 'not_request'; verdict: RequestVerdict }
  | { kind: 'spotted'; request: WatchRequest; verdict: RequestVerdict; why: 'daily_limit' }
  | { kind: 'nudged'; request: WatchRequest; verdict: RequestVerdict };

export interface WatchHealth {
  spotted: number;
  nudged: number;
  sent: number;
  dismissed: number;
  ignored: number;
  /** Backlog intake in the period by path. */
  intake: { official: number; conversation: number };
}

export function createShadowWatchService({ repos, clock, detect = detectRequest }: { repos: Repositories; clock: Clock; detect?: typeof detectRequest }) {
  const timezoneOf = (team: Team) => (isValidTimeZone(team.timezone) ? team.timezone : 'UTC');
  const { enqueue, teamTransaction } = serviceKit(repos);

  async function requireRequest(requestId: number): Promise<{ request: WatchRequest; team: Team }> {
    const request = await repos.watch.findById(requestId);
    const team = request ? await repos.teams.findById(request.teamId) : undefined;
    if (!request || !team) throw new DomainError('watch.not_found');
    return { request, team };
  }

  function requireAuthor(request: WatchRequest, userId: string): void {
    if (request.authorId !== userId) throw new DomainError('watch.not_author');
  }

  /** The author's own answer to the nudge: only while nobody decided yet (a click replayed later changes nothing). */
  async function decide(requestId: number, userId: string, outcome: 'dismissed' | 'opted_out'): Promise<WatchRequest> {
    const { request } = await requireRequest(requestId);
    requireAuthor(request, userId);
    const at = clock().getTime();
    return await teamTransaction(request.teamId, async () => {
      if (outcome === 'opted_out') await repos.watch.optOut(request.teamId, userId, at);
      // Read again while held: another instance may have just sent or dismissed it.
      const current = (await repos.watch.findById(request.id))!;
      if (current.outcome === 'spotted' || current.outcome === 'nudged') await repos.watch.update(request.id, { outcome, decidedAt: at });
      return (await repos.watch.findById(request.id))!;
    });
  }

  return {
    /** The team watching this channel (cheap: one indexed lookup, for every message event). */
    async teamWatching(slackTeamId: string, channelId: string): Promise<number | undefined> {
      return await repos.watch.teamIdWatching(slackTeamId, channelId);
    },

    /**
     * Scores a new human message of a watched channel; records a request and queues its nudge
     * (in one transaction, keyed by the message, so a redelivered event nudges nobody twice).
     */
    async consider(message: WatchedMessage): Promise<WatchDecision> {
      const team = await repos.teams.findById(message.teamId);
      if (!team) return { kind: 'skipped', why: 'no_team' };
      if (await repos.watch.isOptedOut(team.id, message.authorId)) return { kind: 'skipped', why: 'opted_out' };
      if (await repos.items.findBySourceMessage(team.id, message.channelId, message.ts)) return { kind: 'skipped', why: 'captured' };
      if (await repos.watch.findByMessage(team.id, message.channelId, message.ts)) return { kind: 'skipped', why: 'seen' };
      const verdict = detect(message.text);
      if (!verdict.isRequest) return { kind: 'not_request', verdict };
      if (message.threadTs && (await repos.standups.isRunThread(message.channelId, message.threadTs))) return { kind: 'skipped', why: 'standup_thread' };
      const at = clock().getTime();
      const today = localDate(at, timezoneOf(team));
      const dayStart = startOfLocalDay(today, timezoneOf(team));
      const dayEnd = startOfLocalDay(addDays(today, 1), timezoneOf(team));
      // Held: messages handled at once by several instances count each other's nudges.
      return await teamTransaction(team.id, async (): Promise<WatchDecision> => {
        const limited = (await repos.watch.countNudges(team.id, message.authorId, dayStart, dayEnd)) >= NUDGES_PER_DAY;
        const request = await repos.watch.insert({
          teamId: team.id,
          channelId: message.channelId,
          ts: message.ts,
          threadTs: message.threadTs,
          authorId: message.authorId,
          score: Math.round(verdict.score * 1000) / 1000,
          reasons: verdict.reasons.join(','),
          outcome: limited ? 'spotted' : 'nudged',
          spottedAt: at,
          nudgedAt: limited ? null : at,
        });
        if (!request) return { kind: 'skipped', why: 'seen' };
        if (limited) return { kind: 'spotted', request, verdict, why: 'daily_limit' };
        await enqueue(`watch-nudge:${request.id}`, { kind: 'watch.nudge', requestId: request.id }, at, team.id);
        return { kind: 'nudged', request, verdict };
      });
    },

    /** Keeps the spotted message's link (for the PO's list); best effort. */
    async attachPermalink(requestId: number, permalink: string): Promise<void> {
      await repos.watch.update(requestId, { permalink });
    },

    /** "Not a request" from the author. */
    async dismiss(requestId: number, userId: string): Promise<WatchRequest> {
      return await decide(requestId, userId, 'dismissed');
    },

    /** "Don't ask me again" from the author: no more nudges from this team. */
    async optOut(requestId: number, userId: string): Promise<WatchRequest> {
      return await decide(requestId, userId, 'opted_out');
    },

    /**
     * A spotted request someone wants to send to the backlog: its author (from the nudge), or the
     * team's Product Owner (from the App Home list of ignored requests).
     */
    async forCapture(requestId: number, actor: Actor, as: 'author' | 'po'): Promise<{ request: WatchRequest; team: Team }> {
      const found = await requireRequest(requestId);
      if (as === 'author') requireAuthor(found.request, actor.userId);
      else if (!rolesOf(found.team, [], actor.userId).has('po')) {
        throw new DomainError('watch.not_po', { productOwnerId: found.team.productOwnerId ?? '' });
      }
      return found;
    },

    /** Spotted, sent, dismissed and ignored requests of [since, until], and the intake by path. */
    async health(teamId: number, since: number, until: number): Promise<WatchHealth> {
      const now = clock().getTime();
      const counts = await repos.watch.countOutcomes(teamId, since, until, now - IGNORED_AFTER_MS);
      const created = (await repos.itemEvents.listForTeamSince(teamId, [EVENT.created], since)).filter((event) => event.at <= until);
      const bySource = (sources: readonly ItemSource[]) => created.filter((event) => sources.includes(event.reason as ItemSource)).length;
      return {
        spotted: counts.spotted + counts.nudged + counts.sent + counts.dismissed + counts.opted_out + counts.ignored,
        nudged: counts.nudged,
        sent: counts.sent,
        dismissed: counts.dismissed + counts.opted_out,
        ignored: counts.ignored,
        intake: { official: bySource(OFFICIAL_SOURCES), conversation: bySource(CONVERSATION_SOURCES) },
      };
    },

    /** Requests nobody sent or dismissed for a day, newest first (for the PO). */
    async ignored(teamId: number, limit = IGNORED_LIST_LIMIT): Promise<WatchRequest[]> {
      return await repos.watch.listIgnored(teamId, clock().getTime() - IGNORED_AFTER_MS, limit);
    },

    async channels(teamId: number): Promise<string[]> {
      return await repos.watch.channelsOf(teamId);
    },
  };
}

export type ShadowWatchService = ReturnType<typeof createShadowWatchService>;
