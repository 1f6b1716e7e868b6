/**
 * Repositories are written once for both engines (src/db/types.ts): they run queries by awaiting
 * them, reach tables through Access, and leave engine-specific SQL to src/db/query.ts or a marked
 * branch. TypeScript cannot see this (the handle is typed as SQLite's), so this test reads the source.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const folder = join(import.meta.dirname, '../../src/db/repositories');
const sources = readdirSync(folder)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => ({ name, text: readFileSync(join(folder, name), 'utf8') }));

describe('repositories run on both engines', () => {
  it('never use the SQLite-only ways to run a query (.get, .all, .run, .values)', () => {
    const offenders = sources.flatMap(({ name, text }) =>
      [...text.matchAll(/\.(get|all|run|values)\(\s*[{)]/g)]
        // .values({...}) of an INSERT is the builder's, not a way to run it.
        .filter((match) => !(match[1] === 'values' && match[0].endsWith('{')))
        .map((match) => `${name}: .${match[1]}()`),
    );
    expect(offenders).toEqual([]);
  });

  it('take their tables from Access, not from the SQLite schema module', () => {
    const offenders = sources.filter(({ text }) => /^import \{[^}]*Table[^}]*\} from '\.\.\/schema\.js'/m.test(text)).map(({ name }) => name);
    expect(offenders).toEqual([]);
  });

  it('import no database driver or dialect module', () => {
    // Type-only imports are the typing repositories are written against (see types.ts).
    const driver = /^import (?!type )[^;]*from '(better-sqlite3|pg|drizzle-orm\/(better-sqlite3|node-postgres|sqlite-core|pg-core))'/m;
    const offenders = sources.filter(({ text }) => driver.test(text)).map(({ name }) => name);
    expect(offenders).toEqual([]);
  });
});
