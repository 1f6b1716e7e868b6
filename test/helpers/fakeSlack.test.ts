/**
 * The fake Slack is as strict as Slack where the app can get it wrong: a trigger_id opens one view
 * within 3 s of being sent, never one it did not send; a 429 carries Retry-After, and web-api
 * honours it (the app's client gives up at once and leaves the waiting to the outbox).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ModalView } from '@slack/types';
import { ErrorCode, WebClient, WebClientEvent, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webClientOptions } from '../../src/slack/app.js';
import { startFakeSlack, type FakeSlack } from './fakeSlack.js';
import { FakeTriggers, TRIGGER_LIFETIME_MS } from './fakeTriggers.js';
import { SignedSlackClient } from './signedClient.js';

const VIEW: ModalView = { type: 'modal', title: { type: 'plain_text', text: 'Form' }, blocks: [] };

/** What Slack answered: the error code of a refusal, or 'ok'. */
async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    return (error as WebAPIPlatformError).data?.error ?? String(error);
  }
}

describe('FakeTriggers', () => {
  const issuedAt = 1_800_000_000_000;

  it('accepts a trigger_id for 3 s after it was sent, once', () => {
    const triggers = new FakeTriggers();
    triggers.issue('t1', issuedAt);
    expect(triggers.refusal('t1', issuedAt)).toBeNull();
    expect(triggers.refusal('t1', issuedAt + TRIGGER_LIFETIME_MS)).toBeNull();
    expect(triggers.refusal('t1', issuedAt + TRIGGER_LIFETIME_MS + 1)).toBe('expired_trigger_id');
    triggers.exchange('t1');
    expect(triggers.refusal('t1', issuedAt + 1)).toBe('exchanged_trigger_id');
  });

  it('refuses a trigger_id it never sent, and a replayed request does not renew one', () => {
    const triggers = new FakeTriggers();
    expect(triggers.refusal('never-sent', issuedAt)).toBe('invalid_trigger_id');
    triggers.issue('t1', issuedAt);
    triggers.issue('t1', issuedAt + 10_000);
    expect(triggers.issuedAtOf('t1')).toBe(issuedAt);
    expect(triggers.refusal('t1', issuedAt + 10_000)).toBe('expired_trigger_id');
  });
});

