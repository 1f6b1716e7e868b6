/**
 * Every command, shortcut and button that opens a form tells the person when Slack won't open it
 * (an expired trigger_id, an error, a timeout): by an ephemeral reply through the request's
 * response_url when it has one, else by DM. Nobody is left clicking something that does nothing.
 */
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Item } from '../../src/db/repositories/items.js';
import type { Team } from '../../src/db/repositories/teams.js';
import * as schema from '../../src/db/schema.js';
import { BACKLOG, RETRO, SHORTCUTS, SPRINT, TRIAGE } from '../../src/slack/ids.js';
import type { Fault } from '../helpers/fakeSlack.js';
import { seedSprint } from '../helpers/sprintSeed.js';
import { createTestClock, seedTeam, startTestApp, type TestApp } from '../helpers/testApp.js';
import { addBacklogItem } from './sprintHelpers.js';

interface Fixture {
  team: Team;
  backlogItem: Item;
  inboxItem: Item;
  sprintId: number;
}

interface Entry {
  name: string;
  /** views.push when the form opens on top of a modal. */
  method?: 'views.open' | 'views.push';
  /** Where the person is told: 'response_url' (ephemeral where they are) or a DM. */
  toldBy: 'response_url' | 'dm';
  user: string;
  /** What the notice asks them to do again. */
  retry: RegExp;
  send: (app: TestApp, f: Fixture) => Promise<unknown>;
}

/** A modal the person has open (for buttons inside it), registered with the fake Slack like Slack would have it. */
function openModal(app: TestApp, view: Record<string, unknown>) {
  const shown = app.slack.views.open(view);
  return { ...shown.view, id: shown.id, hash: shown.hash };
}

const backlogModal = (app: TestApp, f: Fixture) =>
  openModal(app, { type: 'modal', callback_id: BACKLOG.callbackId, private_metadata: app.rituals.deps.seal.seal({ teamId: f.team.id, page: 0 }), blocks: [] });

/** A slash command: told through its response_url, asked to run it again. */
const command = (name: string, text: string, user: string): Entry => {
  const full = text ? `${name} ${text}` : name;
  const retry = new RegExp(`run \`${full.replace(/[/]/g, '\\/')}\` again`);
  return { name: full, toldBy: 'response_url', user, retry, send: (app) => app.client.command(name, text, { user }) };
};

/** A button in a message (a channel post or a DM): it has a response_url. */
const messageButton = (name: string, user: string, channel: string, actionId: string, value: (f: Fixture) => string, retry: RegExp): Entry => ({
  name,
  toldBy: 'response_url',
  user,
  retry,
  send: (app, f) => app.client.blockAction([{ action_id: actionId, value: value(f) }], { user, channel, messageTs: '1700000000.000100' }),
});

/** A button inside the backlog modal: what it opens is pushed on top, and there is no response_url. */
const backlogButton = (name: string, user: string, action: (f: Fixture) => Record<string, unknown>, retry: RegExp): Entry => ({
  name,
  method: 'views.push',
  toldBy: 'dm',
  user,
  retry,
  send: (app, f) => app.client.blockAction([action(f) as never], { user, view: backlogModal(app, f) }),
});

const globalShortcut = (app: TestApp, user: string) =>
  app.client.interaction({
    type: 'shortcut',
    callback_id: SHORTCUTS.suggestGlobal,
    trigger_id: app.client.nextTriggerId(),
    team: { id: 'T1' },
    user: { id: user, team_id: 'T1' },
    token: 't',
    action_ts: '1',
  });

