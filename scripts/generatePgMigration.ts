/**
 * npm run db:generate:pg [-- --name <name> | --custom]: drizzle-kit generate for PostgreSQL
 * (drizzle.pg.config.ts), then the generated SQL made schema-neutral (see pgMigrations.ts).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withoutPublicSchema } from './pgMigrations.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const folder = join(root, 'migrations/pg');
const kit = spawnSync('npx', ['drizzle-kit', 'generate', '--config', 'drizzle.pg.config.ts', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
if (kit.status !== 0) process.exit(kit.status ?? 1);
for (const name of readdirSync(folder).filter((file) => file.endsWith('.sql'))) {
  const file = join(folder, name);
  const before = readFileSync(file, 'utf8');
  const after = withoutPublicSchema(before);
  if (after !== before) writeFileSync(file, after);
}
