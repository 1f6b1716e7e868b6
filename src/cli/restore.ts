/** npm run restore -- <backup file> [--database <path>]: replaces the database with a backup (Rituals stopped). */
import { restoreDatabase } from '../db/restore.js';
import { databasePathFrom, parseCommandLine, runCommand, UsageError } from './run.js';

const USAGE =
  'Usage: npm run restore -- <backup file> [--database <path>]\n' +
  '  Stop Rituals first. Checks the backup, keeps the current database in backups/, and puts the backup\n' +
  '  at DATABASE_PATH (or --database).';

await runCommand(USAGE, async () => {
  const { values, positionals } = parseCommandLine(process.argv.slice(2), { database: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('Give one backup file.');
  const target = databasePathFrom(values.database);
  const result = await restoreDatabase(positionals[0]!, target);
  return [
    `Restored ${positionals[0]} to ${target}: ${result.teams} team(s), ${result.items} item(s), schema at ${result.migration.tag}.`,
    result.previous ? `The database it replaced is kept at ${result.previous}.` : '',
    'Start Rituals now; it applies any newer migrations itself.',
  ]
    .filter(Boolean)
    .join('\n');
});
