/**
 * Every command, shortcut and button that opens a form tells the person when Slack won't open it
 * (an expired trigger_id, an error, a timeout): by an ephemeral reply through the request's
 * response_url when it has one, else by DM. Nobody is left clicking something that does nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Item } from '../../src/db/repositories/items.js';
import type { Team } from '../../src/db/repositories/teams.js';
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

const ENTRIES: Entry[] = [
  { name: '/suggest', toldBy: 'response_url', user: 'U_ALICE', retry: /run `\/suggest` again/, send: (app) => app.client.command('/suggest', 'Dark mode') },
  {
    name: '/plan',
    toldBy: 'response_url',
    user: 'U_ALICE',
    retry: /run `\/plan` again/,
    send: (app) => {
      // Planning needs no sprint running.
      app.rituals.db.sqlite.prepare("UPDATE sprints SET status = 'closed'").run();
      return app.client.command('/plan', '', { user: 'U_ALICE' });
    },
  },
  { name: '/triage', toldBy: 'response_url', user: 'U_PO', retry: /run `\/triage` again/, send: (app) => app.client.command('/triage', '', { user: 'U_PO' }) },
  { name: '/backlog', toldBy: 'response_url', user: 'U_BOB', retry: /run `\/backlog` again/, send: (app) => app.client.command('/backlog', '', { user: 'U_BOB' }) },
  { name: '/backlog ready', toldBy: 'response_url', user: 'U_PO', retry: /run `\/backlog ready` again/, send: (app) => app.client.command('/backlog', 'ready', { user: 'U_PO' }) },
  { name: '/rituals setup', toldBy: 'response_url', user: 'U_PO', retry: /run `\/rituals setup` again/, send: (app) => app.client.command('/rituals', 'setup', { user: 'U_PO' }) },
  { name: '/standup', toldBy: 'response_url', user: 'U_ALICE', retry: /run `\/standup` again/, send: (app) => app.client.command('/standup', '', { user: 'U_ALICE' }) },
  {
    name: 'Send to backlog (message shortcut)',
    toldBy: 'response_url',
    user: 'U_BOB',
    retry: /Send to backlog/,
    send: (app) => app.client.messageShortcut(SHORTCUTS.sendToBacklog, { ts: '1700000000.000300', text: 'Export is broken', user: 'U_CAROL' }, { user: 'U_BOB' }),
  },
  {
    name: 'Suggest to backlog (global shortcut)',
    toldBy: 'dm',
    user: 'U_BOB',
    retry: /Suggest to backlog/,
    send: (app) =>
      app.client.interaction({ type: 'shortcut', callback_id: SHORTCUTS.suggestGlobal, trigger_id: app.client.nextTriggerId(), team: { id: 'T1' }, user: { id: 'U_BOB', team_id: 'T1' }, token: 't', action_ts: '1' }),
  },
  {
    name: 'Triage button on the triage-channel notice',
    toldBy: 'response_url',
    user: 'U_PO',
    retry: /press \*Triage\* again/,
    send: (app, f) => app.client.blockAction([{ action_id: TRIAGE.actions.open, value: String(f.team.id) }], { user: 'U_PO', channel: 'C_TRIAGE', messageTs: '1700000000.000100' }),
  },
  {
    name: 'Triage button in the App Home',
    toldBy: 'dm',
    user: 'U_PO',
    retry: /press \*Triage\* again/,
    send: (app, f) => app.client.blockAction([{ action_id: TRIAGE.actions.open, value: String(f.team.id) }], { user: 'U_PO', view: { id: 'VHOME', type: 'home' } }),
  },
  {
    name: "Answer button in the requester's DM",
    toldBy: 'response_url',
    user: 'U_ALICE',
    retry: /press \*Answer\* again/,
    send: (app, f) => {
      app.rituals.services.triage.decide(f.team.id, f.inboxItem.id, 'U_PO', { decision: 'ask', question: 'Which columns?' });
      return app.client.blockAction([{ action_id: TRIAGE.actions.answerOpen, value: String(f.inboxItem.id) }], { user: 'U_ALICE', channel: 'D_ALICE', messageTs: '1700000000.000200' });
    },
  },
  {
    name: 'Edit in the backlog item menu (pushed on the backlog)',
    method: 'views.push',
    toldBy: 'dm',
    user: 'U_PO',
    retry: /item menu again/,
    send: (app, f) =>
      app.client.blockAction([{ action_id: BACKLOG.actions.item, block_id: `item_${f.backlogItem.id}`, type: 'overflow', selected_option: { value: `edit:${f.backlogItem.id}` } } as never], {
        user: 'U_PO',
        view: backlogModal(app, f),
      }),
  },
  {
    name: 'Definition of Ready button in the backlog',
    method: 'views.push',
    toldBy: 'dm',
    user: 'U_BOB',
    retry: /Definition of Ready\* again/,
    send: (app, f) => app.client.blockAction([{ action_id: BACKLOG.actions.openReady, value: 'ready' }], { user: 'U_BOB', view: backlogModal(app, f) }),
  },
  {
    name: 'Icebox button in the backlog',
    method: 'views.push',
    toldBy: 'dm',
    user: 'U_BOB',
    retry: /Icebox\* again/,
    send: (app, f) => app.client.blockAction([{ action_id: BACKLOG.actions.openIcebox, value: 'icebox' }], { user: 'U_BOB', view: backlogModal(app, f) }),
  },
  {
    name: 'Close sprint button on the end-date prompt',
    toldBy: 'response_url',
    user: 'U_SM',
    retry: /Close sprint\* again/,
    send: (app, f) => app.client.blockAction([{ action_id: SPRINT.closeOpen, value: String(f.sprintId) }], { user: 'U_SM', channel: 'C_TEAM', messageTs: '1700000000.000400' }),
  },
  {
    name: 'Override button on the scope-locked reply',
    toldBy: 'response_url',
    user: 'U_PO',
    retry: /Override\* again/,
    send: (app, f) => app.client.blockAction([{ action_id: SPRINT.overrideOpen, value: String(f.backlogItem.id) }], { user: 'U_PO', channel: 'C_TEAM', messageTs: '1700000000.000500' }),
  },
  {
    name: 'Answer the retrospective button in the DM',
    toldBy: 'response_url',
    user: 'U_BOB',
    retry: /Answer the retrospective\* again/,
    send: (app, f) => app.client.blockAction([{ action_id: RETRO.open, value: String(f.sprintId) }], { user: 'U_BOB', channel: 'D_BOB', messageTs: '1700000000.000600' }),
  },
  { name: '/sprint (the board)', toldBy: 'response_url', user: 'U_BOB', retry: /run `\/sprint` again/, send: (app) => app.client.command('/sprint', '', { user: 'U_BOB' }) },
  { name: '/sprint close', toldBy: 'response_url', user: 'U_SM', retry: /run `\/sprint close` again/, send: (app) => app.client.command('/sprint', 'close', { user: 'U_SM' }) },
];

const FAULTS: { name: string; fault: Fault; times: number }[] = [
  { name: 'an expired trigger_id', fault: { kind: 'error', error: 'expired_trigger_id' }, times: 1 },
  // The client tries twice (one quick retry); both time out. Slow, and the same path as an error: a few entries only.
  { name: 'a timeout', fault: { kind: 'hang', ms: 1_500 }, times: 2 },
];
const TIMEOUT_ENTRIES = new Set(['/plan', 'Triage button in the App Home', 'Edit in the backlog item menu (pushed on the backlog)']);

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
    const sqlite = app.rituals.db.sqlite;
    sqlite.pragma('foreign_keys = OFF');
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND name NOT LIKE 'items_title_fts%'").all() as { name: string }[];
    for (const { name } of tables) sqlite.prepare(`DELETE FROM "${name}"`).run();
    sqlite.pragma('foreign_keys = ON');
    app.slack.reset();
    app.slack.clearFaults();
    const team = seedTeam(app);
    const { sprint } = seedSprint(app.rituals, team, { titles: ['Checkout'], events: () => [] });
    f = {
      team,
      sprintId: sprint.id,
      backlogItem: addBacklogItem(app, team, { title: 'Invoice export', points: 3 }),
      inboxItem: app.rituals.services.intake.submit(
        { title: 'Export to CSV', details: 'Monthly', type: 'story', neededBy: '', urgency: null },
        { teamId: team.id, source: 'command', requesterId: 'U_ALICE', suggestedById: 'U_ALICE', intakeKey: `k${Date.now()}` },
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
