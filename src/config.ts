/** The only reader of process.env: settings are parsed once with zod and frozen. */
import { existsSync } from 'node:fs';
import { z } from 'zod';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * Example values such as .env.example's `xoxb-your-bot-token` or the README's `xoxb-…`: refused by name
 * at start, rather than sent to Slack and reported as a rejected token.
 */
export function isPlaceholder(value: string): boolean {
  return /\byour[-_]|\.\.\.|…|^<.*>$|^change[-_]?me$/i.test(value.trim());
}

const PLACEHOLDER = 'is still a placeholder (an example value, as in .env.example): replace it with your own';

const portNumber = z.coerce
  .number({ error: 'must be a port number' })
  .int({ error: 'must be a whole number' })
  .min(0, { error: 'must be between 0 and 65535' })
  .max(65535, { error: 'must be between 0 and 65535' });

const envSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: 'is required (the Bot User OAuth Token, xoxb-...)' })
    .startsWith('xoxb-', { error: 'must be a bot token starting with xoxb-', abort: true })
    .refine((value) => !isPlaceholder(value), { error: `${PLACEHOLDER} (OAuth & Permissions > Bot User OAuth Token)` }),
  SLACK_SIGNING_SECRET: z
    .string({ error: 'is required (Basic Information > App Credentials > Signing Secret)' })
    .min(8, { error: 'looks too short to be a signing secret', abort: true })
    .refine((value) => !isPlaceholder(value), { error: `${PLACEHOLDER} (Basic Information > App Credentials > Signing Secret)` }),
  SLACK_APP_TOKEN: z.preprocess(
    blankToUndefined,
    z
      .string()
      .startsWith('xapp-', { error: 'must be an app-level token starting with xapp-', abort: true })
      .refine((value) => !isPlaceholder(value), { error: `${PLACEHOLDER} (Basic Information > App-Level Tokens), or remove it to use HTTP mode` })
      .optional(),
  ),
  PORT: z.preprocess(blankToUndefined, portNumber.default(3000)),
  HEALTH_PORT: z.preprocess(blankToUndefined, portNumber.optional()),
  SLACK_API_URL: z.preprocess(
    blankToUndefined,
    z
      .url({ error: 'must be a URL such as https://slack.com/api/' })
      .transform((url) => (url.endsWith('/') ? url : `${url}/`))
      .optional(),
  ),
  DATABASE_PATH: z.preprocess(blankToUndefined, z.string().default('./data/rituals.sqlite')),
  LOG_LEVEL: z.preprocess(
    (value) => (typeof blankToUndefined(value) === 'string' ? String(value).toLowerCase() : undefined),
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
  // "pretty" is what other tools call the human-readable format: accept it as text.
  LOG_FORMAT: z.preprocess(
    (value) => {
      const text = blankToUndefined(value);
      if (typeof text !== 'string') return undefined;
      return text.toLowerCase() === 'pretty' ? 'text' : text.toLowerCase();
    },
    z.enum(LOG_FORMATS, { error: `must be one of ${LOG_FORMATS.join(', ')}` }).default('text'),
  ),
});

export interface Config {
  readonly slackBotToken: string;
  readonly slackSigningSecret: string;
  readonly slackAppToken: string | undefined;
  readonly socketMode: boolean;
  readonly port: number;
  /** Health and metrics server port (Socket Mode's only HTTP; in HTTP mode an extra one besides PORT). */
  readonly healthPort: number | undefined;
  readonly slackApiUrl: string | undefined;
  readonly databasePath: string;
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      [
        'Rituals cannot start: its settings are missing or invalid.',
        ...problems.map((problem) => `  - ${problem}`),
        'Set them in the environment or in a .env file; see "Setup" in README.md (and .env.example).',
      ].join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Parses settings from an environment map; throws ConfigError naming every bad variable (never its value). */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`);
    throw new ConfigError(problems);
  }
  const values = parsed.data;
  const socketMode = values.SLACK_APP_TOKEN !== undefined;
  if (!socketMode && values.HEALTH_PORT !== undefined && values.HEALTH_PORT !== 0 && values.HEALTH_PORT === values.PORT) {
    throw new ConfigError(['HEALTH_PORT must differ from PORT (in HTTP mode health and metrics are served on PORT already)']);
  }
  return Object.freeze({
    slackBotToken: values.SLACK_BOT_TOKEN,
    slackSigningSecret: values.SLACK_SIGNING_SECRET,
    slackAppToken: values.SLACK_APP_TOKEN,
    socketMode,
    port: values.PORT,
    healthPort: values.HEALTH_PORT,
    slackApiUrl: values.SLACK_API_URL,
    databasePath: values.DATABASE_PATH,
    logLevel: values.LOG_LEVEL,
    logFormat: values.LOG_FORMAT,
  });
}

/** Reads .env (if present, without overriding the real environment) and parses process.env. */
export function loadConfig(envFile = '.env'): Config {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseConfig(process.env);
}

/**
 * DATABASE_PATH alone, for operator commands (backup, restore, export) that touch only the database
 * and must not need the Slack tokens.
 */
export function loadDatabasePath(envFile = '.env'): string {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  const parsed = envSchema.pick({ DATABASE_PATH: true }).safeParse(process.env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`));
  return parsed.data.DATABASE_PATH;
}
