import { asc, eq } from 'drizzle-orm';
import type { Access } from '../types.js';

/** People linked to an item besides its requester (e.g. requesters of merged duplicates). */
export function createItemFollowersRepository({ db, tables }: Access) {
  const { itemFollowersTable } = tables;
  return {
    async add(itemId: number, userId: string): Promise<void> {
      await db().insert(itemFollowersTable).values({ itemId, userId }).onConflictDoNothing();
    },

    async listForItem(itemId: number): Promise<string[]> {
      const rows = await db()
        .select({ userId: itemFollowersTable.userId })
        .from(itemFollowersTable)
        .where(eq(itemFollowersTable.itemId, itemId))
        // The primary key's order, which SQLite read them in.
        .orderBy(asc(itemFollowersTable.userId));
      return rows.map((row) => row.userId);
    },
  };
}

export type ItemFollowersRepository = ReturnType<typeof createItemFollowersRepository>;
