import { and, eq, gte, lt } from 'drizzle-orm';
import { affectedRows, firstRow } from '../query.js';
import type { Access } from '../types.js';

/** The OAuth state of each "Add to Slack" click, until it is used once or expires. */
export function createOAuthStatesRepository({ db, tables }: Access) {
  const { oauthStatesTable } = tables;
  return {
    async insert(state: string, installOptions: string, at: number): Promise<void> {
      await db().insert(oauthStatesTable).values({ state, installOptions, createdAt: at });
    },

    /** Takes a state issued at or after `notBefore` (deleting it, so it works once); undefined if unknown, used or expired. */
    async consume(state: string, notBefore: number): Promise<string | undefined> {
      const row = await firstRow(
        db()
          .delete(oauthStatesTable)
          .where(and(eq(oauthStatesTable.state, state), gte(oauthStatesTable.createdAt, notBefore)))
          .returning({ installOptions: oauthStatesTable.installOptions }),
      );
      return row?.installOptions;
    },

    /** Forgets states nobody came back with. */
    async pruneBefore(cutoff: number): Promise<number> {
      return affectedRows(db().delete(oauthStatesTable).where(lt(oauthStatesTable.createdAt, cutoff)));
    },
  };
}

export type OAuthStatesRepository = ReturnType<typeof createOAuthStatesRepository>;
