/** Socket Mode (SLACK_APP_TOKEN set): the same app over a WebSocket, as in local development. */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { itemsTable } from '../../src/db/schema.js';
import { SUGGEST } from '../../src/slack/ids.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fakeSlack.js';
import { sample, scrape } from '../helpers/prometheus.js';
import { seedTeam, startTestApp, type TestApp } from '../helpers/testApp.js';
import { tableRows } from '../helpers/tableRows.js';

/** Makes every insert into the event inbox fail (as a full or broken disk would), or stops doing so. */
async function refuseInboxWrites(app: TestApp, refuse: boolean): Promise<void> {
  const { storage } = app.rituals;
  if (storage.engine === 'sqlite') {
    await storage.query(
      refuse ? "CREATE TRIGGER refuse_inbox BEFORE INSERT ON event_inbox BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END" : 'DROP TRIGGER refuse_inbox',
    );
    return;
  }
  if (refuse) {
    await storage.query("CREATE FUNCTION refuse_inbox() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk I/O error'; END $$ LANGUAGE plpgsql");
    await storage.query('CREATE TRIGGER refuse_inbox BEFORE INSERT ON event_inbox FOR EACH ROW EXECUTE FUNCTION refuse_inbox()');
  } else {
    await storage.query('DROP TRIGGER refuse_inbox ON event_inbox');
    await storage.query('DROP FUNCTION refuse_inbox()');
  }
}

