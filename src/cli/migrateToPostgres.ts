/** npm run migrate-to-postgres [-- --database <path>]: copies the SQLite database into an empty PostgreSQL database (Rituals stopped). */
import { ConfigError, loadDatabaseUrl } from '../config.js';
import { copySqliteToPostgres } from '../db/sqliteToPostgres/copy.js';
import { formatCounts } from '../db/sqliteToPostgres/countsTable.js';
import { databasePathFrom, parseCommandLine, runCommand, UsageError } from './run.js';

const USAGE =
  'Usage: npm run migrate-to-postgres [-- --database <path>]\n' +
  '  Stop Rituals first. Copies every table of the SQLite database (DATABASE_PATH, or --database) into the\n' +
  '  empty PostgreSQL database DATABASE_URL names, in one transaction, and checks the row counts.';

await runCommand(USAGE, async () => {
  const { values, positionals } = parseCommandLine(process.argv.slice(2), { database: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError('This command takes no file: it reads DATABASE_PATH (or --database) and DATABASE_URL.');
  const source = databasePathFrom(values.database);
  const databaseUrl = loadDatabaseUrl();
  if (!databaseUrl)
    throw new ConfigError(['DATABASE_URL is not set: set it to the PostgreSQL database to copy into, e.g. postgres://user:password@host:5432/rituals']);
  const report = await copySqliteToPostgres(source, databaseUrl, {
    onTable: (table, rows) => process.stderr.write(`copied ${table}: ${rows} row(s)\n`),
  });
  return [
    formatCounts(report.counts),
    report.notCopied.length > 0 ? `Not copied (not tables of Rituals): ${report.notCopied.join(', ')}.` : '',
    `Copied ${report.counts.length} tables, ${report.rows} rows from ${source} to PostgreSQL in ${report.seconds.toFixed(1)} s; every row count matches.`,
    'Start Rituals with DATABASE_URL set to use it; keep the SQLite file as a backup.',
  ]
    .filter(Boolean)
    .join('\n');
});
