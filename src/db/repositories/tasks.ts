import { asc, eq, inArray } from 'drizzle-orm';
import { firstRow, isRowId } from '../query.js';
import type { tasksTable } from '../schema.js';
import type { Access } from '../types.js';

export type Task = typeof tasksTable.$inferSelect;
export type NewTask = Omit<typeof tasksTable.$inferInsert, 'id'>;

/** Tasks an item is broken into during the sprint. */
export function createTasksRepository({ db, tables }: Access) {
  const { tasksTable } = tables;
  return {
    async findById(id: number): Promise<Task | undefined> {
      if (!isRowId(id)) return undefined;
      return firstRow(db().select().from(tasksTable).where(eq(tasksTable.id, id)).limit(1));
    },

    async listForItems(itemIds: number[]): Promise<Task[]> {
      if (itemIds.length === 0) return [];
      return db().select().from(tasksTable).where(inArray(tasksTable.itemId, itemIds)).orderBy(asc(tasksTable.id));
    },

    async insert(task: NewTask): Promise<Task> {
      return (await db().insert(tasksTable).values(task).returning())[0]!;
    },

    async update(id: number, changes: Partial<NewTask>): Promise<Task> {
      const row = await firstRow(db().update(tasksTable).set(changes).where(eq(tasksTable.id, id)).returning());
      if (!row) throw new Error(`task ${id} not found`);
      return row;
    },
  };
}

export type TasksRepository = ReturnType<typeof createTasksRepository>;
