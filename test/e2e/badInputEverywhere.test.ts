/**
 * Bad input on every entry point, property-based (fast-check), against one running app with a
 * team, a backlog and an active sprint: every slash command's text, every registered view
 * submission (random state values, forged or garbled private_metadata), every registered button
 * or menu (random values, from anyone) and the events we subscribe to. Whatever arrives, the app
 * answers (200, or Slack's own error statuses), logs no error, and a submission that could not be
 * verified changes nothing in the database.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../src/db/schema.js';
import * as ids from '../../src/slack/ids.js';
import { createMetadataSeal } from '../../src/slack/metadata.js';
import { routesOf } from '../helpers/routes.js';
import { TEST_SIGNING_SECRET } from '../helpers/signedClient.js';
import { seedTeam, startTestApp, type TestApp } from '../helpers/testApp.js';

const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as { features: { slash_commands: { command: string }[] } };
const COMMANDS = manifest.features.slash_commands.map((c) => c.command);

const VIEW_CALLBACKS = routesOf('view');
/** Every routed action as Slack would send it: "id@block" with its block, "prefix*" with two suffixes. */
const ACTIONS = routesOf('action').flatMap((route) => {
  if (route.endsWith('*')) return [`${route.slice(0, -1)}5`, `${route.slice(0, -1)}coffee`].map((actionId) => ({ actionId, blockId: 'b' }));
  const [actionId, blockId = 'b'] = route.split('@');
  return [{ actionId: actionId!, blockId }];
});

/** Every block id the app's forms use, so random state lands where handlers look. */
function allBlockIds(): string[] {
  const found: string[] = [];
  const walk = (node: unknown, inBlocks: boolean) => {
    if (typeof node === 'string' && inBlocks) found.push(node);
    if (node && typeof node === 'object') for (const [key, value] of Object.entries(node)) walk(value, inBlocks || key === 'blocks');
  };
  walk(ids, false);
  return [...new Set(found)];
}
const BLOCK_IDS = allBlockIds();

const tricky = fc.constantFrom(
  '👩‍👩‍👧‍👦',
  'שלום',
  '\u202E',
  '\u200B',
  '\uD800',
  '<!channel>',
  '<@U123>',
  '&amp;',
  '\n',
  '\0',
  'R-1',
  'R-999999999999',
  '#2',
  '-1',
  '1e309',
  'NaN',
  '2026-02-30',
  '25:61',
  '0',
  '13',
  '?',
);
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.array(fc.oneof(tricky, fc.string({ maxLength: 4 })), { maxLength: 12 }).map((parts) => parts.join(' ')),
  fc.tuple(fc.constantFrom('x', '😀'), fc.integer({ min: 100, max: 5_000 })).map(([unit, n]) => unit.repeat(n)),
);
const wrongType = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.anything(), { maxLength: 3 }), fc.object({ maxDepth: 2 }));
const users = fc.constantFrom('U_PO', 'U_SM', 'U_ALICE', 'U_OUT');

/** One input element of any kind Slack sends, sometimes of the wrong shape. */
const element = fc.oneof(
  anyText.map((value) => ({ type: 'plain_text_input', value })),
  fc
    .oneof(anyText, fc.constantFrom('1', '2', 'must', 'accept', 'reject', 'merge', 'top', 'done', 'bug'))
    .map((value) => ({ type: 'static_select', selected_option: { value } })),
  fc.array(fc.constantFrom('U_PO', 'U_OUT', 'x'), { maxLength: 3 }).map((selected_users) => ({ type: 'multi_users_select', selected_users })),
  fc.constantFrom('U_PO', 'U_OUT', null).map((selected_user) => ({ type: 'users_select', selected_user })),
  fc.constantFrom('C_TEAM', 'C_OTHER', null).map((selected_conversation) => ({ type: 'conversations_select', selected_conversation })),
  fc.oneof(fc.constantFrom('2026-11-23', '2026-13-45', ''), anyText).map((selected_date) => ({ type: 'datepicker', selected_date })),
  fc
    .array(fc.constantFrom('retro', 'details', 'estimated', 'x', '1'), { maxLength: 4 })
    .map((v) => ({ type: 'checkboxes', selected_options: v.map((value) => ({ value })) })),
  wrongType,
);
const stateValues = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.dictionary(fc.constantFrom(...BLOCK_IDS), fc.dictionary(fc.constantFrom('value', 'x'), element, { maxKeys: 2 }), { maxKeys: 12 }),
  },
  { weight: 1, arbitrary: wrongType },
);

