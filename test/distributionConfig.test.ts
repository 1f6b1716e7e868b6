import { describe, expect, it } from 'vitest';
import { ConfigError, configSecrets, parseConfig } from '../src/config.js';
import { redactSecrets } from '../src/logger.js';
import { createSingleFlight } from '../src/slack/workspaces/singleFlight.js';

const SIGNING = { SLACK_SIGNING_SECRET: '0123456789abcdef' };
const OAUTH = { SLACK_CLIENT_ID: '1111.2222', SLACK_CLIENT_SECRET: 'client-secret-value', SLACK_STATE_SECRET: 'state-secret-0123456789' };

function problemsOf(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('config: single-workspace and distribution mode', () => {
  it('runs in distribution mode with all three OAuth settings and no bot token; retention defaults to 30 days', () => {
    const config = parseConfig({ ...SIGNING, ...OAUTH });
    expect(config).toMatchObject({ slackBotToken: undefined, oauth: { clientId: '1111.2222' }, dataRetentionDays: 30, socketMode: false });
    expect(configSecrets(config)).toEqual(expect.arrayContaining(['client-secret-value', 'state-secret-0123456789', '0123456789abcdef']));
    expect(parseConfig({ ...SIGNING, ...OAUTH, DATA_RETENTION_DAYS: '0' }).dataRetentionDays).toBe(0);
  });

  it('keeps single-workspace mode as it was (no OAuth settings, a bot token)', () => {
    expect(parseConfig({ ...SIGNING, SLACK_BOT_TOKEN: 'xoxb-1-abc' })).toMatchObject({ slackBotToken: 'xoxb-1-abc', oauth: undefined });
  });

  it('wants all three OAuth settings or none, and names the missing ones', () => {
    const message = problemsOf({ ...SIGNING, SLACK_CLIENT_ID: '1111.2222' });
    expect(message).toContain('SLACK_CLIENT_SECRET is required with SLACK_CLIENT_ID');
    expect(message).toContain('SLACK_STATE_SECRET is required with SLACK_CLIENT_ID');
  });

  it('refuses a bot token or Socket Mode next to the OAuth settings, and a bad retention', () => {
    const message = problemsOf({ ...SIGNING, ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_APP_TOKEN: 'xapp-1-a', DATA_RETENTION_DAYS: '-1' });
    for (const name of ['SLACK_BOT_TOKEN must be unset', 'SLACK_APP_TOKEN must be unset', 'DATA_RETENTION_DAYS']) expect(message).toContain(name);
    expect(message).not.toContain('client-secret-value');
  });

  it('asks for a bot token or the OAuth settings when neither is given, with the signing secret in the same message', () => {
    const message = problemsOf({});
    expect(message).toContain('SLACK_BOT_TOKEN is required');
    expect(message).toContain('SLACK_CLIENT_ID');
    expect(message).toContain('SLACK_SIGNING_SECRET');
  });
});

describe('token rotation tokens in logs', () => {
  it('redacts rotating access tokens and refresh tokens', () => {
    expect(redactSecrets('access xoxe.xoxb-1-abc refresh xoxe-1-def')).toBe('access xoxe.xoxb-[redacted] refresh xoxe-[redacted]');
  });
});

describe('single flight', () => {
  it('shares one run among callers that arrive while it runs, and runs again afterwards', async () => {
    const flights = createSingleFlight<number>();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const work = async () => {
      runs += 1;
      await gate;
      return runs;
    };
    const together = [flights.run('k', work), flights.run('k', work), flights.run('k', work)];
    const other = flights.run('other', async () => 99);
    release();
    expect(await Promise.all(together)).toEqual([1, 1, 1]);
    expect(await other).toBe(99);
    expect(await flights.run('k', work)).toBe(2);
  });

  it('lets the next caller try again after a failure', async () => {
    const flights = createSingleFlight<string>();
    await expect(flights.run('k', async () => Promise.reject(new Error('refresh failed')))).rejects.toThrow('refresh failed');
    expect(await flights.run('k', async () => 'ok')).toBe('ok');
  });
});
