import { defineConfig } from 'drizzle-kit';

// PostgreSQL's migrations, generated from src/db/pg/schema.ts beside SQLite's (drizzle.config.ts):
// `npm run db:generate:pg` after a change to the schema, in the same commit as the SQLite one.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/pg/schema.ts',
  out: './migrations/pg',
});