// Hundreds of signed requests per property (and, for view submissions, 300 reads of every table): on
// PostgreSQL under a full suite's load these take well over the default 20 s.
describe('bad input on every entry point', { timeout: 60_000 }, () => {
  let app: TestApp;
  const seal = createMetadataSeal(TEST_SIGNING_SECRET);

  /** A hash of every table's rows: equal before and after means nothing was written. */
  async function fingerprint(): Promise<string> {
    const tables = Object.values(schema as Record<string, unknown>)
      .filter((value): value is SQLiteTable => is(value, SQLiteTable))
      .map((table) => getTableConfig(table).name)
      // Bookkeeping, not user data.
      .filter((name) => name !== 'event_inbox' && name !== 'slack_users')
      .sort();
    // Rows in a fixed order on either engine (PostgreSQL has no rowid, and no order without ORDER BY).
    const contents = await Promise.all(
      tables.map(async (name) => [name, (await app.rituals.storage.query(`select * from "${name}"`)).map((row) => JSON.stringify(row)).sort()] as const),
    );
    const hash = createHash('sha256');
    for (const [name, rows] of contents) hash.update(name).update(JSON.stringify(rows));
    return hash.digest('hex');
  }

  const errorLines = () => app.logs.filter((line) => line.includes(' ERROR '));

  beforeAll(async () => {
    app = await startTestApp();
    const team = await seedTeam(app);
    app.slack.addUser({ id: 'U_PO' }).addUser({ id: 'U_OUT' }).addUser({ id: 'U_ALICE' }).addUser({ id: 'U_SM' });
    const { repos } = app.rituals;
    const at = Date.now();
    // The shadow-backlog watch reads the team channel, so message events reach the detector.
    await repos.watch.replaceChannels(team.id, 'T1', ['C_TEAM'], at);
    const base = {
      teamId: team.id,
      details: 'Enough details to be ready for a sprint.',
      source: 'command' as const,
      requesterId: 'U_ALICE',
      suggestedById: 'U_ALICE',
      createdAt: at,
      updatedAt: at,
    };
    const sprint = await repos.sprints.insert({
      teamId: team.id,
      number: 1,
      name: 'Sprint 1',
      goal: 'Ship it',
      startDate: '2026-11-16',
      endDate: '2026-11-27',
      status: 'active',
      committedPoints: 3,
      startedBy: 'U_SM',
      startedAt: at,
    });
    for (let n = 1; n <= 6; n += 1) {
      const status = n <= 2 ? 'inbox' : n <= 4 ? 'backlog' : 'in_sprint';
      await repos.items.insert({
        ...base,
        number: n,
        title: `Item ${n}`,
        status,
        rank: n * 1024,
        storyPoints: n % 3 === 0 ? null : 3,
        ...(status === 'in_sprint' ? { sprintId: sprint.id, workState: 'todo' as const } : {}),
      });
    }
    await app.rituals.storage.query('update teams set next_item_number = 7 where id = ?', [team.id]);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('finds the registered entry points', () => {
    expect(COMMANDS.length).toBeGreaterThanOrEqual(9);
    expect(VIEW_CALLBACKS.length).toBeGreaterThanOrEqual(15);
    expect(ACTIONS.length).toBeGreaterThanOrEqual(28);
  });

  it('every slash command, any text, anyone: a 200 and no error', async () => {
    const subcommands = fc.constantFrom(
      '',
      'help',
      'setup',
      'icebox',
      'ready',
      'status',
      'close',
      'add',
      'remove',
      'board',
      'away',
      'back',
      'run',
      'impediments',
      'post',
      'retro summary',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...COMMANDS),
        subcommands,
        anyText,
        users,
        fc.constantFrom('C_TEAM', 'C_OTHER', 'D_DM'),
        async (command, sub, text, user, channel) => {
          const response = await app.client.command(command, `${sub} ${text}`.slice(0, 4000), { user, channel });
          expect(response.status).toBe(200);
        },
      ),
      { numRuns: 150 },
    );
    await app.rituals.outbox.drain();
    expect(errorLines()).toEqual([]);
  });

  it('every view submission: unverifiable metadata changes nothing; any state never crashes', async () => {
    const garbage = fc.oneof(
      fc.constant(undefined),
      anyText,
      wrongType,
      fc.constant(`AAAAAAAAAAAAAAAAAAAAAA.${JSON.stringify({ teamId: 1, itemId: 3, sprintId: 1 })}`),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...VIEW_CALLBACKS), stateValues, garbage, users, async (callbackId, values, privateMetadata, user) => {
        run += 1;
        const before = await fingerprint();
        const response = await app.client.viewSubmission(
          { callback_id: callbackId, id: `VBAD${run}`, ...(typeof privateMetadata === 'string' ? { private_metadata: privateMetadata } : {}) },
          values as never,
          { user },
        );
        expect(response.status).toBe(200);
        if (response.text !== '') expect(['errors', 'update', 'push', 'clear']).toContain(response.json?.response_action);
        await app.rituals.outbox.drain();
        expect(await fingerprint(), `${callbackId} wrote with unverifiable metadata`).toBe(before);
      }),
      { numRuns: 150 },
    );
    expect(errorLines()).toEqual([]);
  });

  it('every view submission with well-sealed but nonsensical metadata: never a crash', async () => {
    const nonsense = fc.record(
      {
        teamId: fc.oneof(fc.constantFrom(1, 2, 0, -1, 999_999), wrongType),
        itemId: fc.oneof(fc.constantFrom(1, 3, 5, 999_999), wrongType),
        sprintId: fc.oneof(fc.constantFrom(1, 2), wrongType),
        promptId: fc.oneof(fc.constantFrom(1, 2), wrongType),
        source: fc.constantFrom('command', 'shortcut', 'x'),
        page: fc.oneof(fc.integer({ min: -5, max: 50 }), wrongType),
      },
      { requiredKeys: [] },
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...VIEW_CALLBACKS), stateValues, nonsense, users, async (callbackId, values, metadata, user) => {
        run += 1;
        const response = await app.client.viewSubmission(
          { callback_id: callbackId, id: `VSEALED${run}`, private_metadata: seal.seal(metadata) },
          values as never,
          { user },
        );
        expect(response.status).toBe(200);
      }),
      { numRuns: 150 },
    );
    await app.rituals.outbox.drain();
    expect(errorLines()).toEqual([]);
  });

  it('every button and menu, any value, anyone, from a message or a modal: a 200 and no error', async () => {
    const value = fc.oneof(anyText, fc.constantFrom('1', '3', '5', 'top:3', 'up:4', 'done:5', 'in_progress:5', 'assign:5', 'tasks:5', '-1', '{"itemId":3}'));
    const context = fc.constantFrom('message', 'view', 'none');
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ACTIONS),
        value,
        users,
        context,
        fc.oneof(anyText, fc.constant(undefined)),
        async ({ actionId, blockId }, actionValue, user, where, metadata) => {
          run += 1;
          const action = { action_id: actionId, block_id: blockId, value: actionValue, selected_option: { value: actionValue } };
          const response = await app.client.blockAction([action], {
            user,
            ...(where === 'message' ? { channel: 'C_TEAM', messageTs: '1700000000.000100' } : {}),
            ...(where === 'view'
              ? { view: { id: `VACT${run}`, type: 'modal', callback_id: 'x', hash: 'h', private_metadata: metadata ?? '', state: { values: {} }, blocks: [] } }
              : {}),
          });
          expect(response.status).toBe(200);
        },
      ),
      { numRuns: 200 },
    );
    await app.rituals.outbox.drain();
    expect(errorLines()).toEqual([]);
  });

  it('events with odd content: acked, and no error', async () => {
    const event = fc.oneof(
      fc.record({
        type: fc.constant('app_mention'),
        user: users,
        text: anyText.map((t) => `<@UBOT> ${t}`),
        ts: fc.constant('1700000000.000200'),
        channel: fc.constantFrom('C_TEAM', 'C_OTHER'),
      }),
      fc.record({
        type: fc.constant('app_mention'),
        user: users,
        text: anyText.map((t) => `<@UBOT> add ${t}`),
        ts: fc.constantFrom('1700000000.000300', '1700000000.000400'),
        channel: fc.constant('C_TEAM'),
        thread_ts: fc.constantFrom(undefined, '1700000000.000100'),
      }),
      fc.record({
        type: fc.constant('reaction_added'),
        user: users,
        reaction: fc.oneof(fc.constantFrom('inbox_tray', 'inbox_tray::skin-tone-2'), anyText),
        item: fc.record({
          type: fc.constantFrom('message', 'file'),
          channel: fc.constantFrom('C_TEAM', 'C_OTHER'),
          ts: fc.constantFrom('1700000000.000100', 'x'),
        }),
      }),
      fc.record({ type: fc.constant('app_home_opened'), user: users, tab: fc.constantFrom('home', 'messages', 'x'), channel: fc.constant('D1') }),
      fc.record({
        type: fc.constant('message'),
        user: fc.oneof(users, fc.constant(undefined)),
        text: fc.oneof(
          anyText,
          anyText.map((t) => `can you please add ${t}`),
          fc.constant(undefined),
        ),
        ts: fc.oneof(fc.constantFrom('1700000000.000500', '1700000000.000600'), anyText),
        channel: fc.constantFrom('C_TEAM', 'C_OTHER', 'D1'),
        channel_type: fc.constantFrom('channel', 'group', 'im', undefined),
        subtype: fc.constantFrom(undefined, 'message_changed', 'bot_message', 'thread_broadcast'),
        thread_ts: fc.constantFrom(undefined, '1700000000.000100', 'x'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(event, async (payload) => {
        const response = await app.client.event(payload as Record<string, unknown>);
        expect(response.status).toBe(200);
      }),
      { numRuns: 100 },
    );
    // Event listeners run after the ack: let them finish before reading the logs.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await app.rituals.outbox.drain();
    expect(errorLines()).toEqual([]);
    expect((await fetch(`${app.client.baseUrl}/healthz`)).status).toBe(200);
  });
});
