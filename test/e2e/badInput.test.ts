/**
 * Bad input, property-based (fast-check) against one running app: whatever arrives in /suggest's
 * text or in the suggestion modal's submission, the app answers 200 with a clean ack or inline
 * errors, never crashes, and stores exactly the submissions it acked cleanly. Oversized and
 * garbage requests leave it healthy.
 */
import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUGGEST } from '../../src/slack/ids.js';
import { selectValue, signature, textValue, TEST_SIGNING_SECRET } from '../helpers/signedClient.js';
import { seedTeam, startTestApp, type TestApp } from '../helpers/testApp.js';

/** Text that tends to break things: emoji (astral, ZWJ sequences), RTL, zero-width, combining marks, Slack markup. */
const tricky = fc.constantFrom(
  '👩‍👩‍👧‍👦',
  '🇺🇦',
  'שלום',
  'مرحبا',
  '\u202E',
  '\u200B',
  '\u200D',
  '\uFEFF',
  'e\u0301',
  '\uD800',
  '<!channel>',
  '<@U123>',
  '&amp;',
  '*_~`',
  '\n',
  '\t',
  ' ',
  '\0',
);
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.oneof(tricky, fc.string({ maxLength: 5 })), { maxLength: 60 }).map((parts) => parts.join('')),
  fc.tuple(fc.constantFrom('x', '😀', 'ab '), fc.integer({ min: 140, max: 20_000 })).map(([unit, n]) => unit.repeat(n)),
);
const wrongType = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.anything(), { maxLength: 3 }), fc.object({ maxDepth: 2 }));

/** One input element's state: mostly what Slack sends (with odd text), sometimes not that shape at all. */
const textElement = (good: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 6, arbitrary: good.map((t) => textValue(t)) },
    anyText.map((t) => textValue(t)),
    fc.constant(textValue(null)),
    wrongType.map((value) => ({ type: 'plain_text_input', value })),
    wrongType,
  );
const selectElement = (valid: readonly string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...valid).map((v) => selectValue(v)) },
    fc.constant(selectValue(null)),
    anyText.map((t) => selectValue(t)),
    wrongType.map((selected_option) => ({ type: 'static_select', selected_option })),
    wrongType,
  );
const shortText = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
  fc.array(tricky, { minLength: 1, maxLength: 10 }).map((parts) => `x${parts.join('')}`),
);

/** A block: its element under the right action_id (mostly), missing, or something else entirely. */
const block = (element: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 12, arbitrary: element.map((e): unknown => ({ [SUGGEST.action]: e })) }, fc.constant(undefined), wrongType);

const stateValues = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .record({
        title: block(textElement(shortText)),
        details: block(textElement(fc.string({ unit: 'grapheme', maxLength: 300 }))),
        type: block(selectElement(['bug', 'story', 'chore', 'spike'])),
        neededBy: block(textElement(fc.string({ maxLength: 40 }))),
        urgency: block(selectElement(['low', 'medium', 'high'])),
        team: block(selectElement(['1', '2', '-1', '1e3'])),
      })
      .map((b) => {
        const values: Record<string, unknown> = {};
        const ids: Record<string, string> = { ...SUGGEST.blocks };
        for (const [key, value] of Object.entries(b)) if (value !== undefined) values[ids[key]!] = value;
        return values;
      }),
  },
  { weight: 1, arbitrary: wrongType },
);

