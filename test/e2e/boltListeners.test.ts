/**
 * The router extends Bolt instead of replacing it: a plain Bolt listener registered on the same app
 * (app.command, app.action, app.options, a view_closed listener) serves what no route claims, and a
 * request nobody answers is still acknowledged at once, so Slack shows the person no error.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedTeam, startTestApp, type TestApp } from '../helpers/testApp.js';

describe('plain Bolt listeners beside the routes', () => {
  let t: TestApp;
  const user = { id: 'U_ALICE', username: 'u_alice', name: 'u_alice', team_id: 'T1' };
  const team = { id: 'T1', domain: 'example' };

  beforeAll(async () => {
    t = await startTestApp();
    await seedTeam(t);
  }, 30_000);
  afterAll(() => t.stop());

  it('runs an app.command listener for a command no route serves', async () => {
    t.rituals.app.command('/plain', async ({ ack, command }) => ack({ response_type: 'ephemeral', text: `plain: ${command.text}` }));
    const response = await t.client.command('/plain', 'hello');
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ text: 'plain: hello' });
  });

  it('runs an app.action listener for a button no route serves', async () => {
    const pressed = vi.fn();
    t.rituals.app.action('plain_button', async ({ ack, action }) => {
      await ack();
      pressed((action as { value?: string }).value);
    });
    const response = await t.client.blockAction([{ action_id: 'plain_button', value: 'v1' }], { channel: 'C_TEAM', messageTs: '1.2' });
    expect(response.status).toBe(200);
    expect(pressed).toHaveBeenCalledWith('v1');
    expect(t.logs.join('\n')).not.toContain('no handler for action:plain_button');
  });

  it('runs an app.options listener (external select suggestions)', async () => {
    t.rituals.app.options('plain_select', async ({ ack, options }) =>
      ack({ options: [{ text: { type: 'plain_text', text: `you typed ${options.value}` }, value: 'x' }] }),
    );
    const response = await t.client.interaction({
      type: 'block_suggestion',
      action_id: 'plain_select',
      block_id: 'b',
      value: 'abc',
      team,
      user,
      api_app_id: 'A1',
      token: 'legacy-verification-token',
      container: { type: 'view', view_id: 'V1' },
    });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ options: [{ text: { type: 'plain_text', text: 'you typed abc' }, value: 'x' }] });
  });

  it('runs a view_closed listener', async () => {
    const closed = vi.fn();
    t.rituals.app.view({ type: 'view_closed', callback_id: 'plain_form' }, async ({ ack, view }) => {
      await ack();
      closed(view.id);
    });
    const response = await t.client.interaction({
      type: 'view_closed',
      team,
      user,
      api_app_id: 'A1',
      token: 'legacy-verification-token',
      view: { id: 'V_CLOSED', type: 'modal', callback_id: 'plain_form', private_metadata: '', state: { values: {} }, hash: 'h' },
      is_cleared: false,
    });
    expect(response.status).toBe(200);
    expect(closed).toHaveBeenCalledWith('V_CLOSED');
  });

  it('serves a routed request by its route only', async () => {
    const plain = vi.fn(async ({ ack }: { ack: () => Promise<void> }) => ack());
    t.rituals.app.command('/suggest', plain);
    const response = await t.client.command('/suggest', '');
    expect(response.status).toBe(200);
    await t.slack.waitFor('views.open');
    expect(plain).not.toHaveBeenCalled();
  });

  it('acknowledges at once, and logs, a request that neither a route nor a listener serves', async () => {
    const started = Date.now();
    const response = await t.client.blockAction([{ action_id: 'link_button' }], { channel: 'C_TEAM', messageTs: '1.3' });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(t.logs.join('\n')).toContain('no handler for action:link_button; acknowledged and ignored');
  });
});
