/**
 * LOG_FORMAT=json from the real entry point (a child process, as `npm start` runs it), at debug level:
 * every line is one JSON object, requests are logged with kind, team, user, duration and outcome,
 * the startup and stop lines say what an operator needs, and no token or the signing secret reaches
 * any line, through normal traffic and error paths alike (Slack errors echoing the token, a handler
 * that throws with the token in its message, bad signatures, garbage bodies).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../src/db/engine/postgres.js';
import { openSqliteStorage } from '../../src/db/engine/sqlite.js';
import { describeDatabase } from '../../src/ops/describe.js';
import { SUGGEST } from '../../src/slack/ids.js';
import { freePort, spawnApp, type AppProcess } from '../helpers/appProcess.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fakeSlack.js';
import { selectValue, SignedSlackClient, textValue, TEST_SIGNING_SECRET } from '../helpers/signedClient.js';
import type { PgTestSchema } from '../helpers/pgDatabase.js';
import { insertTeam, TEST_BOT_TOKEN } from '../helpers/testApp.js';
import { freshPgSchema, onPostgres } from '../helpers/testEngine.js';

const APP_TOKEN = 'xapp-1-A0000000000-1234567890-abcdefabcdef';
const USER_TOKEN = 'xoxp-1111-2222-3333-abcdef';

type LogRecord = Record<string, unknown> & { level: string; time: string; name: string; msg: string };

describe('JSON logs from a running app', () => {
  let dir: string;
  let dbPath: string;
  let pgSchema: PgTestSchema | null = null;
  let slack: FakeSlack;
  let app: AppProcess;
  let client: SignedSlackClient;
  let exitCode: number | null;
  let records: LogRecord[];
  let raw: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rituals-logs-'));
    dbPath = join(dir, 'rituals.sqlite');
    // A team, and a trigger that makes storing a suggestion titled "boom ..." throw with its title in the
    // message: a handler error carrying untrusted text (here a token) out to Bolt's error handler.
    pgSchema = onPostgres() ? await freshPgSchema() : null;
    const storage = pgSchema ? await openPostgresStorage(pgSchema.url, { poolSize: 2 }) : openSqliteStorage(dbPath);
    await insertTeam(storage.repos);
    if (pgSchema) {
      await storage.query(
        `CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.title LIKE 'boom%' THEN RAISE EXCEPTION 'refused %', NEW.title; END IF; RETURN NEW; END $$`,
      );
      await storage.query('CREATE TRIGGER boom BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION boom()');
    } else {
      await storage.query(`CREATE TRIGGER boom BEFORE INSERT ON items WHEN NEW.title LIKE 'boom%' BEGIN SELECT RAISE(ABORT, 'refused ' || NEW.title); END;`);
    }
    await storage.close();

    slack = await startFakeSlack();
    const port = await freePort();
    app = spawnApp({
      port,
      databasePath: dbPath,
      slackApiUrl: slack.apiUrl,
      env: { LOG_FORMAT: 'json', LOG_LEVEL: 'debug', ...(pgSchema ? { DATABASE_URL: pgSchema.url } : {}) },
    });
    // Under tsx on a loaded machine the child may take longer than the default 20 s to answer.
    await app.healthy(45_000);
    client = new SignedSlackClient(app.baseUrl, undefined, undefined, slack.url, { triggers: slack.triggers });

    // Slack errors: ok:false (one whose body echoes the tokens and the secret), an HTTP 500, a rate limit.
    slack.on('conversations.history', () => ({ ok: false, error: 'not_authed', echo: `Bearer ${TEST_BOT_TOKEN} ${USER_TOKEN}`, secret: TEST_SIGNING_SECRET }));
    slack.fail('views.open', { kind: 'error', error: 'invalid_auth' });
    await client.command('/suggest', `token ${TEST_BOT_TOKEN} and ${APP_TOKEN} and ${TEST_SIGNING_SECRET}`);
    await slack.waitUntil(() => slack.callsTo('views.open').length === 1, 5_000, 'the failed views.open');
    await client.command('/suggest', 'Fix login');
    const [open] = await slack.waitFor('views.open');
    const view = open!.args.view;
    // A handler that throws, its error message holding the token.
    await client.viewSubmission(view, {
      [SUGGEST.blocks.title]: { [SUGGEST.action]: textValue(`boom ${TEST_BOT_TOKEN}`) },
      [SUGGEST.blocks.type]: { [SUGGEST.action]: selectValue('bug') },
    });
    // A submission that works, whose receipt first meets a 500 and then a 429.
    slack.fail('chat.postMessage', { kind: 'http', status: 500 }, 1).fail('chat.postMessage', { kind: 'http', status: 429, retryAfter: 1 }, 1);
    await client.viewSubmission(view, {
      [SUGGEST.blocks.title]: { [SUGGEST.action]: textValue(`leak ${TEST_BOT_TOKEN}`) },
      [SUGGEST.blocks.type]: { [SUGGEST.action]: selectValue('bug') },
    });
    await slack.waitUntil(() => slack.sent('chat.postMessage').length >= 1, 10_000, 'the receipt after the failures');
    // Bad signatures, an expired timestamp, garbage, an event.
    await new SignedSlackClient(app.baseUrl, 'not-the-signing-secret-at-all').command('/suggest', `forged ${TEST_BOT_TOKEN}`);
    await client.post(`command=%2Fsuggest&text=${TEST_BOT_TOKEN}`, { timestamp: Math.floor(Date.now() / 1000) - 3_600 });
    await client.post(`garbage ${TEST_BOT_TOKEN}`, { contentType: 'application/json' });
    await client.event({ type: 'reaction_added', user: 'U_ALICE', reaction: 'inbox_tray', item: { type: 'message', channel: 'C_TEAM', ts: '1.000100' } });
    await slack.waitUntil(() => slack.callsTo('conversations.history').length === 1, 5_000, 'the failed capture');
    await new Promise((resolve) => setTimeout(resolve, 300));

    await app.kill('SIGTERM');
    exitCode = await app.exited;
    raw = app.output.join('\n');
    records = app.output.map((line) => JSON.parse(line) as LogRecord);
  }, 60_000);

  afterAll(async () => {
    await app?.kill('SIGKILL');
    await slack?.stop();
    await pgSchema?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes one JSON object per line, with level, time and logger name', () => {
    expect(exitCode).toBe(0);
    expect(records.length).toBeGreaterThan(20);
    for (const record of records) {
      expect(['debug', 'info', 'warn', 'error']).toContain(record.level);
      expect(new Date(record.time).getTime()).not.toBeNaN();
      expect(record.name).toMatch(/^rituals/);
    }
    // Debug level was on: Bolt's and web-api's own lines came through our logger.
    expect(records.some((record) => record.level === 'debug')).toBe(true);
  });

  it('never writes a token or the signing secret, in any line, on any path', () => {
    // The failures did happen and were logged.
    expect(raw).toMatch(/invalid_auth/);
    expect(raw).toMatch(/unhandled listener error/);
    // Token-shaped text reached the logger and was redacted.
    expect(raw).toContain('xoxb-[redacted]');
    for (const secret of [TEST_BOT_TOKEN, APP_TOKEN, USER_TOKEN, TEST_SIGNING_SECRET]) expect(raw).not.toContain(secret);
    expect(raw).not.toMatch(/xox[abposr]-(?!\[redacted\])/);
    expect(raw).not.toMatch(/xapp-(?!\[redacted\])/);
  });

  it('logs the thrown handler as an error with a structured, redacted err field', () => {
    // On PostgreSQL the driver (drizzle's node-postgres session) wraps the database's error in a
    // "Failed query" one (the statement and its parameters) and keeps the raised error as its cause.
    type LoggedError = { message?: string; cause?: LoggedError };
    const raisedOf = (record: LogRecord) => (onPostgres() ? (record.err as LoggedError | undefined)?.cause : (record.err as LoggedError | undefined));
    const thrown = records.find((record) => record.level === 'error' && String(raisedOf(record)?.message).includes('refused boom'));
    expect(thrown).toBeDefined();
    expect(thrown!.err).toMatchObject({ type: expect.any(String), stack: expect.any(String) });
    expect(raisedOf(thrown!)).toMatchObject({ type: expect.any(String), stack: expect.stringContaining('refused boom xoxb-[redacted]') });
  });

  it('logs each Slack request once: kind, id, team, user, duration and outcome', () => {
    const requests = records.filter((record) => record.msg === 'request');
    const commands = requests.filter((record) => record.kind === 'command');
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatchObject({ level: 'info', name: 'rituals:request', id: '/suggest', team: 'T1', user: 'U_ALICE', outcome: 'ok' });
    expect(commands[0]!.durationMs).toEqual(expect.any(Number));
    const submissions = requests.filter((record) => record.kind === 'view_submission');
    expect(submissions.map((record) => [record.id, record.outcome])).toEqual([
      [SUGGEST.callbackId, 'error'],
      [SUGGEST.callbackId, 'ok'],
    ]);
    expect(requests.filter((record) => record.kind === 'event')).toMatchObject([{ id: 'reaction_added', team: 'T1', user: 'U_ALICE', outcome: 'ok' }]);
    // Forged and expired requests never reach the handlers, so they are no request lines.
    expect(requests).toHaveLength(5);
  });

  it('says at start what runs where, and at stop why and after how long', () => {
    const started = records.find((record) => /^Rituals .* started$/.test(record.msg));
    expect(started).toMatchObject({
      level: 'info',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      mode: 'http',
      listening: expect.stringMatching(/^http:\/\/.+:\d+\/slack\/events$/),
      health: expect.stringMatching(/\/healthz$/),
      metrics: expect.stringMatching(/\/metrics$/),
      database: pgSchema ? describeDatabase(pgSchema.url) : dbPath,
      workspace: 'Example (T1)',
      logFormat: 'json',
      logLevel: 'debug',
    });
    expect(String(started!.listening)).toContain(`:${new URL(app.baseUrl).port}/`);
    const stopped = records.find((record) => record.msg === 'Rituals stopped');
    expect(stopped).toMatchObject({ level: 'info', reason: 'SIGTERM', uptimeSeconds: expect.any(Number) });
    expect(records.indexOf(stopped!)).toBe(records.length - 1);
  });
});
