/**
 * /metrics and the health endpoints in HTTP mode: served on PORT and on HEALTH_PORT, never treated
 * as Slack requests, and the counters and gauges move with real traffic (a /suggest, a submission,
 * a 429 from Slack, a held outbox message, a slow event).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUGGEST } from '../../src/slack/ids.js';
import { scrape, sample } from '../helpers/prometheus.js';
import { selectValue, textValue } from '../helpers/signedClient.js';
import { seedTeam, startTestApp, type TestApp } from '../helpers/testApp.js';

describe('metrics and health (HTTP mode)', () => {
  let app: TestApp;
  let base: string;
  let healthBase: string;
  beforeAll(async () => {
    app = await startTestApp({ env: { HEALTH_PORT: '0' } });
    await seedTeam(app);
    base = `http://127.0.0.1:${app.rituals.port}`;
    healthBase = `http://127.0.0.1:${app.rituals.healthPort}`;
  });
  afterAll(async () => {
    await app.stop();
  });

  it('counts requests by kind and outcome with their latency, Slack calls by method, and 429s, after real traffic', async () => {
    const before = await scrape(base);
    await app.client.command('/suggest', 'Metrics please');
    const [open] = await app.slack.waitFor('views.open');
    app.slack.fail('chat.postMessage', { kind: 'http', status: 429, retryAfter: 1 });
    await app.client.viewSubmission(open!.args.view, {
      [SUGGEST.blocks.title]: { [SUGGEST.action]: textValue('Metrics please') },
      [SUGGEST.blocks.type]: { [SUGGEST.action]: selectValue('task') },
    });
    // The receipt and the triage notice, one of them after the 429.
    await app.slack.waitUntil(() => app.slack.sent('chat.postMessage').length === 2, 10_000, 'both notices');
    const after = await scrape(base);
    const moved = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);

    expect(moved('rituals_slack_request_duration_seconds_count', { kind: 'command', outcome: 'ok' })).toBe(1);
    expect(moved('rituals_slack_request_duration_seconds_count', { kind: 'view_submission', outcome: 'ok' })).toBe(1);
    expect(moved('rituals_slack_request_duration_seconds_bucket', { le: '+Inf', kind: 'command', outcome: 'ok' })).toBe(1);
    expect(moved('rituals_slack_request_duration_seconds_sum', { kind: 'command', outcome: 'ok' })).toBeGreaterThan(0);
    expect(moved('rituals_slack_api_calls_total', { method: 'views.open' })).toBe(1);
    expect(moved('rituals_slack_api_calls_total', { method: 'chat.postMessage' })).toBe(3);
    expect(moved('rituals_slack_api_rate_limited_total', { method: 'chat.postMessage' })).toBe(1);
    expect(moved('rituals_slack_api_errors_total', { method: 'chat.postMessage', error: 'http_429' })).toBe(1);
    expect([...after.keys()].some((key) => /^rituals_info\{version="\d+\.\d+\.\d+.*",mode="http"\}$/.test(key))).toBe(true);
    // Default process metrics come along.
    expect(sample(after, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(after.has('nodejs_eventloop_lag_seconds')).toBe(true);
    // No person's or workspace's id is a label.
    expect([...after.keys()].join('\n')).not.toMatch(/U_ALICE|"T1"/);
  });

  it("counts Slack's ok:false answers by their error code", async () => {
    const before = await scrape(base);
    app.slack.fail('views.open', { kind: 'error', error: 'expired_trigger_id' });
    await app.client.command('/suggest', 'Too late');
    await app.slack.waitUntil(() => app.slack.callsTo('views.open').length === 2, 5_000, 'the failed views.open');
    const after = await scrape(base);
    const labels = { method: 'views.open', error: 'expired_trigger_id' };
    expect(sample(after, 'rituals_slack_api_errors_total', labels) - sample(before, 'rituals_slack_api_errors_total', labels)).toBe(1);
  });

  it('reports outbox depth and the oldest pending age from the database at scrape time', async () => {
    expect(sample(await scrape(base), 'rituals_outbox_depth')).toBe(0);
    // Slack keeps rate limiting the receipt for a while: it waits in the outbox.
    app.slack.fail('chat.postMessage', { kind: 'http', status: 429, retryAfter: 30 }, 2);
    await app.client.command('/suggest', 'Held');
    const [, open] = await app.slack.waitFor('views.open', 2);
    await app.client.viewSubmission(open!.args.view, {
      [SUGGEST.blocks.title]: { [SUGGEST.action]: textValue('Held') },
      [SUGGEST.blocks.type]: { [SUGGEST.action]: selectValue('task') },
    });
    await app.slack.waitUntil(() => app.slack.callsTo('chat.postMessage').filter((call) => call.status === 429).length === 3, 5_000, 'the held notices');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const held = await scrape(base);
    expect(sample(held, 'rituals_outbox_depth')).toBe(2);
    expect(sample(held, 'rituals_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(1);
    expect(sample(held, 'rituals_outbox_failed')).toBe(0);
  });

  it('reports the event queue depth while an event is being handled', async () => {
    app.slack.fail('conversations.history', { kind: 'delay', ms: 1_000 });
    await app.client.event({ type: 'reaction_added', user: 'U_ALICE', reaction: 'inbox_tray', item: { type: 'message', channel: 'C_TEAM', ts: '7.000100' } });
    expect(sample(await scrape(base), 'rituals_event_queue_depth')).toBe(1);
    await app.rituals.events.idle();
    expect(sample(await scrape(base), 'rituals_event_queue_depth')).toBe(0);
  });

  it('serves the same metrics on HEALTH_PORT, and health on both ports', async () => {
    const metrics = await fetch(`${healthBase}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(await metrics.text()).toContain('rituals_slack_request_duration_seconds_count');
    for (const root of [base, healthBase]) {
      const healthz = await fetch(`${root}/healthz`);
      expect([healthz.status, await healthz.json()]).toEqual([200, { ok: true }]);
      const readyz = await fetch(`${root}/readyz`);
      expect([readyz.status, await readyz.json()]).toEqual([200, { ok: true, checks: { lifecycle: 'running', database: 'ok', slack: 'ok' } }]);
      const livez = await fetch(`${root}/livez`);
      expect(livez.status).toBe(200);
      expect(await livez.json()).toMatchObject({ ok: true, uptimeSeconds: expect.any(Number) });
    }
    expect((await fetch(`${healthBase}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('does not treat health or metrics requests as Slack requests', async () => {
    const before = app.logs.length;
    const requestsBefore = sample(await scrape(base), 'rituals_slack_request_duration_seconds_count', { kind: 'other', outcome: 'ok' });
    for (const path of ['/healthz', '/readyz', '/livez', '/metrics']) expect((await fetch(`${base}${path}`)).status).toBe(200);
    const lines = app.logs.slice(before);
    expect(lines.filter((line) => / request kind=|signature|verify/i.test(line))).toEqual([]);
    expect(sample(await scrape(base), 'rituals_slack_request_duration_seconds_count', { kind: 'other', outcome: 'ok' })).toBe(requestsBefore);
  });

  it('is not ready (503) once stopping, while still alive', async () => {
    void app.rituals.stop('test');
    expect(app.rituals.readiness()).toMatchObject({ ok: false, checks: { lifecycle: 'stopping' } });
    const healthz = await fetch(`${healthBase}/healthz`).catch(() => null);
    // The health server answers 503 until it closes at the very end of the stop.
    if (healthz) expect(healthz.status).toBe(503);
  });
});
