import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, parseConfig } from '../src/config.js';
import { parseItemRef } from '../src/domain/itemRef.js';
import { createLogger, redactSecrets } from '../src/logger.js';
import { createMetadataSeal } from '../src/slack/metadata.js';
import { backoffMs, classifySlackError } from '../src/slack/outbox/dispatcher.js';

describe('config', () => {
  const base = { SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: '0123456789abcdef' };

  it('defaults to HTTP on 3000 with ./data/rituals.sqlite', () => {
    expect(parseConfig(base)).toMatchObject({ socketMode: false, port: 3000, databasePath: './data/rituals.sqlite', logLevel: 'info', slackApiUrl: undefined });
  });

  it('uses Socket Mode when SLACK_APP_TOKEN is set, and normalises the API URL', () => {
    expect(parseConfig({ ...base, SLACK_APP_TOKEN: 'xapp-1-x', SLACK_API_URL: 'http://127.0.0.1:9/api', LOG_LEVEL: 'DEBUG' })).toMatchObject({
      socketMode: true,
      slackApiUrl: 'http://127.0.0.1:9/api/',
      logLevel: 'debug',
    });
  });

  it('names every bad variable once, without its value', () => {
    try {
      parseConfig({ SLACK_BOT_TOKEN: 'xapp-oops-secret', PORT: '70000', SLACK_API_URL: 'not a url' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'PORT', 'SLACK_API_URL']) expect(message).toContain(name);
      expect(message).not.toContain('xapp-oops-secret');
      expect(message).toContain('README.md');
    }
  });
});

describe('logger', () => {
  it('redacts tokens and configured secrets', () => {
    expect(redactSecrets('token xoxb-123-abc and xapp-1-A-2 ok')).toBe('token xoxb-[redacted] and xapp-[redacted] ok');
    const lines: string[] = [];
    const logger = createLogger('info', { secrets: ['super-secret-value'], sink: (line) => lines.push(line) });
    logger.debug('hidden');
    logger.info('sig', 'super-secret-value', { token: 'xoxp-9-9' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('super-secret-value');
    expect(lines[0]).not.toContain('xoxp-9-9');
  });
});

describe('metadata seal', () => {
  const seal = createMetadataSeal('secret-one-234567');
  const schema = z.object({ teamId: z.number() });
  it('round-trips and rejects forgeries, other secrets and bad shapes', () => {
    const sealed = seal.seal({ teamId: 3 });
    expect(seal.open(sealed, schema)).toEqual({ teamId: 3 });
    expect(seal.open(sealed.replace('3', '4'), schema)).toBeNull();
    expect(seal.open(JSON.stringify({ teamId: 3 }), schema)).toBeNull();
    expect(createMetadataSeal('another-secret-99').open(sealed, schema)).toBeNull();
    expect(seal.open(seal.seal({ teamId: 'x' }), schema)).toBeNull();
    expect(seal.open(undefined, schema)).toBeNull();
  });
  it('refuses to build metadata over 3000 characters', () => {
    expect(() => seal.seal({ x: 'y'.repeat(3000) })).toThrow();
  });
});

describe('outbox error policy', () => {
  it('retries rate limits, 5xx and network errors; gives up on ok:false answers', () => {
    expect(classifySlackError({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 })).toEqual({ permanent: false, reason: 'rate_limited', retryAfterMs: 7000 });
    expect(classifySlackError({ code: 'slack_webapi_http_error', statusCode: 503 }).permanent).toBe(false);
    expect(classifySlackError(new Error('socket hang up')).permanent).toBe(false);
    expect(classifySlackError({ code: 'slack_webapi_platform_error', data: { error: 'channel_not_found' } })).toEqual({ permanent: true, reason: 'channel_not_found' });
    expect(classifySlackError({ code: 'slack_webapi_platform_error', data: { error: 'internal_error' } }).permanent).toBe(false);
  });
  it('backs off exponentially with jitter, capped at 5 minutes', () => {
    expect(backoffMs(1, () => 0.5)).toBe(1000);
    expect(backoffMs(3, () => 0.5)).toBe(4000);
    expect(backoffMs(30, () => 1)).toBe(375_000);
  });
});

describe('parseItemRef', () => {
  it.each([
    ['R-42', { prefix: 'R', number: 42 }],
    ['r42', { prefix: 'R', number: 42 }],
    ['#7', { prefix: null, number: 7 }],
    ['12', { prefix: null, number: 12 }],
    ['R-', null],
    ['drop table', null],
  ])('%s', (input, expected) => {
    expect(parseItemRef(input)).toEqual(expected);
  });
});
