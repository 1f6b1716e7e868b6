/** users.info facts (timezone, admin) cached in SQLite for a day. */
import type { WebClient } from '@slack/web-api';
import type { Repositories } from '../db/repositories/index.js';
import type { Clock } from '../domain/clock.js';
import type { AppLogger } from '../logger.js';

const TTL_MS = 24 * 60 * 60 * 1000;

export interface UserFacts {
  tz: string | null;
  isAdmin: boolean;
}

export function createUserDirectory({ client, repos, clock, logger }: { client: WebClient; repos: Repositories; clock: Clock; logger: AppLogger }) {
  async function lookup(slackTeamId: string, userId: string): Promise<UserFacts> {
    const cached = repos.slackUsers.find(slackTeamId, userId);
    const now = clock().getTime();
    if (cached && now - cached.fetchedAt < TTL_MS) return { tz: cached.tz, isAdmin: cached.isAdmin };
    try {
      const response = await client.users.info({ user: userId });
      const user = response.user;
      const facts = { tz: user?.tz ?? null, isAdmin: Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner) };
      repos.slackUsers.upsert({ slackTeamId, userId, tz: facts.tz, isAdmin: facts.isAdmin, fetchedAt: now });
      return facts;
    } catch (error) {
      logger.warn(`users.info failed for ${userId}`, error);
      return cached ? { tz: cached.tz, isAdmin: cached.isAdmin } : { tz: null, isAdmin: false };
    }
  }
  return { lookup };
}

export type UserDirectory = ReturnType<typeof createUserDirectory>;