const ENTRIES: Entry[] = [
  command('/suggest', '', 'U_ALICE'),
  {
    ...command('/plan', '', 'U_ALICE'),
    send: async (app) => {
      // Planning needs no sprint running.
      await app.rituals.storage.query("UPDATE sprints SET status = 'closed'");
      return app.client.command('/plan', '', { user: 'U_ALICE' });
    },
  },
  command('/triage', '', 'U_PO'),
  command('/backlog', '', 'U_BOB'),
  command('/backlog', 'ready', 'U_PO'),
  command('/rituals', 'setup', 'U_PO'),
  command('/standup', '', 'U_ALICE'),
  command('/sprint', '', 'U_BOB'),
  command('/sprint', 'close', 'U_SM'),
  {
    name: 'Send to backlog (message shortcut)',
    toldBy: 'response_url',
    user: 'U_BOB',
    retry: /Send to backlog/,
    send: (app) =>
      app.client.messageShortcut(SHORTCUTS.sendToBacklog, { ts: '1700000000.000300', text: 'Export is broken', user: 'U_CAROL' }, { user: 'U_BOB' }),
  },
  { name: 'Suggest to backlog (global shortcut)', toldBy: 'dm', user: 'U_BOB', retry: /Suggest to backlog/, send: (app) => globalShortcut(app, 'U_BOB') },
  messageButton('Triage button on the triage-channel notice', 'U_PO', 'C_TRIAGE', TRIAGE.actions.open, (f) => String(f.team.id), /press \*Triage\* again/),
  {
    name: 'Triage button in the App Home',
    toldBy: 'dm',
    user: 'U_PO',
    retry: /press \*Triage\* again/,
    send: (app, f) =>
      app.client.blockAction([{ action_id: TRIAGE.actions.open, value: String(f.team.id) }], { user: 'U_PO', view: { id: 'VHOME', type: 'home' } }),
  },
  {
    ...messageButton(
      "Answer button in the requester's DM",
      'U_ALICE',
      'D_ALICE',
      TRIAGE.actions.answerOpen,
      (f) => String(f.inboxItem.id),
      /press \*Answer\* again/,
    ),
    send: async (app, f) => {
      await app.rituals.services.triage.decide(f.team.id, f.inboxItem.id, 'U_PO', { decision: 'ask', question: 'Which columns?' });
      const answer = { action_id: TRIAGE.actions.answerOpen, value: String(f.inboxItem.id) };
      return app.client.blockAction([answer], { user: 'U_ALICE', channel: 'D_ALICE', messageTs: '1700000000.000200' });
    },
  },
  backlogButton(
    'Edit in the backlog item menu (pushed on the backlog)',
    'U_PO',
    (f) => ({
      action_id: BACKLOG.actions.item,
      block_id: `item_${f.backlogItem.id}`,
      type: 'overflow',
      selected_option: { value: `edit:${f.backlogItem.id}` },
    }),
    /item menu again/,
  ),
  backlogButton(
    'Definition of Ready button in the backlog',
    'U_BOB',
    () => ({ action_id: BACKLOG.actions.openReady, value: 'ready' }),
    /Definition of Ready\* again/,
  ),
  backlogButton('Icebox button in the backlog', 'U_BOB', () => ({ action_id: BACKLOG.actions.openIcebox, value: 'icebox' }), /Icebox\* again/),
  messageButton('Close sprint button on the end-date prompt', 'U_SM', 'C_TEAM', SPRINT.closeOpen, (f) => String(f.sprintId), /Close sprint\* again/),
  messageButton('Override button on the scope-locked reply', 'U_PO', 'C_TEAM', SPRINT.overrideOpen, (f) => String(f.backlogItem.id), /Override\* again/),
  messageButton('Answer the retrospective button in the DM', 'U_BOB', 'D_BOB', RETRO.open, (f) => String(f.sprintId), /Answer the retrospective\* again/),
];

const FAULTS: { name: string; fault: Fault; times: number }[] = [
  { name: 'an expired trigger_id', fault: { kind: 'error', error: 'expired_trigger_id' }, times: 1 },
  // The client tries twice (one quick retry); both time out. Slow, and the same path as an error: a few entries only.
  { name: 'a timeout', fault: { kind: 'hang', ms: 1_500 }, times: 2 },
];
const TIMEOUT_ENTRIES = new Set(['/plan', 'Triage button in the App Home', 'Edit in the backlog item menu (pushed on the backlog)']);

/**
 * Empties every table of the schema (the migrations' bookkeeping stays, and SQLite's title search
 * index follows items by triggers), so each test starts from a fresh team on the same app.
 */
async function emptyTables(app: TestApp): Promise<void> {
  const { storage } = app.rituals;
  const tables = Object.values(schema as Record<string, unknown>)
    .filter((value): value is SQLiteTable => is(value, SQLiteTable))
    .map((table) => `"${getTableConfig(table).name}"`);
  if (storage.engine === 'postgres') {
    await storage.query(`TRUNCATE ${tables.join(', ')} CASCADE`);
    return;
  }
  await storage.query('PRAGMA foreign_keys = OFF');
  for (const name of tables) await storage.query(`DELETE FROM ${name}`);
  await storage.query('PRAGMA foreign_keys = ON');
}

describe('when Slack will not open a form, the person is told', () => {
  let app: TestApp;
  let f: Fixture;

  beforeAll(async () => {
    app = await startTestApp({ clock: createTestClock('2026-11-23T09:00:00Z') });
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    await app.rituals.outbox.drain();
    await emptyTables(app);
    app.slack.reset();
    app.slack.clearFaults();
    const team = await seedTeam(app);
    const { sprint } = await seedSprint(app.rituals, team, { titles: ['Checkout'], events: () => [] });
    f = {
      team,
      sprintId: sprint.id,
      backlogItem: await addBacklogItem(app, team, { title: 'Invoice export', points: 3 }),
      inboxItem: (
        await app.rituals.services.intake.submit(
          { title: 'Export to CSV', details: 'Monthly', type: 'story', neededBy: '', urgency: null },
          { teamId: team.id, source: 'command', requesterId: 'U_ALICE', suggestedById: 'U_ALICE', intakeKey: `k${Date.now()}` },
        )
      ).item,
    };
  });

  for (const entry of ENTRIES) {
    for (const { name, fault, times } of FAULTS.filter((f) => f.fault.kind !== 'hang' || TIMEOUT_ENTRIES.has(entry.name))) {
      it(`${entry.name}: ${name}`, async () => {
        const method = entry.method ?? 'views.open';
        app.slack.fail(method, fault, times);
        const response = (await entry.send(app, f)) as { status: number };
        expect(response.status).toBe(200);
        const told = () =>
          entry.toldBy === 'response_url'
            ? app.slack.sent('response_url').filter((c) => c.args.response_type === 'ephemeral')
            : app.slack.sent('chat.postMessage').filter((c) => c.args.channel === entry.user);
        await app.slack.waitUntil(() => told().some((c) => /didn't let me open the form/.test(String(c.args.text))), 8_000, `the notice to ${entry.user}`);
        const notice = told().find((c) => /didn't let me open the form/.test(String(c.args.text)))!;
        expect(notice.args.text).toMatch(entry.retry);
        // The form really did not open.
        expect(app.slack.sent(method)).toHaveLength(0);
      });
    }
  }
});
