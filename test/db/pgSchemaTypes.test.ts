/**
 * Repositories and the domain see the same rows whichever engine stores them: every PostgreSQL
 * table reads and writes exactly the TypeScript types of its SQLite twin. These are type checks:
 * `npm run typecheck` (tsc) is what fails when a column's type drifts; vitest only runs the file.
 */
import type { Table } from 'drizzle-orm';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as pgSchema from '../../src/db/pg/schema.js';
import * as sqliteSchema from '../../src/db/schema.js';

/** The names of a schema module's table exports. */
type TableExports<TModule> = { [K in keyof TModule]: TModule[K] extends Table ? K : never }[keyof TModule];
type Selected<TModule> = { [K in TableExports<TModule>]: TModule[K] extends { $inferSelect: infer Row } ? Row : never };
type Inserted<TModule> = { [K in TableExports<TModule>]: TModule[K] extends { $inferInsert: infer Row } ? Row : never };

describe('the PostgreSQL schema types', () => {
  it('has a table export for each SQLite one, under the same name', () => {
    expectTypeOf<TableExports<typeof pgSchema>>().toEqualTypeOf<TableExports<typeof sqliteSchema>>();
  });

  it('selects the same row type from every table', () => {
    expectTypeOf<Selected<typeof pgSchema>>().toEqualTypeOf<Selected<typeof sqliteSchema>>();
    // Spelled out for one table too, so a reader sees what the mapped check compares.
    expectTypeOf<typeof pgSchema.itemsTable.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.itemsTable.$inferSelect>();
  });

  it('inserts the same row type into every table (ids and defaults optional alike)', () => {
    expectTypeOf<Inserted<typeof pgSchema>>().toEqualTypeOf<Inserted<typeof sqliteSchema>>();
  });

  it('shares the enum values rather than repeating them', () => {
    const enums = (schema: typeof sqliteSchema | typeof pgSchema) => [
      schema.ITEM_TYPES,
      schema.ITEM_STATUSES,
      schema.ITEM_SOURCES,
      schema.MOSCOW,
      schema.WORK_STATES,
      schema.URGENCIES,
      schema.WATCH_OUTCOMES,
    ];
    const sqliteEnums = enums(sqliteSchema);
    for (const [index, values] of enums(pgSchema).entries()) expect(values).toBe(sqliteEnums[index]);
  });
});
