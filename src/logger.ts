/**
 * The app's logger: pino underneath, Bolt's Logger shape on top (so Bolt, web-api and Socket Mode
 * log through it too), and no Slack token or signing secret in any line.
 *
 * pino serializes every line to JSON. LOG_FORMAT=json writes that line as it is; the default text
 * format reshapes it into our human-readable line ("<time> INFO [name] message key=value") in a
 * small destination, instead of pino-pretty, which is a dev tool run in a worker thread and would
 * be one more runtime dependency for a format we already had. Secrets are removed from the final
 * line, whatever produced it (a message, an error's stack, a field), so no path can skip it.
 */
import { LogLevel as BoltLogLevel, type Logger } from '@slack/bolt';
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { LogFormat, LogLevel } from './config.js';

// xoxe-: the refresh tokens (and xoxe.xoxb- the access tokens) of token rotation.
const TOKEN_PATTERN = /\b(xox[abposre]|xapp)-[A-Za-z0-9-]+/g;

/** Replaces anything shaped like a Slack token, and each given secret, with a marker. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  // Every line passes here: the cheap includes() checks skip the rewrites on the (usual) clean line.
  let out = text.includes('xox') || text.includes('xapp-') ? text.replace(TOKEN_PATTERN, '$1-[redacted]') : text;
  for (const secret of secrets) if (secret.length >= 8 && out.includes(secret)) out = out.split(secret).join('[redacted]');
  return out;
}

/** A secret as it appears inside a JSON string too (quotes and backslashes escaped), when that differs. */
function withJsonForms(secrets: readonly string[]): string[] {
  return secrets.flatMap((secret) => {
    const escaped = JSON.stringify(secret).slice(1, -1);
    return escaped === secret ? [secret] : [secret, escaped];
  });
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

/**
 * An error as a log field: its type, message, stack, and the few scalar fields that say what went
 * wrong (code, Slack's error, HTTP status). Not its other properties: Slack and Bolt errors carry
 * request bodies, response bodies and headers, which are large and may hold tokens or people's text.
 */
export function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: stringify(error) };
  const fields = error as Error & { code?: unknown; statusCode?: unknown; data?: { error?: unknown }; retryAfter?: unknown; cause?: unknown };
  const out: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  if (typeof fields.code === 'string' || typeof fields.code === 'number') out.code = fields.code;
  if (typeof fields.data?.error === 'string') out.slackError = fields.data.error;
  if (typeof fields.statusCode === 'number') out.status = fields.statusCode;
  if (typeof fields.retryAfter === 'number') out.retryAfter = fields.retryAfter;
  if (fields.cause !== undefined && depth < 3) out.cause = serializeError(fields.cause, depth + 1);
  return out;
}

/** Values a structured log field may hold (no objects: a line's size stays bounded and predictable). */
export type LogFieldValue = string | number | boolean | null | undefined;
export type LogFields = Record<string, LogFieldValue>;

export interface AppLogger extends Logger {
  child(name: string): AppLogger;
  /** One line with structured fields: JSON keys in the json format, key=value pairs in text. */
  line(level: LogLevel, message: string, fields: LogFields): void;
  isLevelEnabled(level: LogLevel): boolean;
}

const RESERVED = new Set(['level', 'time', 'name', 'msg', 'err']);

function textValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text);
}

/** pino's JSON line -> "<time> LEVEL [name] message key=value ... <stack>" (the format we always had). */
export function textLine(json: string): string {
  const record = JSON.parse(json) as Record<string, unknown> & { err?: { stack?: string; message?: string } };
  const parts = [String(record.time), String(record.level).toUpperCase(), `[${String(record.name)}]`];
  // An error logged alone has its message as msg; its stack repeats it.
  if (record.msg && !(record.err && record.msg === record.err.message)) parts.push(String(record.msg));
  for (const key of Object.keys(record)) if (!RESERVED.has(key)) parts.push(`${key}=${textValue(record[key])}`);
  if (record.err) parts.push(record.err.stack ?? record.err.message ?? '');
  return parts.join(' ');
}

/**
 * stderr, one write per event-loop turn: under load many requests finish in one turn, and a write
 * is a system call (on a busy machine, as much CPU as building the line). Lines wait at most until
 * the turn ends, and are flushed on exit too, so a crash or process.exit() loses none (SIGKILL can
 * lose the last turn's).
 */
let pendingLines: string[] = [];
let flushScheduled = false;
function flushStderr(): void {
  flushScheduled = false;
  if (pendingLines.length === 0) return;
  const text = `${pendingLines.join('\n')}\n`;
  pendingLines = [];
  process.stderr.write(text);
}
let exitHooked = false;
const stderrSink = (line: string) => {
  if (!exitHooked) {
    exitHooked = true;
    process.on('exit', flushStderr);
  }
  pendingLines.push(line);
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flushStderr);
  }
};

/** Writes one line per message to the sink (stderr by default), as text or as JSON. */
export function createLogger(
  level: LogLevel,
  {
    secrets = [],
    sink = stderrSink,
    name = 'rituals',
    format = 'text',
  }: {
    secrets?: readonly string[];
    sink?: (line: string) => void;
    name?: string;
    format?: LogFormat;
  } = {},
): AppLogger {
  const hidden = withJsonForms(secrets);
  const destination: DestinationStream = {
    write: (json: string) => {
      const trimmed = json.endsWith('\n') ? json.slice(0, -1) : json;
      sink(redactSecrets(format === 'json' ? trimmed : textLine(trimmed), hidden));
    },
  };
  const root = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: (error: unknown) => serializeError(error) },
    },
    destination,
  );
  return wrap(root.child({ name }), root, name);
}

function wrap(initial: PinoLogger, root: PinoLogger, initialName: string): AppLogger {
  let current = initial;
  let currentName = initialName;
  const write = (at: LogLevel, args: unknown[]) => {
    if (!current.isLevelEnabled(at)) return;
    const error = args.find((arg) => arg instanceof Error);
    const rest = args.filter((arg) => arg !== error);
    const message = rest.length > 0 ? rest.map(stringify).join(' ') : ((error as Error | undefined)?.message ?? '');
    if (error) current[at]({ err: error }, message);
    else current[at](message);
  };
  return {
    debug: (...args) => write('debug', args),
    info: (...args) => write('info', args),
    warn: (...args) => write('warn', args),
    error: (...args) => write('error', args),
    line: (at, message, fields) => {
      if (current.isLevelEnabled(at)) current[at](fields, message);
    },
    isLevelEnabled: (at) => current.isLevelEnabled(at),
    setLevel: (boltLevel) => {
      current.level = boltLevel === BoltLogLevel.DEBUG ? 'debug' : boltLevel;
    },
    getLevel: () => current.level as BoltLogLevel,
    // Socket Mode names the logger it is given; a fresh child keeps the name in one field.
    setName: (newName) => {
      currentName = newName;
      current = root.child({ name: newName }, { level: current.level });
    },
    child: (childName) => {
      const name = `${currentName}:${childName}`;
      return wrap(root.child({ name }, { level: current.level }), root, name);
    },
  };
}