describe('Socket Mode', () => {
  let slack: FakeSlack;
  let wss: WebSocketServer;
  let socket: WebSocket;
  let app: TestApp;
  const received: any[] = [];

  beforeAll(async () => {
    slack = await startFakeSlack();
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => wss.once('listening', resolve));
    const connected = new Promise<void>((resolve) => {
      wss.on('connection', (ws) => {
        socket = ws;
        ws.on('message', (data) => received.push(JSON.parse(String(data))));
        ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' }, debug_info: { host: 'fake' } }));
        resolve();
      });
    });
    slack.on('apps.connections.open', () => ({ ok: true, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link` }));
    app = await startTestApp({ slack, env: { SLACK_APP_TOKEN: 'xapp-1-A1-test-token', HEALTH_PORT: '0' } });
    await connected;
    await seedTeam(app);
  });
  afterAll(async () => {
    await app.stop();
    for (const client of wss.clients) client.terminate();
    await new Promise((resolve) => wss.close(resolve));
    await slack.stop();
  });

  const ackFor = async (envelopeId: string) => {
    for (let i = 0; i < 50 && !received.some((m) => m.envelope_id === envelopeId); i += 1) await new Promise((r) => setTimeout(r, 50));
    return received.find((m) => m.envelope_id === envelopeId);
  };

  it('opens the connection with the app token through SLACK_API_URL and serves no Slack HTTP port', () => {
    expect(app.rituals.port).toBeNull();
    expect(slack.callsTo('apps.connections.open')).toHaveLength(1);
  });

  it('serves health and metrics on HEALTH_PORT: alive, and ready while the socket is connected', async () => {
    const base = `http://127.0.0.1:${app.rituals.healthPort}`;
    const healthz = await fetch(`${base}/healthz`);
    expect([healthz.status, await healthz.json()]).toEqual([200, { ok: true }]);
    const readyz = await fetch(`${base}/readyz`);
    expect([readyz.status, await readyz.json()]).toEqual([200, { ok: true, checks: { lifecycle: 'running', database: 'ok', slack: 'connected' } }]);
    expect((await fetch(`${base}/livez`)).status).toBe(200);
    expect((await scrape(base)).has('rituals_event_queue_depth')).toBe(true);
    expect((await fetch(`${base}/slack/events`, { method: 'POST', body: 'x' })).status).toBe(404);
  });

  it('acks a /suggest envelope and opens the modal; a submission stores the item', async () => {
    // Slack issues the trigger_id with the envelope it sends.
    slack.triggers.issue('trig-1');
    socket.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          command: '/suggest',
          text: 'Socket idea',
          team_id: 'T1',
          channel_id: 'C_TEAM',
          user_id: 'U_ALICE',
          trigger_id: 'trig-1',
          response_url: `${slack.url}/response/x`,
        },
      }),
    );
    expect(await ackFor('env-1')).toBeTruthy();
    const [open] = await slack.waitFor('views.open');
    const view = open!.args.view;
    socket.send(
      JSON.stringify({
        envelope_id: 'env-2',
        type: 'interactive',
        accepts_response_payload: true,
        payload: {
          type: 'view_submission',
          team: { id: 'T1' },
          user: { id: 'U_ALICE', team_id: 'T1' },
          view: {
            ...view,
            id: 'VSOCK',
            state: {
              values: {
                [SUGGEST.blocks.title]: { value: { type: 'plain_text_input', value: 'Socket idea' } },
                [SUGGEST.blocks.type]: { value: { type: 'static_select', selected_option: { value: 'story' } } },
              },
            },
          },
        },
      }),
    );
    expect(await ackFor('env-2')).toBeTruthy();
    expect(await tableRows(app.rituals.storage, itemsTable)).toMatchObject([{ title: 'Socket idea', status: 'inbox' }]);
    // Requests over the socket are logged and counted like HTTP ones.
    const metrics = await scrape(`http://127.0.0.1:${app.rituals.healthPort}`);
    expect(sample(metrics, 'rituals_slack_request_duration_seconds_count', { kind: 'command', outcome: 'ok' })).toBe(1);
    expect(sample(metrics, 'rituals_slack_request_duration_seconds_count', { kind: 'view_submission', outcome: 'ok' })).toBe(1);
    expect(app.logs.some((line) => line.includes('request kind=command id=/suggest team=T1 user=U_ALICE'))).toBe(true);
  });

  it('drops messages that are not envelope objects (null, arrays, null payloads) and keeps serving', async () => {
    for (const message of [
      'null',
      '7',
      '"x"',
      '[]',
      '{"type":"events_api","envelope_id":"bad-1","payload":null}',
      '{"type":"events_api","envelope_id":"bad-2","payload":{"event":null}}',
      '{"type":"slash_commands","envelope_id":"bad-3","payload":[]}',
    ]) {
      socket.send(message);
    }
    socket.send(
      JSON.stringify({
        envelope_id: 'env-after',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          command: '/rituals',
          text: 'help',
          team_id: 'T1',
          channel_id: 'C_TEAM',
          user_id: 'U_ALICE',
          trigger_id: 'trig-2',
          response_url: `${slack.url}/response/y`,
        },
      }),
    );
    const ack = await ackFor('env-after');
    expect(JSON.stringify(ack)).toContain('/suggest');
    expect(app.logs.some((line) => line.includes('Dropped a Socket Mode message'))).toBe(true);
  });

  it('acks an events_api envelope only once the event is stored, and leaves one it cannot store unacked for Slack to redeliver', async () => {
    const inboxRow = (eventId: string) => app.rituals.repos.eventInbox.find(eventId);
    const envelope = (envelopeId: string, eventId: string, retryAttempt = 0) =>
      JSON.stringify({
        envelope_id: envelopeId,
        type: 'events_api',
        accepts_response_payload: false,
        retry_attempt: retryAttempt,
        retry_reason: retryAttempt ? 'timeout' : '',
        payload: {
          type: 'event_callback',
          team_id: 'T1',
          api_app_id: 'A1',
          event_id: eventId,
          event_time: 1_700_000_000,
          event: { type: 'pin_added', user: 'U_BOB', channel_id: 'C_TEAM', event_ts: '1700000000.000100' },
          authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
        },
      });
    let runs = 0;
    app.rituals.app.event('pin_added', async () => {
      runs += 1;
    });

    socket.send(envelope('env-ev-1', 'EvSock1'));
    expect(await ackFor('env-ev-1')).toBeTruthy();
    expect(await inboxRow('EvSock1')).toBeDefined();
    await app.rituals.events.idle();
    expect([(await inboxRow('EvSock1'))?.state, runs]).toEqual(['done', 1]);

    await refuseInboxWrites(app, true);
    socket.send(envelope('env-ev-2', 'EvSock2'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received.some((message) => message.envelope_id === 'env-ev-2')).toBe(false);
    expect(await inboxRow('EvSock2')).toBeUndefined();
    await refuseInboxWrites(app, false);

    // Slack's redelivery comes in a new envelope with the same event_id; a second one has no effect.
    socket.send(envelope('env-ev-3', 'EvSock2', 1));
    expect(await ackFor('env-ev-3')).toBeTruthy();
    socket.send(envelope('env-ev-4', 'EvSock2', 2));
    expect(await ackFor('env-ev-4')).toBeTruthy();
    await app.rituals.events.idle();
    expect([(await inboxRow('EvSock2'))?.state, runs]).toEqual(['done', 2]);
  });

  it('is alive but not ready while the socket to Slack is down', async () => {
    const base = `http://127.0.0.1:${app.rituals.healthPort}`;
    // Slack drops the connection and the next one cannot be opened yet.
    slack.on('apps.connections.open', () => ({ ok: false, error: 'service_unavailable' }));
    for (const client of wss.clients) client.terminate();
    let status = 200;
    for (let i = 0; i < 100 && status === 200; i += 1) {
      status = (await fetch(`${base}/readyz`)).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(503);
    expect(await (await fetch(`${base}/readyz`)).json()).toMatchObject({ ok: false, checks: { slack: 'disconnected' } });
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
    expect((await fetch(`${base}/livez`)).status).toBe(200);
  });
});
