/** Security basics: secrets never reach the logs, the database is private to its owner, request signing cannot be turned off. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUGGEST } from '../src/slack/ids.js';
import { selectValue, textValue, TEST_SIGNING_SECRET } from './helpers/signedClient.js';
import { seedTeam, startTestApp, TEST_BOT_TOKEN, type TestApp } from './helpers/testApp.js';
import { onPostgres } from './helpers/testEngine.js';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const APP_TOKEN = 'xapp-1-A0000000000-1234567890-abcdefabcdef';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('security basics', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await seedTeam(app);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('never logs the bot token or the signing secret, even at debug level and when Slack fails', async () => {
    app.slack.fail('views.open', { kind: 'error', error: 'invalid_auth' });
    await app.client.command('/suggest', `token ${TEST_BOT_TOKEN} and ${APP_TOKEN}`);
    await app.slack.waitUntil(() => app.slack.callsTo('views.open').length === 1, 5_000, 'the failed views.open');
    await app.client.command('/suggest', 'Fix login');
    const [open] = await app.slack.waitFor('views.open');
    app.slack.fail('chat.postMessage', { kind: 'http', status: 500 }, 2);
    await app.client.viewSubmission(open!.args.view, {
      [SUGGEST.blocks.title]: { [SUGGEST.action]: textValue(`leak ${TEST_BOT_TOKEN}`) },
      [SUGGEST.blocks.type]: { [SUGGEST.action]: selectValue('bug') },
    });
    await app.slack.waitUntil(() => app.slack.callsTo('chat.postMessage').length >= 2, 5_000, 'the failed receipt');
    await app.client.post('garbage', { contentType: 'application/json' });
    await app.client.event({ type: 'reaction_added', user: 'U_ALICE', reaction: 'inbox_tray', item: { type: 'message', channel: 'C_TEAM', ts: '1.000100' } });
    await new Promise((resolve) => setTimeout(resolve, 300));

    const logs = app.logs.join('\n');
    // The app did log at debug level, including Slack's HTTP traffic and the failures.
    expect(logs).toMatch(/ DEBUG /);
    expect(logs).toMatch(/views\.open failed/);
    // Something token-shaped did reach the logger (the command text), and was redacted.
    expect(logs).toContain('xoxb-[redacted]');
    expect(logs).not.toContain(TEST_BOT_TOKEN);
    expect(logs).not.toContain(APP_TOKEN);
    expect(logs).not.toContain(TEST_SIGNING_SECRET);
    expect(logs).not.toMatch(/xox[abposr]-(?!\[redacted\])/);
    expect(logs).not.toMatch(/xapp-(?!\[redacted\])/);
  });

  // A PostgreSQL run has no database file; the server keeps its own files private.
  it.skipIf(onPostgres())('creates the database file readable by its owner only, in a private folder', () => {
    expect(statSync(app.dbPath).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(app.dbPath)).mode & 0o777).toBe(0o700);
  });

  it('has no way to switch off request signature checks', () => {
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/signatureVerification\s*:\s*false/);
      expect(text, file).not.toMatch(/processBeforeResponse|verifyRequest|signatureVerification/);
    }
  });
});