// Hundreds of signed requests per property: on PostgreSQL under a full suite's load well over the default 20 s.
describe('bad input', { timeout: 60_000 }, () => {
  let app: TestApp;
  const itemIds = () => app.rituals.storage.query<{ id: number }>('SELECT id FROM items ORDER BY id');
  let sealed: string;

  beforeAll(async () => {
    app = await startTestApp();
    await seedTeam(app);
    await app.client.command('/suggest', 'x');
    sealed = String((await app.slack.waitFor('views.open'))[0]!.args.view.private_metadata);
  });
  afterAll(async () => {
    await app.stop();
  });

  async function expectHealthy(): Promise<void> {
    expect((await fetch(`${app.client.baseUrl}/healthz`)).status).toBe(200);
    const opened = app.slack.sent('views.open').length;
    expect((await app.client.command('/suggest', 'still here')).status).toBe(200);
    await app.slack.waitFor('views.open', opened + 1);
  }

  it('/suggest text: always a 200 ack and a modal within Slack limits', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const before = app.slack.callsTo('views.open').length;
        const response = await app.client.command('/suggest', text);
        expect(response.status).toBe(200);
        await app.slack.waitUntil(() => app.slack.callsTo('views.open').length > before, 5_000, 'views.open');
        const call = app.slack.callsTo('views.open')[before]!;
        expect(call.response).toMatchObject({ ok: true });
      }),
      { numRuns: 100 },
    );
    expect(app.logs.filter((line) => line.includes(' ERROR '))).toEqual([]);
  });

  it('suggestion submissions: clean ack or inline errors, and exactly the clean acks are stored', async () => {
    const itemsBefore = (await itemIds()).length;
    let cleanAcks = 0;
    let inlineErrors = 0;
    let run = 0;
    const metadata = fc.oneof(
      { weight: 6, arbitrary: fc.constant(sealed) },
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: anyText },
      // Garbled: one character of the sealed value changed.
      {
        weight: 1,
        arbitrary: fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 1 })).map(([at, c]) => {
          const i = at % sealed.length;
          return sealed.slice(0, i) + (sealed[i] === c ? '~' : c) + sealed.slice(i + 1);
        }),
      },
      // Forged: a well-formed origin with a made-up seal.
      { weight: 1, arbitrary: fc.constant(`AAAAAAAAAAAAAAAAAAAAAA.${JSON.stringify({ source: 'command', teamId: 1 })}`) },
      { weight: 1, arbitrary: wrongType },
    );
    await fc.assert(
      fc.asyncProperty(stateValues, metadata, async (values, privateMetadata) => {
        run += 1;
        const response = await app.client.interaction({
          type: 'view_submission',
          team: { id: 'T1', domain: 'example' },
          user: { id: 'U_ALICE', username: 'alice', name: 'alice', team_id: 'T1' },
          api_app_id: 'A1',
          trigger_id: `trigger.fuzz.${run}`,
          view: {
            id: `VFUZZ${run}`,
            team_id: 'T1',
            type: 'modal',
            callback_id: SUGGEST.callbackId,
            ...(privateMetadata === undefined ? {} : { private_metadata: privateMetadata }),
            state: { values },
            hash: 'h1',
            blocks: [],
          },
        });
        expect(response.status).toBe(200);
        if (response.text === '') {
          cleanAcks += 1;
          return;
        }
        inlineErrors += 1;
        expect(response.json.response_action).toBe('errors');
        const errors = Object.entries(response.json.errors as Record<string, unknown>);
        expect(errors.length).toBeGreaterThan(0);
        for (const [blockId, message] of errors) {
          expect(Object.values(SUGGEST.blocks)).toContain(blockId);
          expect(typeof message).toBe('string');
          expect((message as string).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
    // Both outcomes were exercised.
    expect(cleanAcks).toBeGreaterThan(0);
    expect(inlineErrors).toBeGreaterThan(0);
    const items = (await itemIds()).slice(itemsBefore);
    expect(items).toHaveLength(cleanAcks);
    for (const item of items) {
      expect((await app.rituals.repos.itemEvents.listForItem(item.id)).map((e) => e.kind)).toEqual(['created']);
    }
    expect(app.logs.filter((line) => line.includes(' ERROR '))).toEqual([]);
    await expectHealthy();
  });

  it('stays healthy after oversized, garbled and unsigned requests', async () => {
    // A fresh connection each (an early 413 leaves its connection unusable, as it should).
    const post = (body: string | Buffer, headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const req = request(`${app.client.baseUrl}/slack/events`, { method: 'POST', headers, agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', () => resolve(0));
        req.end(body);
      });
    const signed = (body: string, contentType: string) => {
      const ts = Math.floor(Date.now() / 1000);
      return { 'content-type': contentType, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature(TEST_SIGNING_SECRET, ts, body) };
    };
    const huge = `payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission', pad: 'x'.repeat(5 * 1024 * 1024) }))}`;
    const statuses = {
      overLimit: await post(huge, signed(huge, 'application/x-www-form-urlencoded')),
      badJson: await post('{"type": "event_callback", ', signed('{"type": "event_callback", ', 'application/json')),
      badPayload: await post('payload=%7Bnot-json', signed('payload=%7Bnot-json', 'application/x-www-form-urlencoded')),
      textPlain: await post('hello', signed('hello', 'text/plain')),
      withCharset: await post('command=%2Fsuggest', signed('command=%2Fsuggest', 'application/x-www-form-urlencoded; charset=utf-8')),
      binaryBadSignature: await post(Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80]), signed('\u00ff', 'application/octet-stream')),
      unsigned: await post('command=%2Fsuggest&text=x', { 'content-type': 'application/x-www-form-urlencoded' }),
      onlyTimestamp: await post('command=%2Fsuggest', {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
      }),
    };
    // None of them was processed, and none made the app fail.
    for (const [name, status] of Object.entries(statuses)) {
      expect(status, name).toBeGreaterThanOrEqual(400);
      expect(status, name).toBeLessThan(500);
    }
    await expectHealthy();
  });
});
