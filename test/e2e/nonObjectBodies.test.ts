/**
 * Correctly signed requests whose JSON is not an object (null, a number, a string, an array), as a
 * JSON body or as a form `payload=`: Bolt 5.1 alone reads `body.ssl_check` on them outside any
 * handler and the process exits. The real entry point runs in its own process here, so an exit shows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, spawnApp, type AppProcess } from '../helpers/appProcess.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fakeSlack.js';
import { SignedSlackClient } from '../helpers/signedClient.js';

const NOT_OBJECTS = ['null', '42', '"text"', '[]', '[{"type":"event_callback"}]', 'true'];

describe('signed bodies that are JSON but not objects', () => {
  let slack: FakeSlack;
  let dir: string;
  let app: AppProcess;
  let client: SignedSlackClient;

  beforeAll(async () => {
    slack = await startFakeSlack();
    dir = mkdtempSync(join(tmpdir(), 'rituals-nonobject-'));
    app = spawnApp({ port: await freePort(), databasePath: join(dir, 'rituals.sqlite'), slackApiUrl: slack.apiUrl });
    await app.healthy();
    client = new SignedSlackClient(app.baseUrl);
  }, 30_000);

  afterAll(async () => {
    await app?.kill('SIGKILL');
    await slack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers each with a 4xx and keeps running', async () => {
    const statuses: Record<string, number> = {};
    for (const json of NOT_OBJECTS) {
      statuses[`json ${json}`] = (await client.post(json, { contentType: 'application/json' })).status;
      statuses[`payload=${json}`] = (await client.post(`payload=${encodeURIComponent(json)}`)).status;
    }
    for (const [name, status] of Object.entries(statuses)) {
      expect(status, name).toBeGreaterThanOrEqual(400);
      expect(status, name).toBeLessThan(500);
    }
    // Give a crash the time to happen, then check the app is still up and still serves Slack.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(app.child.exitCode, app.output.join('\n')).toBeNull();
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
    const help = await client.command('/rituals', 'help', { channel: 'C_NOWHERE' });
    expect(help.status).toBe(200);
    expect(JSON.stringify(help.json)).toContain('/suggest');
  });

  it('still answers Slack url_verification and ssl_check, which are objects', async () => {
    const challenge = await client.post(JSON.stringify({ type: 'url_verification', challenge: 'abc' }), { contentType: 'application/json' });
    expect(challenge.json).toEqual({ challenge: 'abc' });
    expect((await client.post('ssl_check=1&token=x', { sign: false })).status).toBe(200);
  });
});
