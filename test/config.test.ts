/** config.ts: settings parsed once from the environment, with clear errors. */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';

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
