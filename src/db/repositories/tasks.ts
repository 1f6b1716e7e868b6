import { asc, eq, inArray } from 'drizzle-orm';
import { tasksTable } from '../schema.js';
import type { Db } from '../types.js';

export type Task = typeof tasksTable.$inferSelect;
export type NewTask = Omit<typeof tasksTable.$inferInsert, 'id'>;

/** Tasks an item is broken into during the sprint. */
export function createTasksRepository({ db }: { db: Db }) {
  return {
    findById(id: number): Task | undefined {
      return db.select().from(tasksTable).where(eq(tasksTable.id, id)).get();
    },

    listForItems(itemIds: number[]): Task[] {
      if (itemIds.length === 0) return [];
      return db.select().from(tasksTable).where(inArray(tasksTable.itemId, itemIds)).orderBy(asc(tasksTable.id)).all();
    },

    insert(task: NewTask): Task {
      return db.insert(tasksTable).values(task).returning().get();
    },

    update(id: number, changes: Partial<NewTask>): Task {
      const row = db.update(tasksTable).set(changes).where(eq(tasksTable.id, id)).returning().get();
      if (!row) throw new Error(`task ${id} not found`);
      return row;
    },
  };
}

export type TasksRepository = ReturnType<typeof createTasksRepository>;
