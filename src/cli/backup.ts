/** npm run backup -- <file> [--force] [--database <path>]: a consistent copy of the (running) bot's database. */
import { backupDatabase } from '../db/backup.js';
import { databasePathFrom, parseCommandLine, runCommand, UsageError } from './run.js';

const USAGE =
  'Usage: npm run backup -- <backup file> [--force] [--database <path>]\n' +
  '  Copies the database (DATABASE_PATH, or --database) consistently, also while Rituals runs.\n' +
  '  --force overwrites an existing backup file.';

await runCommand(USAGE, async () => {
  const { values, positionals } = parseCommandLine(process.argv.slice(2), {
    force: { type: 'boolean', default: false },
    database: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('Give one backup file.');
  const source = databasePathFrom(values.database);
  const started = performance.now();
  const result = await backupDatabase(source, positionals[0]!, { overwrite: values.force === true });
  const megabytes = (result.bytes / 1024 / 1024).toFixed(1);
  return `Backed up ${source} to ${result.path} (${megabytes} MB, ${Math.round(performance.now() - started)} ms).`;
});
