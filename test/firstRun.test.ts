/** First run: .env.example copied as-is must be refused by name, not sent to Slack. */
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, isPlaceholder, parseConfig } from '../src/config.js';

const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
const real = { SLACK_BOT_TOKEN: 'xoxb-1111-2222-AbCdEf', SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5' };

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    parseConfig(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
}

describe('.env.example', () => {
  it('sets only the required settings; every optional one is a comment', () => {
    expect(Object.keys(parseEnv(example)).sort()).toEqual(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
  });

  it('copied unchanged, is refused naming each placeholder, and no other setting', () => {
    const found = problems(parseEnv(example));
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^SLACK_BOT_TOKEN is still a placeholder/);
    expect(found[1]).toMatch(/^SLACK_SIGNING_SECRET is still a placeholder/);
  });

  it('refuses its commented example app token if uncommented, with the variable named', () => {
    const appToken = /^# SLACK_APP_TOKEN=(.*)$/m.exec(example)?.[1];
    expect(appToken).toBeDefined();
    const found = problems({ ...real, SLACK_APP_TOKEN: appToken });
    expect(found).toEqual([expect.stringMatching(/^SLACK_APP_TOKEN is still a placeholder/)]);
  });

  it('accepts every other commented example value as it is', () => {
    const optional = Object.fromEntries(
      [...example.matchAll(/^# ([A-Z_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]).filter(([name]) => name !== 'SLACK_APP_TOKEN'),
    );
    expect(Object.keys(optional).length).toBeGreaterThanOrEqual(4);
    expect(problems({ ...real, ...optional })).toEqual([]);
  });
});

describe('placeholders', () => {
  it.each(['xoxb-your-bot-token', 'xapp-your-app-token', 'your-signing-secret', 'xoxb-…', 'xapp-...', '<signing secret>', 'changeme', 'YOUR_SECRET'])(
    'refuses %s',
    (value) => expect(isPlaceholder(value)).toBe(true),
  );

  it.each(['xoxb-1111-2222-AbCdEf', 'xapp-1-A0123-4567-89abcdef', '8f742231b10e8888abcd99yyyzzz85a5', 'xoxb-123-yourteam'])('accepts %s', (value) =>
    expect(isPlaceholder(value)).toBe(false),
  );

  it('names placeholder tokens and secrets in the environment too, without printing them', () => {
    const found = problems({ SLACK_BOT_TOKEN: 'xoxb-your-token-here', SLACK_SIGNING_SECRET: 'your-signing-secret', SLACK_APP_TOKEN: 'xapp-your-token' });
    expect(found.map((p) => p.split(' ')[0])).toEqual(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN']);
    expect(found.join('\n')).not.toMatch(/your-/);
  });
});
