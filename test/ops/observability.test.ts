/** The pieces of logs, health and metrics that need no running app. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import type { Clock } from '../../src/domain/clock.js';
import { createLogger, textLine } from '../../src/logger.js';
import { describeDatabase, packageVersion } from '../../src/ops/describe.js';
import { createMetrics, methodLabel, type JobRun } from '../../src/ops/metrics.js';
import { createScheduler } from '../../src/scheduler/index.js';
import { summarizeRequest } from '../../src/slack/middleware/requestLog.js';
import { slackErrorOf } from '../../src/slack/transport.js';
import { parseMetrics, sample } from '../helpers/prometheus.js';

const required = { SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_SIGNING_SECRET: 'secret-12345' };

describe('LOG_FORMAT and HEALTH_PORT settings', () => {
  it('defaults to text logs and no health port; accepts json, pretty (as text) and a port', () => {
    expect(parseConfig(required)).toMatchObject({ logFormat: 'text', healthPort: undefined });
    expect(parseConfig({ ...required, LOG_FORMAT: 'JSON', HEALTH_PORT: '9090' })).toMatchObject({ logFormat: 'json', healthPort: 9090 });
    expect(parseConfig({ ...required, LOG_FORMAT: 'pretty' }).logFormat).toBe('text');
  });

  it('names a bad LOG_FORMAT or HEALTH_PORT, and a HEALTH_PORT that collides with PORT in HTTP mode', () => {
    expect(() => parseConfig({ ...required, LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT must be one of text, json/);
    expect(() => parseConfig({ ...required, HEALTH_PORT: '70000' })).toThrow(/HEALTH_PORT must be between 0 and 65535/);
    expect(() => parseConfig({ ...required, PORT: '3000', HEALTH_PORT: '3000' })).toThrow(/HEALTH_PORT must differ from PORT/);
    expect(parseConfig({ ...required, SLACK_APP_TOKEN: 'xapp-1', PORT: '3000', HEALTH_PORT: '3000' }).healthPort).toBe(3000);
  });
});

describe('the logger', () => {
  const capture = (format: 'text' | 'json') => {
    const lines: string[] = [];
    const logger = createLogger('info', { format, secrets: ['my-signing-secret', 'quote"d-secret!'], sink: (line) => lines.push(line) });
    return { logger, lines };
  };

  it('writes one JSON object a line with structured fields and a bounded err field', () => {
    const { logger, lines } = capture('json');
    const error = Object.assign(new Error('An API error occurred: invalid_auth'), {
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'invalid_auth', response_metadata: {} },
      headers: { authorization: 'Bearer xoxb-1-2-3' },
      body: 'token=xoxb-9-9&text=private words',
    });
    logger.child('outbox').error('send failed', error);
    logger.line('info', 'request', { kind: 'command', id: '/suggest', durationMs: 1.5, outcome: 'ok' });
    logger.info('quote"d-secret! and my-signing-secret and xapp-1-2');
    const [failed, request, leaked] = lines.map((line) => JSON.parse(line));
    expect(failed).toMatchObject({ level: 'error', name: 'rituals:outbox', msg: 'send failed' });
    expect(failed.err).toMatchObject({ type: 'Error', code: 'slack_webapi_platform_error', slackError: 'invalid_auth' });
    // Only the fields that say what went wrong: no request body, no headers.
    expect(Object.keys(failed.err).sort()).toEqual(['code', 'message', 'slackError', 'stack', 'type']);
    expect(request).toMatchObject({ level: 'info', msg: 'request', kind: 'command', id: '/suggest', durationMs: 1.5, outcome: 'ok' });
    expect(leaked.msg).toBe('[redacted] and [redacted] and xapp-[redacted]');
    expect(lines.join('\n')).not.toMatch(/private words|xoxb-9|my-signing-secret/);
  });

  it('keeps the text format: time, LEVEL, [name], message, key=value fields, then the stack', () => {
    const { logger, lines } = capture('text');
    logger.line('info', 'request', { kind: 'command', id: '/suggest', team: 'T1', durationMs: 2, outcome: 'ok', note: 'two words' });
    logger.warn('outbox', 'retry', { n: 1 });
    logger.error(new Error('boom xoxb-1-2-3'));
    logger.debug('not at info');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+Z INFO \[rituals\] request kind=command id=\/suggest team=T1 durationMs=2 outcome=ok note="two words"$/);
    expect(lines[1]).toMatch(/ WARN \[rituals\] outbox retry \{"n":1\}$/);
    expect(lines[2]).toMatch(/ ERROR \[rituals\] Error: boom xoxb-\[redacted\]\n\s+at /);
  });

  it('follows the level Bolt sets, and a name Socket Mode sets stays on its own logger', () => {
    const { logger, lines } = capture('text');
    const socket = logger.child('socket');
    logger.setLevel('debug' as never);
    logger.debug('now visible');
    socket.setName('socket-mode:SocketModeClient:0');
    socket.info('hello');
    logger.info('root');
    expect(lines.map((line) => line.replace(/^\S+ /, ''))).toEqual([
      'DEBUG [rituals] now visible',
      'INFO [socket-mode:SocketModeClient:0] hello',
      'INFO [rituals] root',
    ]);
  });

  it('turns a pino line into text without losing fields', () => {
    expect(textLine('{"level":"warn","time":"T","name":"n","msg":"m","a":1,"b":"x y"}')).toBe('T WARN [n] m a=1 b="x y"');
  });
});

describe('the startup line facts', () => {
  it('reads our version from package.json', () => {
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('describes a database path as absolute, and a URL without its password or query', () => {
    expect(describeDatabase('./data/rituals.sqlite')).toMatch(/^\/.*\/data\/rituals\.sqlite$/);
    const url = 'postgres://rituals:s3cret%21@db.internal:5432/rituals?sslmode=require&password=x';
    expect(describeDatabase(url)).toBe('postgres://rituals@db.internal:5432/rituals');
    expect(describeDatabase('postgresql://db.internal/rituals')).toBe('postgresql://db.internal/rituals');
  });
});

describe('request summaries', () => {
  it('reads kind, id, team and user from each payload kind', () => {
    expect(summarizeRequest({ command: '/suggest', team_id: 'T1', user_id: 'U1' })).toEqual({ kind: 'command', id: '/suggest', team: 'T1', user: 'U1' });
    expect(summarizeRequest({ type: 'block_actions', team: { id: 'T1' }, user: { id: 'U2' }, actions: [{ action_id: 'poker_vote:5' }] })).toEqual({
      kind: 'block_action',
      id: 'poker_vote:5',
      team: 'T1',
      user: 'U2',
    });
    const submission = { type: 'view_submission', team: { id: 'T1' }, user: { id: 'U3' }, view: { callback_id: 'suggest_submit' } };
    expect(summarizeRequest(submission)).toMatchObject({ kind: 'view_submission', id: 'suggest_submit' });
    const shortcut = { type: 'message_action', callback_id: 'send_to_backlog', team: null, user: { id: 'U4' } };
    expect(summarizeRequest(shortcut)).toEqual({ kind: 'message_action', id: 'send_to_backlog', team: undefined, user: 'U4' });
    const event = { type: 'event_callback', team_id: 'T1', event: { type: 'reaction_added', user: 'U5' } };
    expect(summarizeRequest(event)).toEqual({ kind: 'event', id: 'reaction_added', team: 'T1', user: 'U5' });
    expect(summarizeRequest({ type: 'event_callback', event: { type: 'user_change', user: { id: 'U6' } } })).toMatchObject({ kind: 'event', user: undefined });
    expect(summarizeRequest(null)).toEqual({ kind: 'other', id: '', team: undefined, user: undefined });
  });
});

describe('metric labels', () => {
  it('keeps Slack method and error labels bounded', async () => {
    expect(methodLabel('chat.postMessage')).toBe('chat.postMessage');
    expect(methodLabel('response_url')).toBe('response_url');
    expect(methodLabel('../../etc/passwd')).toBe('other');
    const metrics = createMetrics({ version: '1.0.0', mode: 'http' });
    metrics.slackCall({ method: 'chat.postMessage', status: 200, slackError: 'Weird Error With Spaces' });
    metrics.slackCall({ method: 'chat.postMessage', status: 503, slackError: null });
    metrics.slackCall({ method: 'x/y', failure: 'timeout' });
    const samples = parseMetrics((await metrics.render()).body);
    expect(sample(samples, 'rituals_slack_api_errors_total', { method: 'chat.postMessage', error: 'other' })).toBe(1);
    expect(sample(samples, 'rituals_slack_api_errors_total', { method: 'chat.postMessage', error: 'http_503' })).toBe(1);
    expect(sample(samples, 'rituals_slack_api_errors_total', { method: 'other', error: 'timeout' })).toBe(1);
    expect(sample(samples, 'rituals_slack_api_calls_total', { method: 'chat.postMessage' })).toBe(2);
  });

  it("reads Slack's error code only from a body that starts ok:false", () => {
    expect(slackErrorOf(Buffer.from('{"ok":false,"error":"invalid_auth"}'))).toBe('invalid_auth');
    expect(slackErrorOf(Buffer.from('{"ok":true,"message":{"text":"\\"ok\\":false"}}'))).toBeNull();
    expect(slackErrorOf(Buffer.from('{"ok":false'))).toBe('unknown');
    expect(slackErrorOf(Buffer.from(''))).toBeNull();
  });
});

describe('scheduled job lag', () => {
  it('measures each cron run from its slot, and counts outcomes; start-up catch-up runs have no lag', async () => {
    const runs: JobRun[] = [];
    const clock: Clock = () => new Date();
    const logger = createLogger('error', { sink: () => undefined });
    const scheduler = createScheduler({
      jobs: [
        { name: 'every-second', cron: '* * * * * *', run: () => undefined },
        { name: 'failing', cron: '0 0 1 1 *', run: () => Promise.reject(new Error('nope')) },
      ],
      clock,
      logger,
      observer: { jobRan: (run) => runs.push(run), jobMissed: () => undefined },
    });
    await scheduler.runAll();
    expect(runs).toEqual([
      { job: 'every-second', lagSeconds: null, durationSeconds: expect.any(Number), outcome: 'ok' },
      { job: 'failing', lagSeconds: null, durationSeconds: expect.any(Number), outcome: 'error' },
    ]);
    scheduler.start();
    const deadline = Date.now() + 5_000;
    while (runs.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await scheduler.stop();
    const scheduled = runs[2]!;
    expect(scheduled.job).toBe('every-second');
    // Lag is the time from the whole second it was due to the start of the run: never negative, under a second here.
    expect(scheduled.lagSeconds).toBeGreaterThanOrEqual(0);
    expect(scheduled.lagSeconds).toBeLessThan(1);

    const metrics = createMetrics({ version: '1.0.0', mode: 'socket' });
    for (const run of runs) metrics.jobRan(run);
    const samples = parseMetrics((await metrics.render()).body);
    expect(sample(samples, 'rituals_scheduled_job_lag_seconds_count', { job: 'every-second' })).toBe(1);
    expect(sample(samples, 'rituals_scheduled_job_runs_total', { job: 'failing', outcome: 'error' })).toBe(1);
    expect(sample(samples, 'rituals_scheduled_job_runs_total', { job: 'every-second', outcome: 'ok' })).toBe(2);
  });
});
