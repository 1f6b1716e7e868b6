import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { itemEventsTable, itemsTable } from '../../src/db/schema.js';
import { SUGGEST } from '../../src/slack/ids.js';
import { selectValue, textValue } from '../helpers/signedClient.js';
import { seedTeam, startTestApp, type TestApp } from '../helpers/testApp.js';
import { tableRows } from '../helpers/tableRows.js';

function suggestValues(overrides: Record<string, unknown> = {}) {
  return {
    [SUGGEST.blocks.title]: { value: textValue('Fix login timeout') },
    [SUGGEST.blocks.details]: { value: textValue('Users are logged out after 5 minutes.') },
    [SUGGEST.blocks.type]: { value: selectValue('bug') },
    [SUGGEST.blocks.neededBy]: { value: textValue('Support, 20 tickets a week') },
    [SUGGEST.blocks.urgency]: { value: selectValue(null) },
    ...overrides,
  } as any;
}

describe('/suggest', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await startTestApp();
    await seedTeam(app);
  });
  afterEach(async () => {
    await app.stop();
  });

  async function openModal(text = 'Fix login timeout', channel = 'C_TEAM') {
    const started = Date.now();
    const response = await app.client.command('/suggest', text, { channel });
    expect(response.status).toBe(200);
    const [open] = await app.slack.waitFor('views.open');
    return { response, view: open!.args.view, elapsedMs: Date.now() - started };
  }

  it('acks and opens the modal pre-filled from the command text, well within 3 s', async () => {
    const { view, elapsedMs } = await openModal('Fix login timeout');
    expect(elapsedMs).toBeLessThan(3000);
    expect(view.callback_id).toBe(SUGGEST.callbackId);
    const title = view.blocks.find((b: any) => b.block_id === SUGGEST.blocks.title);
    expect(title.element.initial_value).toBe('Fix login timeout');
    expect(app.slack.callsTo('views.open')[0]!.args.trigger_id).toMatch(/^trigger\./);
  });

  it('stores one inbox item with an event, sends the receipt and the triage notice', async () => {
    const { view } = await openModal();
    const response = await app.client.viewSubmission({ ...view, id: 'VSUB1' }, suggestValues());
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    const items = await tableRows(app.rituals.storage, itemsTable);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ number: 1, title: 'Fix login timeout', status: 'inbox', type: 'bug', source: 'command', requesterId: 'U_ALICE' });
    const events = await tableRows(app.rituals.storage, itemEventsTable);
    expect(events).toMatchObject([{ kind: 'created', toValue: 'inbox', actorId: 'U_ALICE' }]);
    const posts = await app.slack.waitFor('chat.postMessage', 2);
    const receipt = posts.find((call) => call.args.channel === 'U_ALICE')!;
    expect(receipt.args.text).toContain('R-1');
    expect(receipt.args.text).toContain('Fix login timeout');
    const notice = posts.find((call) => call.args.channel === 'C_TRIAGE')!;
    expect(notice.args.text).toContain('R-1');
  });

  it('creates one item when the same view is submitted twice', async () => {
    const { view } = await openModal();
    const first = app.client.viewSubmission({ ...view, id: 'VDOUBLE' }, suggestValues());
    const second = app.client.viewSubmission({ ...view, id: 'VDOUBLE' }, suggestValues());
    const responses = await Promise.all([first, second]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(await tableRows(app.rituals.storage, itemsTable)).toHaveLength(1);
    await app.slack.waitFor('chat.postMessage', 2);
    await app.rituals.outbox.drain();
    expect(app.slack.sent('chat.postMessage').filter((c) => c.args.channel === 'U_ALICE')).toHaveLength(1);
  });

  it('shows inline errors for an invalid submission and stores nothing', async () => {
    const { view } = await openModal('');
    const response = await app.client.viewSubmission(view, suggestValues({ [SUGGEST.blocks.title]: { value: textValue('   ') } }));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ response_action: 'errors', errors: { [SUGGEST.blocks.title]: 'Give the suggestion a title.' } });
    const tooLong = await app.client.viewSubmission(view, suggestValues({ [SUGGEST.blocks.title]: { value: textValue('x'.repeat(151)) } }));
    expect(tooLong.json.errors[SUGGEST.blocks.title]).toMatch(/150 characters/);
    expect(await tableRows(app.rituals.storage, itemsTable)).toHaveLength(0);
  });

  it('rejects a forged private_metadata', async () => {
    const { view } = await openModal();
    const forged = { ...view, private_metadata: JSON.stringify({ source: 'command', teamId: 1 }) };
    const response = await app.client.viewSubmission(forged, suggestValues());
    expect(response.json.response_action).toBe('errors');
    expect(await tableRows(app.rituals.storage, itemsTable)).toHaveLength(0);
  });

  it('escapes user text in what it posts', async () => {
    const { view } = await openModal();
    await app.client.viewSubmission(view, suggestValues({ [SUGGEST.blocks.title]: { value: textValue('<!channel> ping & <https://evil|click>') } }));
    const posts = await app.slack.waitFor('chat.postMessage', 2);
    for (const post of posts) {
      const everything = JSON.stringify(post.args);
      expect(everything).not.toContain('<!channel>');
      expect(everything).not.toContain('<https://evil');
      expect(everything).toContain('&lt;!channel&gt;');
    }
  });

  it('tells the person how to set up a team when there is none', async () => {
    for (const team of await app.rituals.repos.teams.listAll()) await app.rituals.storage.query('DELETE FROM teams WHERE id = ?', [team.id]);
    const response = await app.client.command('/suggest', 'x');
    expect(response.json.text).toContain('/rituals setup');
    expect(app.slack.callsTo('views.open')).toHaveLength(0);
  });

  it('answers 401 to unsigned, badly signed and 6-minute-old requests', async () => {
    const body = new URLSearchParams({ command: '/suggest', text: 'x', team_id: 'T1', user_id: 'U1', channel_id: 'C_TEAM', trigger_id: 't' }).toString();
    expect((await app.client.post(body, { sign: false })).status).toBe(401);
    expect((await app.client.post(body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(401);
    const wrong = new (app.client.constructor as any)(app.client.baseUrl, 'another-secret-123456');
    expect((await wrong.command('/suggest', 'x')).status).toBe(401);
    expect(app.slack.callsTo('views.open')).toHaveLength(0);
  });

  it('answers GET /healthz with 200 once ready', async () => {
    const response = await fetch(`${app.client.baseUrl}/healthz`);
    expect(response.status).toBe(200);
  });
});
