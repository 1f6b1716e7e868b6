/** npm run export -- --team <id or channel> [--out <file>] [--force] [--database <path>]: a team as JSON. */
import { chmodSync, closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { loadDatabaseUrl } from '../config.js';
import { OperatorError } from '../db/backup.js';
import { type ExportSource, exportTeam, openPostgresExportSource, openSqliteExportSource } from '../db/teamExport.js';
import { databasePathFrom, parseCommandLine, runCommand, UsageError } from './run.js';

const USAGE =
  'Usage: npm run export -- --team <team id or team channel id> [--out <file>] [--force] [--database <path>]\n' +
  '  Writes everything that belongs to the team as JSON (to stdout without --out). Read-only: safe while Rituals runs.\n' +
  '  Reads PostgreSQL when DATABASE_URL is set, else the SQLite file DATABASE_PATH; --database reads that SQLite file.';

await runCommand(USAGE, async () => {
  const { values, positionals } = parseCommandLine(process.argv.slice(2), {
    team: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean', default: false },
    database: { type: 'string' },
  });
  if (!values.team || positionals.length > 0) throw new UsageError('Give the team with --team.');
  // A file named on the command line is read even when DATABASE_URL is set (e.g. the SQLite file kept after moving to PostgreSQL).
  const databaseUrl = values.database ? undefined : loadDatabaseUrl();
  const source: ExportSource = databaseUrl ? await openPostgresExportSource(databaseUrl) : openSqliteExportSource(databasePathFrom(values.database));
  let json: string;
  let summary: string;
  try {
    const exported = await exportTeam(source, values.team);
    json = `${JSON.stringify(exported, null, 2)}\n`;
    summary = `${exported.team.name}: ${exported.items.length} item(s), ${exported.sprints.length} sprint(s)`;
  } finally {
    await source.close();
  }
  if (!values.out) {
    process.stdout.write(json);
    return '';
  }
  if (existsSync(values.out) && !values.force) throw new OperatorError(`${values.out} already exists; choose another file, or pass --force to overwrite it.`);
  // Owner-only from the first byte: the export holds every standup answer and requester.
  const fd = openSync(values.out, values.force ? 'w' : 'wx', 0o600);
  try {
    chmodSync(values.out, 0o600);
    writeSync(fd, json);
  } finally {
    closeSync(fd);
  }
  return `Exported ${summary} to ${values.out}.`;
});
