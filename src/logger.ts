/** A small leveled logger (Bolt's Logger shape) that never prints a Slack token. */
import { LogLevel as BoltLogLevel, type Logger } from '@slack/bolt';
import type { LogLevel } from './config.js';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const TOKEN_PATTERN = /\b(xox[abposr]|xapp)-[A-Za-z0-9-]+/g;

/** Replaces anything shaped like a Slack token with a marker. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(TOKEN_PATTERN, '$1-[redacted]');
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  return out;
}

function stringify(value: unknown): string {
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export interface AppLogger extends Logger {
  child(name: string): AppLogger;
}

/** Writes one line per message to the sink (stderr by default). */
export function createLogger(
  level: LogLevel,
  { secrets = [], sink = (line: string) => process.stderr.write(`${line}\n`), name = 'rituals' }: {
    secrets?: readonly string[];
    sink?: (line: string) => void;
    name?: string;
  } = {},
): AppLogger {
  let current = level;
  let currentName = name;
  const write = (at: LogLevel, args: unknown[]) => {
    if (ORDER[at] < ORDER[current]) return;
    const message = args.map(stringify).join(' ');
    sink(redactSecrets(`${new Date().toISOString()} ${at.toUpperCase()} [${currentName}] ${message}`, secrets));
  };
  return {
    debug: (...args) => write('debug', args),
    info: (...args) => write('info', args),
    warn: (...args) => write('warn', args),
    error: (...args) => write('error', args),
    setLevel: (boltLevel) => {
      current = boltLevel === BoltLogLevel.DEBUG ? 'debug' : (boltLevel as LogLevel);
    },
    getLevel: () => current as BoltLogLevel,
    setName: (newName) => {
      currentName = newName;
    },
    child: (childName) => createLogger(current, { secrets, sink, name: `${currentName}:${childName}` }),
  };
}
