/**
 * The OAuth state store of "Add to Slack": each state is random, signed with SLACK_STATE_SECRET,
 * kept in the database and usable once within 10 minutes. @slack/oauth's default store (a signed
 * JWT) would accept the same state again until it expires; this one refuses a replay.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { InstallURLOptions, StateStore } from '@slack/bolt';
import type { Repositories } from '../../db/repositories/index.js';

/** As long as @slack/oauth keeps the state cookie (stateCookieExpirationSeconds). */
export const STATE_TTL_MS = 10 * 60 * 1000;

/** @slack/oauth answers this code with 400 ("invalid state") instead of 500. */
class InvalidStateError extends Error {
  readonly code = 'slack_oauth_invalid_state';
}

export function createOAuthStateStore({ repos, secret }: { repos: Repositories; secret: string }): StateStore {
  const sign = (nonce: string) => createHmac('sha256', secret).update(nonce).digest('base64url');
  const signedBySelf = (state: string): boolean => {
    const [nonce, mac, extra] = state.split('.');
    if (!nonce || !mac || extra !== undefined) return false;
    const expected = Buffer.from(sign(nonce));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given);
  };
  return {
    async generateStateParam(installOptions: InstallURLOptions, now: Date): Promise<string> {
      const nonce = randomBytes(24).toString('base64url');
      const state = `${nonce}.${sign(nonce)}`;
      await repos.oauthStates.pruneBefore(now.getTime() - STATE_TTL_MS);
      await repos.oauthStates.insert(state, JSON.stringify(installOptions), now.getTime());
      return state;
    },

    async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
      if (!signedBySelf(state)) throw new InvalidStateError('The OAuth state was not issued by this app');
      const options = await repos.oauthStates.consume(state, now.getTime() - STATE_TTL_MS);
      if (options === undefined) throw new InvalidStateError('The OAuth state was already used or has expired');
      return JSON.parse(options) as InstallURLOptions;
    },
  };
}
