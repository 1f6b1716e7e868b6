/** users.info facts (timezone, admin) cached in SQLite for a day. */
import type { WebClient } from '@slack/web-api';
import type { Repositories } from '../db/repositories/index.js';
import type { Clock } from '../domain/clock.js';
import type { AppLogger } from '../logger.js';
import type { WorkspaceTokens } from './workspaces/workspaceAuth.js';

const TTL_MS = 24 * 60 * 60 * 1000;
/** At most this long on a request's ack path (Slack allows 3 s for the whole request). */
const LOOKUP_WAIT_MS = 1_200;

export interface UserFacts {
  tz: string | null;
  isAdmin: boolean;
}

/** `tokens`: distribution mode, where each workspace is asked with its own token (omitted: the client's). */
export function createUserDirectory({
  client,
  repos,
  clock,
  logger,
  tokens,
}: {
  client: WebClient;
  repos: Repositories;
  clock: Clock;
  logger: AppLogger;
  tokens?: WorkspaceTokens;
}) {
  async function fetchFacts(slackTeamId: string, userId: string, now: number): Promise<UserFacts> {
    const token = tokens ? await tokens.forWorkspace(slackTeamId) : undefined;
    if (token === null) throw new Error(`no installation serves workspace ${slackTeamId}`);
    const response = await client.users.info({ user: userId, ...(token ? { token } : {}) });
    const user = response.user;
    const facts = { tz: user?.tz ?? null, isAdmin: Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner) };
    await repos.slackUsers.upsert({ slackTeamId, userId, tz: facts.tz, isAdmin: facts.isAdmin, fetchedAt: now });
    return facts;
  }

  /**
   * The person's facts, from the cache or users.info. Callers on an ack path must not wait out
   * Slack's 3 seconds, so a slow lookup answers from what is known after `waitMs` (the fetch
   * still completes and fills the cache for next time).
   */
  async function lookup(slackTeamId: string, userId: string, { waitMs = LOOKUP_WAIT_MS }: { waitMs?: number } = {}): Promise<UserFacts> {
    const cached = await repos.slackUsers.find(slackTeamId, userId);
    const now = clock().getTime();
    if (cached && now - cached.fetchedAt < TTL_MS) return { tz: cached.tz, isAdmin: cached.isAdmin };
    const known: UserFacts = cached ? { tz: cached.tz, isAdmin: cached.isAdmin } : { tz: null, isAdmin: false };
    const fetched = fetchFacts(slackTeamId, userId, now).catch((error) => {
      logger.warn(`users.info failed for ${userId}`, error);
      return known;
    });
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<UserFacts>((resolve) => {
      timer = setTimeout(() => {
        logger.warn(`users.info for ${userId} is slow; answering from what is known`);
        resolve(known);
      }, waitMs);
      timer.unref();
    });
    try {
      return await Promise.race([fetched, slow]);
    } finally {
      clearTimeout(timer);
    }
  }

  return { lookup };
}

export type UserDirectory = ReturnType<typeof createUserDirectory>;