describe('the fake Slack', () => {
  let slack: FakeSlack;
  let client: WebClient;

  beforeEach(async () => {
    slack = await startFakeSlack();
    // The app's own client settings: no in-client wait on a 429, one quick retry on 5xx.
    client = new WebClient('xoxb-test-token', webClientOptions({ slackApiUrl: slack.apiUrl }, fetch, 2_000));
  });
  afterEach(async () => {
    await slack.stop();
  });

  describe('trigger_ids', () => {
    it('opens a view with a fresh trigger_id, and only one', async () => {
      slack.triggers.issue('fresh');
      expect(await outcome(client.views.open({ trigger_id: 'fresh', view: VIEW }))).toBe('ok');
      expect(await outcome(client.views.open({ trigger_id: 'fresh', view: VIEW }))).toBe('exchanged_trigger_id');
      expect(await outcome(client.views.push({ trigger_id: 'fresh', view: VIEW }))).toBe('exchanged_trigger_id');
      expect(slack.sent('views.open')).toHaveLength(1);
      expect(slack.views.all()).toHaveLength(1);
    });

    it('refuses an expired trigger_id for views.open and views.push, and one it never sent', async () => {
      slack.triggers.issue('old', Date.now() - TRIGGER_LIFETIME_MS - 50);
      expect(await outcome(client.views.open({ trigger_id: 'old', view: VIEW }))).toBe('expired_trigger_id');
      expect(await outcome(client.views.push({ trigger_id: 'old', view: VIEW }))).toBe('expired_trigger_id');
      expect(await outcome(client.views.open({ trigger_id: 'made-up', view: VIEW }))).toBe('invalid_trigger_id');
      expect(await outcome(client.views.push({ trigger_id: 'made-up', view: VIEW }))).toBe('invalid_trigger_id');
      expect(slack.views.all()).toHaveLength(0);
    });

    it('expires a trigger_id in real time', async () => {
      slack.triggers.issue('soon');
      await new Promise((resolve) => setTimeout(resolve, TRIGGER_LIFETIME_MS + 100));
      expect(await outcome(client.views.open({ trigger_id: 'soon', view: VIEW }))).toBe('expired_trigger_id');
    });

    it('counts the 3 s to when the call arrives, not to when a slow answer leaves', async () => {
      slack.triggers.issue('late-answer', Date.now() - TRIGGER_LIFETIME_MS + 1_000);
      slack.fail('views.open', { kind: 'delay', ms: 1_200 });
      expect(await outcome(client.views.open({ trigger_id: 'late-answer', view: VIEW }))).toBe('ok');
    });

    it('does not spend a trigger_id on a view it refused', async () => {
      slack.triggers.issue('retry');
      const tooLong: ModalView = { ...VIEW, title: { type: 'plain_text', text: 'x'.repeat(25) } };
      expect(await outcome(client.views.open({ trigger_id: 'retry', view: tooLong }))).toBe('invalid_blocks');
      expect(await outcome(client.views.open({ trigger_id: 'retry', view: VIEW }))).toBe('ok');
    });

    it('learns the trigger_ids the signed client sends, when it sends them', async () => {
      let server: Server | undefined;
      try {
        server = createServer((_req, res) => res.writeHead(200).end());
        await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
        const app = new SignedSlackClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, undefined, undefined, slack.url, slack);
        const before = Date.now();
        await app.command('/suggest', '', { triggerId: 'from-command' });
        await app.blockAction([{ action_id: 'press' }]);
        await app.interaction({ type: 'shortcut', callback_id: 'x', trigger_id: 'from-shortcut' });
        expect(slack.triggers.issuedAtOf('from-command')).toBeGreaterThanOrEqual(before);
        expect(slack.triggers.issuedAtOf('from-shortcut')).toBeGreaterThanOrEqual(before);
        expect(await outcome(client.views.open({ trigger_id: 'from-command', view: VIEW }))).toBe('ok');
        // A client that is not Slack's (no fake to issue them) sends trigger_ids Slack never gave out.
        await new SignedSlackClient(app.baseUrl).command('/suggest', '', { triggerId: 'forged' });
        expect(await outcome(client.views.open({ trigger_id: 'forged', view: VIEW }))).toBe('invalid_trigger_id');
      } finally {
        server?.closeAllConnections();
        await new Promise((resolve) => server?.close(resolve));
      }
    });
  });

  describe('429 with Retry-After', () => {
    it('answers 429 with the Retry-After header', async () => {
      slack.fail('chat.postMessage', { kind: 'http', status: 429, retryAfter: 7 });
      const response = await fetch(`${slack.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: 'Bearer xoxb-test-token', 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'C1', text: 'hi' }),
      });
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('7');
      expect(await response.json()).toEqual({ ok: false, error: 'ratelimited' });
    });

    it("the app's client gives up at once with Retry-After, for the outbox to wait it out", async () => {
      slack.fail('chat.postMessage', { kind: 'http', status: 429, retryAfter: 30 });
      const started = Date.now();
      const error = (await client.chat.postMessage({ channel: 'C1', text: 'hi' }).catch((e: unknown) => e)) as WebAPIRateLimitedError;
      expect(error.code).toBe(ErrorCode.RateLimitedError);
      expect(error.retryAfter).toBe(30);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    });

    it('web-api with its own retries waits Retry-After, then sends again', async () => {
      const patient = new WebClient('xoxb-test-token', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 1, factor: 1, minTimeout: 0, maxTimeout: 0 } });
      const waits: number[] = [];
      patient.on(WebClientEvent.RATE_LIMITED, (seconds: number) => waits.push(seconds));
      slack.fail('chat.postMessage', { kind: 'http', status: 429, retryAfter: 1 });
      const started = Date.now();
      const response = await patient.chat.postMessage({ channel: 'C1', text: 'hi' });
      expect(response.ok).toBe(true);
      expect(waits).toEqual([1]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
      expect(slack.callsTo('chat.postMessage').map((call) => call.status)).toEqual([429, 200]);
    });
  });
});
