import { eq } from 'drizzle-orm';
import { itemFollowersTable } from '../schema.js';
import type { Db } from '../types.js';

/** People linked to an item besides its requester (e.g. requesters of merged duplicates). */
export function createItemFollowersRepository({ db }: { db: Db }) {
  return {
    add(itemId: number, userId: string): void {
      db.insert(itemFollowersTable).values({ itemId, userId }).onConflictDoNothing().run();
    },

    listForItem(itemId: number): string[] {
      return db
        .select({ userId: itemFollowersTable.userId })
        .from(itemFollowersTable)
        .where(eq(itemFollowersTable.itemId, itemId))
        .all()
        .map((row) => row.userId);
    },
  };
}

export type ItemFollowersRepository = ReturnType<typeof createItemFollowersRepository>;
