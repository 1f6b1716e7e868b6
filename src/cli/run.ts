/** What every operator command shares: argument parsing, the database path, and exit statuses. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadDatabasePath } from '../config.js';
import { OperatorError } from '../db/backup.js';
import { DatabaseInUseError, EXIT_DATABASE_IN_USE } from '../db/instanceLock.js';

/** sysexits.h: EX_USAGE and EX_CONFIG. */
const EXIT_USAGE = 64;
const EXIT_CONFIG = 78;

export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses argv strictly: an unknown flag is a usage error, not silently ignored. */
export function parseCommandLine<T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** --database, else DATABASE_PATH from the environment or .env (as the bot reads it). */
export const databasePathFrom = (flag: string | boolean | undefined): string => (typeof flag === 'string' && flag !== '' ? flag : loadDatabasePath());

/** Runs an operator command: its result on stdout; a readable sentence and a distinct status on failure. */
export async function runCommand(usage: string, body: () => Promise<string>): Promise<void> {
  try {
    const result = await body();
    if (result) process.stdout.write(`${result}\n`);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${usage}\n`);
      process.exitCode = EXIT_USAGE;
    } else if (error instanceof DatabaseInUseError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = EXIT_DATABASE_IN_USE;
    } else if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = EXIT_CONFIG;
    } else {
      process.stderr.write(`${error instanceof OperatorError ? error.message : `Failed: ${(error as Error)?.message ?? String(error)}`}\n`);
      process.exitCode = 1;
    }
  }
}
