import { and, eq, gte, lt } from 'drizzle-orm';
import { oauthStatesTable } from '../schema.js';
import type { Db } from '../types.js';

/** The OAuth state of each "Add to Slack" click, until it is used once or expires. */
export function createOAuthStatesRepository({ db }: { db: Db }) {
  return {
    insert(state: string, installOptions: string, at: number): void {
      db.insert(oauthStatesTable).values({ state, installOptions, createdAt: at }).run();
    },

    /** Takes a state issued at or after `notBefore` (deleting it, so it works once); undefined if unknown, used or expired. */
    consume(state: string, notBefore: number): string | undefined {
      const row = db
        .delete(oauthStatesTable)
        .where(and(eq(oauthStatesTable.state, state), gte(oauthStatesTable.createdAt, notBefore)))
        .returning({ installOptions: oauthStatesTable.installOptions })
        .get();
      return row?.installOptions;
    },

    /** Forgets states nobody came back with. */
    pruneBefore(cutoff: number): number {
      return db.delete(oauthStatesTable).where(lt(oauthStatesTable.createdAt, cutoff)).run().changes;
    },
  };
}

export type OAuthStatesRepository = ReturnType<typeof createOAuthStatesRepository>;
