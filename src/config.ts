/** The only reader of process.env: settings are parsed once with zod and frozen. */
import { existsSync } from 'node:fs';
import { z } from 'zod';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

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

/** The three settings of distribution mode ("Add to Slack"): all set, or none. */
const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

const envSchema = z.object({
  /** Single-workspace mode: the one workspace's Bot User OAuth Token. Not used in distribution mode. */
  SLACK_BOT_TOKEN: z.preprocess(
    blankToUndefined,
    z
      .string()
      .startsWith('xoxb-', { error: 'must be a bot token starting with xoxb-', abort: true })
      .refine((value) => !isPlaceholder(value), { error: `${PLACEHOLDER} (OAuth & Permissions > Bot User OAuth Token)` })
      .optional(),
  ),
  /** Distribution mode (Basic Information > App Credentials): Client ID. */
  SLACK_CLIENT_ID: z.preprocess(blankToUndefined, z.string().optional()),
  /** Distribution mode: Client Secret. */
  SLACK_CLIENT_SECRET: z.preprocess(
    blankToUndefined,
    z
      .string()
      .min(8, { error: 'looks too short to be a client secret', abort: true })
      .refine((value) => !isPlaceholder(value), { error: `${PLACEHOLDER} (Basic Information > App Credentials > Client Secret)` })
      .optional(),
  ),
  /** Distribution mode: any long random string; signs the OAuth state of each "Add to Slack" click. */
  SLACK_STATE_SECRET: z.preprocess(
    blankToUndefined,
    z
      .string()
      .min(16, { error: 'must be at least 16 characters (a long random string)', abort: true })
      .refine((value) => !isPlaceholder(value), { error: `${PLACEHOLDER} (any long random string of your own)` })
      .optional(),
  ),
  /** Distribution mode: days a workspace's data is kept after it uninstalls the app (0 = delete at once). */
  DATA_RETENTION_DAYS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'must be a number of days' })
      .int({ error: 'must be a whole number of days' })
      .min(0, { error: 'must be 0 (delete at once) or more days' })
      .max(3650, { error: 'must be at most 3650 days' })
      .default(30),
  ),
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
  // Set: PostgreSQL (several instances may share it); unset: SQLite at DATABASE_PATH.
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/i.test(value), { error: 'must be a PostgreSQL URL such as postgres://user:password@host:5432/rituals' })
      .optional(),
  ),
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

/**
 * Which mode the settings ask for, and what is missing for it. Checked apart from the schema so a
 * missing signing secret and a missing token are reported together.
 */
function modeProblems(env: NodeJS.ProcessEnv): string[] {
  const given = (name: string) => blankToUndefined(env[name]) !== undefined;
  const set = OAUTH_VARIABLES.filter(given);
  if (set.length > 0 && set.length < OAUTH_VARIABLES.length) {
    return OAUTH_VARIABLES.filter((name) => !given(name)).map((name) => `${name} is required with ${set.join(' and ')} (distribution mode needs all three)`);
  }
  if (set.length === OAUTH_VARIABLES.length) {
    return [
      ...(given('SLACK_BOT_TOKEN') ? ['SLACK_BOT_TOKEN must be unset in distribution mode (each workspace gets its own token when it installs the app)'] : []),
      ...(given('SLACK_APP_TOKEN') ? ['SLACK_APP_TOKEN must be unset in distribution mode ("Add to Slack" needs HTTP mode and a public URL)'] : []),
    ];
  }
  return given('SLACK_BOT_TOKEN')
    ? []
    : ['SLACK_BOT_TOKEN is required (the Bot User OAuth Token, xoxb-...), unless SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are set'];
}

/** Distribution mode: installed by "Add to Slack", one bot token per workspace, kept in the database. */
export interface OAuthSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly stateSecret: string;
}

export interface Config {
  /** Single-workspace mode's token; undefined in distribution mode. */
  readonly slackBotToken: string | undefined;
  /** Set in distribution mode (then slackBotToken is undefined). */
  readonly oauth: OAuthSettings | undefined;
  /** Days an uninstalled workspace's data is kept (distribution mode). */
  readonly dataRetentionDays: number;
  readonly slackSigningSecret: string;
  readonly slackAppToken: string | undefined;
  readonly socketMode: boolean;
  readonly port: number;
  /** Health and metrics server port (Socket Mode's only HTTP; in HTTP mode an extra one besides PORT). */
  readonly healthPort: number | undefined;
  readonly slackApiUrl: string | undefined;
  readonly databasePath: string;
  /** PostgreSQL connection URL; when set, DATABASE_PATH is not used. */
  readonly databaseUrl: string | undefined;
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
  const problems = [...(parsed.success ? [] : parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`)), ...modeProblems(env)];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const values = parsed.data;
  const socketMode = values.SLACK_APP_TOKEN !== undefined;
  if (!socketMode && values.HEALTH_PORT !== undefined && values.HEALTH_PORT !== 0 && values.HEALTH_PORT === values.PORT) {
    throw new ConfigError(['HEALTH_PORT must differ from PORT (in HTTP mode health and metrics are served on PORT already)']);
  }
  return Object.freeze({
    slackBotToken: values.SLACK_BOT_TOKEN,
    oauth:
      values.SLACK_CLIENT_ID && values.SLACK_CLIENT_SECRET && values.SLACK_STATE_SECRET
        ? Object.freeze({ clientId: values.SLACK_CLIENT_ID, clientSecret: values.SLACK_CLIENT_SECRET, stateSecret: values.SLACK_STATE_SECRET })
        : undefined,
    dataRetentionDays: values.DATA_RETENTION_DAYS,
    slackSigningSecret: values.SLACK_SIGNING_SECRET,
    slackAppToken: values.SLACK_APP_TOKEN,
    socketMode,
    port: values.PORT,
    healthPort: values.HEALTH_PORT,
    slackApiUrl: values.SLACK_API_URL,
    databasePath: values.DATABASE_PATH,
    databaseUrl: values.DATABASE_URL,
    logLevel: values.LOG_LEVEL,
    logFormat: values.LOG_FORMAT,
  });
}

/** Every secret setting, for the logger to redact wherever it appears. */
export function configSecrets(config: Config): string[] {
  return [
    config.slackBotToken,
    config.slackSigningSecret,
    config.slackAppToken,
    config.oauth?.clientSecret,
    config.oauth?.stateSecret,
    ...passwordsOf(config.databaseUrl),
  ].filter((secret): secret is string => secret !== undefined);
}

/** The password in a database URL, if it has one (so a logged URL never shows it). */
function passwordsOf(url: string | undefined): string[] {
  if (!url) return [];
  try {
    // As written in the URL (percent-encoded) and as decoded: a log line may show either.
    const raw = new URL(url).password;
    return raw.length > 0 ? [...new Set([raw, decodeURIComponent(raw)])] : [];
  } catch {
    return [];
  }
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

/** DATABASE_URL alone (undefined when unset), for `npm run migrate-to-postgres`; a URL that is not PostgreSQL's is a ConfigError. */
export function loadDatabaseUrl(envFile = '.env'): string | undefined {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  const parsed = envSchema.pick({ DATABASE_URL: true }).safeParse(process.env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`));
  return parsed.data.DATABASE_URL;
}
