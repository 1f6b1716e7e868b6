/**
 * The authorization matrix: every privileged action, for every role, through the payload an
 * attacker would send. Views are captured from a legitimate user's views.open/views.push and
 * replayed as someone else; buttons are pressed by people who never saw them. Each row reads as
 * the rule it enforces; one test runs per (action, role):
 * - allowed: the change happened;
 * - refused: the person was told why (ephemeral, inline modal error or info modal) and NOTHING
 *   changed in the database (every table compared before/after, except the users.info cache and
 *   the audit rows an action records on purpose, which are checked instead).
 */
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Item } from '../../src/db/repositories/items.js';
import type { Sprint } from '../../src/db/repositories/sprints.js';
import type { Team } from '../../src/db/repositories/teams.js';
import * as schema from '../../src/db/schema.js';
import type { Actor } from '../../src/domain/roles.js';
import { BACKLOG, POKER, RETRO, SETUP, SPRINT, STANDUP, TRIAGE } from '../../src/slack/ids.js';
import { checkboxesValue, selectValue, SignedSlackClient, textValue, type SlackResponse } from '../helpers/signedClient.js';
import { DISTRIBUTION_ENV, installThroughOAuth, registerOAuthApp } from '../helpers/oauthInstall.js';
import { seedSprint } from '../helpers/sprintSeed.js';
import { createTestClock, seedTeam, startTestApp, type TestApp, type TestClock } from '../helpers/testApp.js';
import { setupFormValues } from '../helpers/setupForm.js';
import { triageForm, triageIds } from '../helpers/triageForm.js';
import type { TriageDecisionKind } from '../../src/domain/triage.js';
import { addBacklogItem, inOrder, planValues } from './sprintHelpers.js';

const ROLES = ['po', 'sm', 'member', 'outsider', 'admin'] as const;
type Role = (typeof ROLES)[number];

/** Who plays each role: the seeded team's PO, SM and a member; U_OUT and U_ADMIN are not on the team. */
const USER: Record<Role, string> = { po: 'U_PO', sm: 'U_SM', member: 'U_ALICE', outsider: 'U_OUT', admin: 'U_ADMIN' };

interface World {
  app: TestApp;
  clock: TestClock;
  team: Team;
}

interface Check {
  /** The acting user. */
  as: string;
  /** Index of the first Slack call made by the action. */
  since: number;
}

interface Row<S> {
  action: string;
  allowed: readonly Role[];
  /** Seeds the state and captures what a legitimate user was shown (views, button values). */
  setup: (w: World) => Promise<S>;
  /** The forged request, sent as `as`. */
  run: (as: string, w: World, s: S) => Promise<SlackResponse>;
  /** Throws unless the action took effect. */
  applied: (w: World, s: S, c: Check) => void | Promise<void>;
  /** What a refused person is told. */
  refusal: RegExp;
  /** Rows a refusal records on purpose (e.g. the refused scope attempt): left out of the comparison, checked here. */
  audit?: { tables: string[]; check: (w: World, s: S, c: Check) => void | Promise<void> };
}

/** Erases each row's seed type so rows of different groups sit in one table. */
const row = <S>(r: Row<S>): Row<unknown> => r as unknown as Row<unknown>;

// ---------------------------------------------------------------- helpers

const radio = (value: string) => ({ type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: value }, value } });
const actor = (userId: string): Actor => ({ userId, isWorkspaceAdmin: false });

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return check();
}

const passes = async (fn: () => void | Promise<void>): Promise<boolean> => {
  try {
    await fn();
    return true;
  } catch {
    return false;
  }
};

/** Everything the acting person could read since `since`: the HTTP answer, ephemerals, views, response_url replies, DMs. */
function seenBy(app: TestApp, response: SlackResponse | null, { as, since }: Check): string {
  const parts: string[] = response?.json ? [JSON.stringify(response.json)] : response?.text ? [response.text] : [];
  for (const call of app.slack.calls.slice(since)) {
    if (call.method === 'chat.postEphemeral' && call.args.user === as) parts.push(JSON.stringify(call.args));
    else if (['views.open', 'views.push', 'views.update'].includes(call.method)) parts.push(JSON.stringify(call.args.view));
    else if (call.method === 'response_url') parts.push(JSON.stringify(call.args));
    else if (call.method === 'chat.postMessage' && call.args.channel === as) parts.push(JSON.stringify(call.args));
  }
  // JSON escapes quotes and the mention brackets stay as they are: match against plain text.
  return parts
    .join('\n')
    .replace(/\\"/g, '"')
    .replace(/\\u2019/g, '’');
}

const callsSince = (app: TestApp, since: number, method: string) =>
  app.slack.calls.slice(since).filter((c) => c.method === method && c.status === 200 && c.response.ok);

/** Sends a request as a legitimate user and returns the view Slack then showed them (with its id and hash). */
async function captureView(w: World, method: 'views.open' | 'views.push', send: () => Promise<unknown>): Promise<any> {
  const since = w.app.slack.calls.length;
  await send();
  const found = await until(() => callsSince(w.app, since, method).length > 0);
  if (!found) throw new Error(`no ${method} after the legitimate request`);
  const call = callsSince(w.app, since, method)[0]!;
  return { ...call.args.view, id: call.response.view.id, hash: call.response.view.hash };
}

/** Tables compared before/after a refusal. slack_users is the users.info cache a lookup refreshes. */
const SKIPPED_TABLES = new Set(['slack_users']);

/**
 * Every table of the schema (the same on both engines). SQLite's title search index (items_title_fts
 * and its shadow tables) is not among them: triggers keep it in step with items.
 */
const SCHEMA_TABLES = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable));

function tableNames(): string[] {
  return SCHEMA_TABLES.map((table) => getTableConfig(table).name);
}

async function snapshot(app: TestApp, skip: readonly string[] = []): Promise<Record<string, unknown[]>> {
  const tables = tableNames().filter((name) => !SKIPPED_TABLES.has(name) && !skip.includes(name));
  // Outbox delivery columns change as the dispatcher works; what was queued is what matters.
  // Every column orders the rest: neither engine promises an order without ORDER BY.
  const query = (name: string) =>
    name === 'outbox' ? 'SELECT id, dedupe_key, kind, payload FROM outbox ORDER BY id' : `SELECT * FROM "${name}" ORDER BY ${orderByEveryColumn(name)}`;
  const rows = await Promise.all(tables.map(async (name) => [name, await app.rituals.storage.query(query(name))] as const));
  return Object.fromEntries(rows);
}

function orderByEveryColumn(name: string): string {
  const table = SCHEMA_TABLES.find((value) => getTableConfig(value).name === name)!;
  return getTableConfig(table)
    .columns.map((column) => `"${column.name}"`)
    .join(', ');
}

/** Distribution mode's installs (and the workspaces they serve), kept across tests like the app itself. */
const INSTALL_TABLES = ['slack_installations', 'slack_workspaces'];

/** Empties every table but `keep` (cheaper than a new app per test) and forgets the Slack calls. Ids keep counting up. */
async function resetDatabase(app: TestApp, keep: readonly string[] = []): Promise<void> {
  const { storage } = app.rituals;
  const emptied = tableNames().filter((table) => !keep.includes(table));
  if (storage.engine === 'postgres') {
    // One statement for all of them, so no foreign key is checked half-way.
    await storage.query(`TRUNCATE ${emptied.map((name) => `"${name}"`).join(', ')}`);
  } else {
    await storage.query('PRAGMA foreign_keys = OFF');
    for (const name of emptied) await storage.query(`DELETE FROM "${name}"`);
    await storage.query('PRAGMA foreign_keys = ON');
  }
  app.slack.reset();
}

const item = async (w: World, id: number): Promise<Item> => (await w.app.rituals.repos.items.findById(id))!;
const backlogOrder = async (w: World) => (await w.app.rituals.repos.items.listByStatus(w.team.id, 'backlog')).map((i) => i.id);

/** A suggestion in the inbox, asked for by a stakeholder outside the team (U_OUT). */
async function suggestion(w: World, title: string): Promise<Item> {
  w.clock.advance(60_000);
  const input = { title, details: 'Finance needs it for the monthly close.', type: 'story' as const, neededBy: '', urgency: null };
  return (
    await w.app.rituals.services.intake.submit(input, {
      teamId: w.team.id,
      source: 'command',
      requesterId: 'U_OUT',
      suggestedById: 'U_OUT',
      intakeKey: `authz:${title}`,
    })
  ).item;
}

async function activeSprint(w: World): Promise<Sprint> {
  return await w.app.rituals.repos.sprints.insert({
    teamId: w.team.id,
    number: 7,
    name: 'Sprint 7',
    goal: 'Customers can pay by invoice',
    startDate: '2026-11-16',
    endDate: '2026-11-27',
    status: 'active',
    committedPoints: 8,
    startedBy: 'U_SM',
    startedAt: Date.parse('2026-11-16T09:00:00Z'),
  });
}

async function inSprint(w: World, sprint: Sprint, title: string): Promise<Item> {
  const added = await addBacklogItem(w.app, w.team, { title, points: 3 });
  return await w.app.rituals.repos.items.update(added.id, { status: 'in_sprint', sprintId: sprint.id, workState: 'todo', rank: null });
}

// ---------------------------------------------------------------- triage

const triageAccept = (view: any) => triageForm(view, 'accept', { type: 'story', moscow: 'should', position: 'priority' });
interface TriageSeed {
  suggestion: Item;
  target: Item;
  /** The triage modal as the PO saw it (sealed session included). */
  view: any;
}

/** The PO's triage card, switched to a decision as the PO would (the radio updates the view). */
async function triageCard(w: World, decision: TriageDecisionKind = 'accept'): Promise<TriageSeed> {
  const target = await addBacklogItem(w.app, w.team, { title: 'Invoice export' });
  const fresh = await suggestion(w, 'Export invoices as CSV');
  let view = await captureView(w, 'views.open', () => w.app.client.command('/triage', '', { user: 'U_PO', channel: 'C_TEAM' }));
  if (decision !== 'accept') {
    const since = w.app.slack.calls.length;
    const picked = triageForm(view, decision);
    await w.app.client.blockAction(
      [{ action_id: TRIAGE.actions.decision, block_id: triageIds(view).decision, type: 'radio_buttons', selected_option: { value: decision } } as any],
      {
        user: 'U_PO',
        view: { ...view, state: { values: picked } },
      },
    );
    if (!(await until(() => callsSince(w.app, since, 'views.update').length > 0))) throw new Error('the decision did not switch');
    const update = callsSince(w.app, since, 'views.update')[0]!;
    view = { ...update.args.view, id: update.response.view.id, hash: update.response.view.hash };
  }
  return { suggestion: fresh, target, view };
}

/** A refusal that names the action: "Only the Product Owner (<@U_PO>) can triage the inbox." */
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NOT_EDITOR = /Only this team's Product Owner \(<@U_PO>\), Scrum Master \(<@U_SM>\) or a workspace admin can change this team's settings\./;
const NOT_PO = (action: string) => new RegExp(`Only the Product Owner \\(<@U_PO>\\) can ${escaped(action)}\\.`);
const triageModalOpened = (w: World, _s: unknown, c: Check) =>
  expect(callsSince(w.app, c.since, 'views.open').some((call) => call.args.view.callback_id === TRIAGE.callbackId)).toBe(true);

const triageRows = [
  row<TriageSeed>({
    action: 'triage: open /triage',
    allowed: ['po'],
    setup: async (w) => ({ suggestion: await suggestion(w, 'Dark mode'), target: null as never, view: null }),
    run: (as, w) => w.app.client.command('/triage', '', { user: as, channel: 'C_TEAM' }),
    applied: triageModalOpened,
    refusal: NOT_PO('triage the inbox'),
  }),
  row<TriageSeed>({
    action: 'triage: open from a forged "Triage" button',
    allowed: ['po'],
    setup: async (w) => ({ suggestion: await suggestion(w, 'Dark mode'), target: null as never, view: null }),
    run: (as, w) =>
      w.app.client.blockAction([{ action_id: TRIAGE.actions.open, value: String(w.team.id) }], {
        user: as,
        channel: 'C_TRIAGE',
        messageTs: '1700000000.000100',
      }),
    applied: triageModalOpened,
    refusal: NOT_PO('triage the inbox'),
  }),
  row<TriageSeed>({
    action: 'triage: accept into the backlog',
    allowed: ['po'],
    setup: triageCard,
    run: (as, w, s) => w.app.client.viewSubmission(s.view, triageAccept(s.view), { user: as }),
    applied: async (w, s) => expect((await item(w, s.suggestion.id)).status).toBe('backlog'),
    refusal: NOT_PO('triage the inbox'),
  }),
  row<TriageSeed>({
    action: 'triage: icebox',
    allowed: ['po'],
    setup: (w) => triageCard(w, 'icebox'),
    run: (as, w, s) => w.app.client.viewSubmission(s.view, triageForm(s.view, 'icebox'), { user: as }),
    applied: async (w, s) => expect((await item(w, s.suggestion.id)).status).toBe('icebox'),
    refusal: NOT_PO('triage the inbox'),
  }),
  row<TriageSeed>({
    action: 'triage: reject',
    allowed: ['po'],
    setup: (w) => triageCard(w, 'reject'),
    run: (as, w, s) => w.app.client.viewSubmission(s.view, triageForm(s.view, 'reject', { text: 'Out of scope this year' }), { user: as }),
    applied: async (w, s) => expect((await item(w, s.suggestion.id)).status).toBe('rejected'),
    refusal: NOT_PO('triage the inbox'),
  }),
  row<TriageSeed>({
    action: 'triage: merge into another item',
    allowed: ['po'],
    setup: (w) => triageCard(w, 'merge'),
    run: (as, w, s) => w.app.client.viewSubmission(s.view, triageForm(s.view, 'merge', { mergeRef: `R-${s.target.number}` }), { user: as }),
    applied: async (w, s) => expect((await item(w, s.suggestion.id)).mergedIntoId).toBe(s.target.id),
    refusal: NOT_PO('triage the inbox'),
  }),
  row<TriageSeed>({
    action: 'triage: ask the requester a question',
    allowed: ['po'],
    setup: (w) => triageCard(w, 'ask'),
    run: (as, w, s) => w.app.client.viewSubmission(s.view, triageForm(s.view, 'ask', { text: 'Which columns do you need?' }), { user: as }),
    applied: async (w, s) => expect((await item(w, s.suggestion.id)).openQuestion).toBe('Which columns do you need?'),
    refusal: NOT_PO('triage the inbox'),
  }),
  row<{ asked: Item; view: any }>({
    // The requester here is U_OUT, a stakeholder outside the team: only they may answer.
    action: "triage: answer the PO's question (requester only)",
    allowed: ['outsider'],
    setup: async (w) => {
      const asked = await suggestion(w, 'Export invoices as CSV');
      await w.app.rituals.services.triage.decide(w.team.id, asked.id, 'U_PO', { decision: 'ask', question: 'Which columns?' });
      const view = await captureView(w, 'views.open', () =>
        w.app.client.blockAction([{ action_id: TRIAGE.actions.answerOpen, value: String(asked.id) }], {
          user: 'U_OUT',
          channel: 'D_OUT',
          messageTs: '1700000000.000200',
        }),
      );
      return { asked, view };
    },
    run: (as, w, s) => w.app.client.viewSubmission(s.view, { [TRIAGE.blocks.answer]: { value: textValue('Date, amount and customer') } } as any, { user: as }),
    applied: async (w, s) => expect((await item(w, s.asked.id)).questionAnswer).toBe('Date, amount and customer'),
    refusal: /Only the person who asked for this item can answer/,
  }),
];

// ---------------------------------------------------------------- product backlog

interface BacklogSeed {
  a: Item;
  b: Item;
  c: Item;
  iced: Item;
  /** The /backlog modal as the PO saw it. */
  view: any;
}

async function backlog(w: World): Promise<BacklogSeed> {
  const repos = w.app.rituals.repos;
  const [a, b, c] = (await inOrder(['Audit log', 'Bulk refunds', 'Card vault'], (title) => addBacklogItem(w.app, w.team, { title, points: 3 }))) as [
    Item,
    Item,
    Item,
  ];
  // WSJF scores rise from a to c, so sorting by WSJF reverses the order.
  const wsjf = (value: number) => ({ businessValue: value, timeCriticality: value, riskReduction: value, jobSize: 1 });
  await repos.items.update(a.id, wsjf(1));
  await repos.items.update(b.id, wsjf(5));
  await repos.items.update(c.id, wsjf(13));
  const iced = await repos.items.update((await addBacklogItem(w.app, w.team, { title: 'Dark mode' })).id, { status: 'icebox', rank: null });
  const view = await captureView(w, 'views.open', () => w.app.client.command('/backlog', '', { user: 'U_PO', channel: 'C_TEAM' }));
  return { a: await item(w, a.id), b: await item(w, b.id), c: await item(w, c.id), iced, view };
}

const itemMenu = (w: World, as: string, view: any, value: string) =>
  w.app.client.blockAction([{ action_id: BACKLOG.actions.item, type: 'overflow', selected_option: { value } }], { user: as, view });

/** The PO's edit (or icebox/reject) form for an item, pushed over the backlog. */
async function poForm(w: World, s: BacklogSeed, verb: 'edit' | 'remove', target: Item): Promise<any> {
  return captureView(w, 'views.push', () => itemMenu(w, 'U_PO', s.view, `${verb}:${target.id}`));
}

const editValues = (target: Item, { title = target.title, position = null as string | null } = {}) =>
  ({
    [BACKLOG.blocks.title]: { value: textValue(title) },
    [BACKLOG.blocks.details]: { value: textValue(target.details) },
    [BACKLOG.blocks.type]: { value: selectValue(target.type) },
    [BACKLOG.blocks.moscow]: { value: selectValue(target.moscow) },
    [BACKLOG.blocks.storyPoints]: { value: selectValue(target.storyPoints === null ? null : String(target.storyPoints)) },
    [BACKLOG.blocks.businessValue]: { value: selectValue(target.businessValue === null ? null : String(target.businessValue)) },
    [BACKLOG.blocks.timeCriticality]: { value: selectValue(target.timeCriticality === null ? null : String(target.timeCriticality)) },
    [BACKLOG.blocks.riskReduction]: { value: selectValue(target.riskReduction === null ? null : String(target.riskReduction)) },
    [BACKLOG.blocks.jobSize]: { value: selectValue(target.jobSize === null ? null : String(target.jobSize)) },
    [BACKLOG.blocks.position]: { value: { type: 'number_input', value: position } },
  }) as any;

const removeValues = (choice: 'icebox' | 'reject', reason: string) =>
  ({ [BACKLOG.blocks.removeChoice]: { value: radio(choice) }, [BACKLOG.blocks.removeReason]: { value: textValue(reason) } }) as any;

const backlogRows = [
  row<BacklogSeed>({
    action: 'backlog: move an item to the top',
    allowed: ['po'],
    setup: backlog,
    run: (as, w, s) => itemMenu(w, as, s.view, `top:${s.c.id}`),
    applied: async (w, s) => expect(await backlogOrder(w)).toEqual([s.c.id, s.a.id, s.b.id]),
    refusal: NOT_PO('reorder the product backlog'),
  }),
  row<BacklogSeed>({
    action: 'backlog: move an item up',
    allowed: ['po'],
    setup: backlog,
    run: (as, w, s) => itemMenu(w, as, s.view, `up:${s.c.id}`),
    applied: async (w, s) => expect(await backlogOrder(w)).toEqual([s.a.id, s.c.id, s.b.id]),
    refusal: NOT_PO('reorder the product backlog'),
  }),
  row<BacklogSeed>({
    action: 'backlog: move an item down',
    allowed: ['po'],
    setup: backlog,
    run: (as, w, s) => itemMenu(w, as, s.view, `down:${s.a.id}`),
    applied: async (w, s) => expect(await backlogOrder(w)).toEqual([s.b.id, s.a.id, s.c.id]),
    refusal: NOT_PO('reorder the product backlog'),
  }),
  row<BacklogSeed & { form: any }>({
    action: 'backlog: move an item to position N',
    allowed: ['po'],
    setup: async (w) => {
      const s = await backlog(w);
      return { ...s, form: await poForm(w, s, 'edit', s.c) };
    },
    run: (as, w, s) => w.app.client.viewSubmission(s.form, editValues(s.c, { position: '1' }), { user: as }),
    applied: async (w, s) => expect(await backlogOrder(w)).toEqual([s.c.id, s.a.id, s.b.id]),
    refusal: NOT_PO('edit backlog items'),
  }),
  row<BacklogSeed & { form: any }>({
    action: "backlog: edit an item's fields",
    allowed: ['po'],
    setup: async (w) => {
      const s = await backlog(w);
      return { ...s, form: await poForm(w, s, 'edit', s.a) };
    },
    run: (as, w, s) => w.app.client.viewSubmission(s.form, editValues(s.a, { title: 'Audit log for refunds' }), { user: as }),
    applied: async (w, s) => expect((await item(w, s.a.id)).title).toBe('Audit log for refunds'),
    refusal: NOT_PO('edit backlog items'),
  }),
  row<BacklogSeed>({
    action: 'backlog: sort by WSJF',
    allowed: ['po'],
    setup: backlog,
    run: (as, w, s) => w.app.client.blockAction([{ action_id: BACKLOG.actions.sortWsjf, value: 'wsjf' }], { user: as, view: s.view }),
    applied: async (w, s) => expect(await backlogOrder(w)).toEqual([s.c.id, s.b.id, s.a.id]),
    refusal: NOT_PO('reorder the product backlog'),
  }),
  row<BacklogSeed & { form: any }>({
    action: 'backlog: move an item to the icebox',
    allowed: ['po'],
    setup: async (w) => {
      const s = await backlog(w);
      return { ...s, form: await poForm(w, s, 'remove', s.a) };
    },
    run: (as, w, s) => w.app.client.viewSubmission(s.form, removeValues('icebox', ''), { user: as }),
    applied: async (w, s) => expect((await item(w, s.a.id)).status).toBe('icebox'),
    refusal: NOT_PO('move items to the icebox'),
  }),
  row<BacklogSeed & { form: any }>({
    action: 'backlog: reject an item',
    allowed: ['po'],
    setup: async (w) => {
      const s = await backlog(w);
      return { ...s, form: await poForm(w, s, 'remove', s.a) };
    },
    run: (as, w, s) => w.app.client.viewSubmission(s.form, removeValues('reject', 'Superseded by the new ledger'), { user: as }),
    applied: async (w, s) => expect((await item(w, s.a.id)).status).toBe('rejected'),
    refusal: NOT_PO('reject backlog items'),
  }),
  row<BacklogSeed & { icebox: any }>({
    action: 'icebox: revive an item into the backlog',
    allowed: ['po'],
    setup: async (w) => {
      const s = await backlog(w);
      return { ...s, icebox: await captureView(w, 'views.open', () => w.app.client.command('/backlog', 'icebox', { user: 'U_PO', channel: 'C_TEAM' })) };
    },
    run: (as, w, s) => w.app.client.blockAction([{ action_id: BACKLOG.actions.revive, value: String(s.iced.id) }], { user: as, view: s.icebox }),
    applied: async (w, s) => expect((await item(w, s.iced.id)).status).toBe('backlog'),
    refusal: NOT_PO('revive items from the icebox'),
  }),
  row<{ view: any }>({
    action: 'Definition of Ready: change the checklist',
    allowed: ['po'],
    setup: async (w) => ({ view: await captureView(w, 'views.open', () => w.app.client.command('/backlog', 'ready', { user: 'U_PO', channel: 'C_TEAM' })) }),
    run: (as, w, s) => w.app.client.viewSubmission(s.view, { [BACKLOG.blocks.readyRules]: { value: checkboxesValue(['details']) } } as any, { user: as }),
    applied: async (w) => expect((await w.app.rituals.repos.teams.findById(w.team.id))!.readyChecklist).toBe('["details"]'),
    refusal: NOT_PO('change the Definition of Ready'),
  }),
];

// ---------------------------------------------------------------- team settings

const setupValues = (name: string) =>
  setupFormValues({
    name,
    teamChannel: 'C_TEAM',
    triageChannel: 'C_TRIAGE',
    stakeholderChannel: 'C_STAKE',
    sprintLength: '14',
    standupTime: '09:30',
    standupDays: ['1', '2', '3', '4', '5'],
    timezone: 'UTC',
    captureReaction: 'inbox_tray',
    holidays: '',
    itemPrefix: 'R',
  });

const teamRows = [
  row<{ view: any }>({
    action: 'team settings: change an existing team',
    allowed: ['po', 'sm', 'admin'],
    setup: async (w) => ({ view: await captureView(w, 'views.open', () => w.app.client.command('/rituals', 'setup', { user: 'U_SM', channel: 'C_TEAM' })) }),
    run: (as, w, s) => w.app.client.viewSubmission(s.view, setupValues('Platform (renamed)'), { user: as }),
    applied: async (w) => expect((await w.app.rituals.repos.teams.findById(w.team.id))!.name).toBe('Platform (renamed)'),
    refusal: NOT_EDITOR,
  }),
  row<Record<string, never>>({
    action: 'team settings: open the form of an existing team',
    allowed: ['po', 'sm', 'admin'],
    setup: async () => ({}),
    run: (as, w) => w.app.client.command('/rituals', 'setup', { user: as, channel: 'C_TEAM' }),
    applied: (w, _s, c) => expect(callsSince(w.app, c.since, 'views.open').some((call) => call.args.view.callback_id === SETUP.callbackId)).toBe(true),
    refusal: NOT_EDITOR,
  }),
];

// ---------------------------------------------------------------- sprints

interface PlanSeed {
  ready: Item[];
  notReady: Item;
  /** The /plan modal as its viewer saw it (a member's by default; only the PO's offers the override). */
  view: any;
}

async function planning(w: World, viewer = 'U_ALICE'): Promise<PlanSeed> {
  const ready = [
    await addBacklogItem(w.app, w.team, { title: 'Invoice PDF', points: 3 }),
    await addBacklogItem(w.app, w.team, { title: 'Invoice email', points: 2 }),
  ];
  const notReady = await addBacklogItem(w.app, w.team, { title: 'Invoice reminders', points: null });
  const view = await captureView(w, 'views.open', () => w.app.client.command('/plan', '', { user: viewer, channel: 'C_TEAM' }));
  return { ready, notReady, view };
}

const startedBy = async (w: World, c: Check) => expect((await w.app.rituals.repos.sprints.findActive(w.team.id))?.startedBy).toBe(c.as);
const NOT_SM_OR_PO = (action: string) => new RegExp(`Only the Scrum Master \\(<@U_SM>\\) or the Product Owner \\(<@U_PO>\\) can ${escaped(action)}\\.`);
const NOT_MEMBER = (action: string) => new RegExp(`Only members of this team \\(and its Product Owner and Scrum Master\\) can ${escaped(action)}\\.`);

interface ActiveSeed {
  sprint: Sprint;
  planned: Item;
  waiting: Item;
}

async function active(w: World): Promise<ActiveSeed> {
  const sprint = await activeSprint(w);
  return { sprint, planned: await inSprint(w, sprint, 'Invoice PDF'), waiting: await addBacklogItem(w.app, w.team, { title: 'Invoice reminders', points: 2 }) };
}

const sprintRows = [
  row<PlanSeed>({
    action: 'plan: start a sprint',
    allowed: ['po', 'sm', 'member'],
    setup: planning,
    run: (as, w, s) =>
      w.app.client.viewSubmission(s.view, planValues({ selected: s.ready.map((i) => i.id), candidates: s.ready.map((i) => i.id) }), { user: as }),
    applied: (w, _s, c) => startedBy(w, c),
    refusal: NOT_MEMBER('plan and start a sprint'),
  }),
  row<PlanSeed>({
    action: 'plan: include a not-Ready item (override)',
    allowed: ['po'],
    // The PO's form (the only one with the override), replayed by everyone else.
    setup: (w) => planning(w, 'U_PO'),
    run: (as, w, s) =>
      w.app.client.viewSubmission(
        s.view,
        planValues({
          selected: [...s.ready, s.notReady].map((i) => i.id),
          candidates: [...s.ready, s.notReady].map((i) => i.id),
          override: 'Legal deadline on Dec 1',
        }),
        { user: as },
      ),
    applied: async (w, s, c) => {
      await startedBy(w, c);
      expect((await item(w, s.notReady.id)).status).toBe('in_sprint');
    },
    refusal: /Only the Product Owner can include it, with a reason/,
  }),
  row<ActiveSeed & { modal: any }>({
    action: 'sprint: add an item mid-sprint (scope override)',
    allowed: ['po', 'sm'],
    setup: async (w) => {
      const s = await active(w);
      // Anyone may open the override form from the scope-locked message; the submission is what counts.
      const modal = await captureView(w, 'views.open', () =>
        w.app.client.blockAction([{ action_id: SPRINT.overrideOpen, value: String(s.waiting.id) }], {
          user: 'U_ALICE',
          channel: 'C_TEAM',
          messageTs: '1700000000.000300',
        }),
      );
      return { ...s, modal };
    },
    run: (as, w, s) =>
      w.app.client.viewSubmission(s.modal, { [SPRINT.overrideReasonBlock]: { [SPRINT.action]: textValue('EU payments are failing') } } as any, { user: as }),
    applied: async (w, s) => expect((await item(w, s.waiting.id)).sprintId).toBe(s.sprint.id),
    refusal: NOT_SM_OR_PO('add work to the running sprint'),
    // A refused override is recorded as a refused scope attempt: the shadow-backlog signal sprint summaries count.
    audit: {
      tables: ['scope_attempts'],
      check: async (w, s, c) =>
        expect(
          (await w.app.rituals.repos.sprints.listScopeAttempts(s.sprint.id)).map((a) => ({ userId: a.userId, outcome: a.outcome, itemId: a.itemId })),
        ).toEqual([{ userId: c.as, outcome: 'refused', itemId: s.waiting.id }]),
    },
  }),
  row<ActiveSeed>({
    action: 'sprint: remove an item mid-sprint',
    allowed: ['po', 'sm'],
    setup: async (w) => active(w),
    run: (as, w, s) => w.app.client.command('/sprint', `remove R-${s.planned.number} The customer withdrew the request`, { user: as, channel: 'C_TEAM' }),
    applied: async (w, s) => expect((await item(w, s.planned.id)).status).toBe('backlog'),
    refusal: NOT_SM_OR_PO('take items out of the running sprint'),
  }),
  row<ActiveSeed & { modal: any }>({
    action: 'sprint: close',
    allowed: ['po', 'sm'],
    setup: async (w) => {
      const s = await active(w);
      return { ...s, modal: await captureView(w, 'views.open', () => w.app.client.command('/sprint', 'close', { user: 'U_SM', channel: 'C_TEAM' })) };
    },
    run: (as, w, s) => w.app.client.viewSubmission(s.modal, { [SPRINT.closeRetroBlock]: { [SPRINT.action]: checkboxesValue([]) } } as any, { user: as }),
    applied: async (w, s) => expect((await w.app.rituals.repos.sprints.findById(s.sprint.id))!.status).toBe('closed'),
    refusal: NOT_SM_OR_PO('close the sprint'),
  }),
  row<ActiveSeed>({
    action: 'sprint: open the close form from a forged "Close sprint" button',
    allowed: ['po', 'sm'],
    setup: async (w) => active(w),
    run: (as, w, s) =>
      w.app.client.blockAction([{ action_id: SPRINT.closeOpen, value: String(s.sprint.id) }], { user: as, channel: 'C_TEAM', messageTs: '1700000000.000400' }),
    applied: (w, _s, c) => expect(callsSince(w.app, c.since, 'views.open').some((call) => call.args.view.callback_id === SPRINT.closeCallbackId)).toBe(true),
    refusal: NOT_SM_OR_PO('close the sprint'),
  }),
  row<{ closed: Sprint }>({
    action: 'retro: post the summary now',
    allowed: ['po', 'sm'],
    setup: async (w) => {
      const sprint = await activeSprint(w);
      return {
        closed: await w.app.rituals.repos.sprints.update(sprint.id, {
          status: 'closed',
          completedPoints: 0,
          closedBy: 'U_SM',
          closedAt: Date.parse('2026-11-20T17:00:00Z'),
        }),
      };
    },
    run: (as, w) => w.app.client.command('/sprint', 'retro summary', { user: as, channel: 'C_TEAM' }),
    applied: async (w) => expect(await w.app.rituals.storage.query("SELECT count(*) AS n FROM outbox WHERE kind = 'retro.summary'")).toEqual([{ n: 1 }]),
    refusal: NOT_SM_OR_PO('post the retrospective summary'),
  }),
  row<{ closed: Sprint; form: any }>({
    action: 'retro: answer the retrospective (team only)',
    allowed: ['po', 'sm', 'member'],
    setup: async (w) => {
      const sprint = await activeSprint(w);
      const closed = await w.app.rituals.repos.sprints.update(sprint.id, {
        status: 'closed',
        completedPoints: 0,
        closedBy: 'U_SM',
        closedAt: Date.parse('2026-11-20T17:00:00Z'),
      });
      const form = await captureView(w, 'views.open', () =>
        w.app.client.blockAction([{ action_id: RETRO.open, value: String(closed.id) }], {
          user: 'U_ALICE',
          channel: 'D_ALICE',
          messageTs: '1700000000.000800',
        }),
      );
      return { closed, form };
    },
    run: (as, w, s) =>
      w.app.client.viewSubmission(
        s.form,
        {
          [RETRO.blocks.wentWell]: { [RETRO.action]: textValue('Pairing on the invoice PDF') },
          [RETRO.blocks.toImprove]: { [RETRO.action]: textValue('') },
          [RETRO.blocks.tryNext]: { [RETRO.action]: textValue('') },
        } as any,
        { user: as },
      ),
    applied: async (w, s, c) => expect((await w.app.rituals.repos.retro.listForSprint(s.closed.id)).map((a) => a.userId)).toEqual([c.as]),
    refusal: NOT_MEMBER("answer this team's retrospective"),
  }),
  row<ActiveSeed>({
    action: 'sprint: keep a refused item in the backlog for the PO (team only)',
    allowed: ['po', 'sm', 'member'],
    setup: async (w) => active(w),
    run: (as, w, s) =>
      w.app.client.blockAction([{ action_id: SPRINT.defer, value: String(s.waiting.id) }], { user: as, channel: 'C_TEAM', messageTs: '1700000000.000900' }),
    applied: async (w, s) => expect((await item(w, s.waiting.id)).needsReprioritisation).toBe(true),
    refusal: NOT_MEMBER('flag items for the Product Owner during the sprint'),
  }),
  row<ActiveSeed & { board: any }>({
    action: 'sprint board: move an item (team only)',
    allowed: ['po', 'sm', 'member'],
    setup: async (w) => {
      const s = await active(w);
      return { ...s, board: await captureView(w, 'views.open', () => w.app.client.command('/sprint', '', { user: 'U_ALICE', channel: 'C_TEAM' })) };
    },
    run: (as, w, s) =>
      w.app.client.blockAction([{ action_id: SPRINT.itemMenu, type: 'overflow', selected_option: { value: `i:${s.planned.id}:in_progress` } }], {
        user: as,
        view: s.board,
      }),
    applied: async (w, s) => expect((await item(w, s.planned.id)).workState).toBe('in_progress'),
    refusal: NOT_MEMBER('move work on the sprint board'),
  }),
];

// ---------------------------------------------------------------- planning poker

interface PokerSeed {
  sessionId: number;
  estimated: Item;
}

/** A session U_ALICE (a team member) started and facilitates, with two votes in. */
async function pokerSession(w: World, { revealed }: { revealed: boolean }): Promise<PokerSeed> {
  const estimated = await addBacklogItem(w.app, w.team, { title: 'Invoice PDF' });
  const poker = w.app.rituals.services.poker;
  const { session } = await poker.start(w.team.id, estimated.number, actor('U_ALICE'));
  await poker.vote(session.id, 1, '3', actor('U_ALICE'));
  await poker.vote(session.id, 1, '5', actor('U_BOB'));
  if (revealed) await poker.reveal(session.id, actor('U_ALICE'));
  return { sessionId: session.id, estimated };
}

const pokerButton = (w: World, as: string, action: { action_id: string; value?: string; type?: string; selected_option?: { value: string } }) =>
  w.app.client.blockAction([action], { user: as, channel: 'C_TEAM', messageTs: '1700000000.000500' });
const pokerSessionRow = async (w: World, s: PokerSeed) => (await w.app.rituals.repos.poker.findById(s.sessionId))!;
const NOT_FACILITATOR = (action: string) => new RegExp(`Only the facilitator \\(<@U_ALICE>\\) can ${escaped(action)}\\.`);

const pokerRows = [
  row<PokerSeed>({
    action: 'poker: vote (team only)',
    allowed: ['po', 'sm', 'member'],
    setup: async (w) => pokerSession(w, { revealed: false }),
    run: (as, w, s) => pokerButton(w, as, { action_id: `${POKER.votePrefix}8`, value: `${s.sessionId}:1:8` }),
    applied: async (w, s, c) => expect((await w.app.rituals.repos.poker.listVotes(s.sessionId, 1)).find((v) => v.userId === c.as)?.vote).toBe('8'),
    refusal: /Only members of this team can vote in its planning poker/,
  }),
  row<PokerSeed>({
    // U_ALICE, a team member, started the session: the PO and SM are not its facilitator.
    action: 'poker: reveal the votes (facilitator only)',
    allowed: ['member'],
    setup: async (w) => pokerSession(w, { revealed: false }),
    run: (as, w, s) => pokerButton(w, as, { action_id: POKER.reveal, value: String(s.sessionId) }),
    applied: async (w, s) => expect((await pokerSessionRow(w, s)).status).toBe('revealed'),
    refusal: NOT_FACILITATOR('reveal the votes'),
  }),
  row<PokerSeed>({
    action: 'poker: start a new round (facilitator only)',
    allowed: ['member'],
    setup: async (w) => pokerSession(w, { revealed: true }),
    run: (as, w, s) => pokerButton(w, as, { action_id: POKER.revote, value: String(s.sessionId) }),
    applied: async (w, s) => expect((await pokerSessionRow(w, s)).round).toBe(2),
    refusal: NOT_FACILITATOR('start a new round'),
  }),
  row<PokerSeed>({
    action: 'poker: accept the estimate (facilitator only)',
    allowed: ['member'],
    setup: async (w) => pokerSession(w, { revealed: true }),
    run: (as, w, s) => pokerButton(w, as, { action_id: POKER.accept, type: 'static_select', selected_option: { value: `${s.sessionId}:5` } }),
    applied: async (w, s) => expect((await item(w, s.estimated.id)).storyPoints).toBe(5),
    refusal: NOT_FACILITATOR('accept the estimate'),
  }),
];

// ---------------------------------------------------------------- standups and reports

const standupRows = [
  row<Record<string, never>>({
    action: 'standup: run now',
    allowed: ['sm', 'admin'],
    setup: async () => ({}),
    run: (as, w) => w.app.client.command('/standup', 'run', { user: as, channel: 'C_TEAM' }),
    applied: async (w) => expect(await w.app.rituals.storage.query('SELECT count(*) AS n FROM standup_prompts')).toEqual([{ n: 4 }]),
    refusal: /Only the Scrum Master \(<@U_SM>\) or a workspace admin can run today's standup\./,
  }),
  row<{ impedimentId: number }>({
    action: 'impediment: resolve',
    allowed: ['po', 'sm', 'member', 'admin'],
    setup: async (w) => ({
      impedimentId: (
        await w.app.rituals.repos.impediments.insert({
          teamId: w.team.id,
          reporterId: 'U_BOB',
          text: 'Staging is down',
          standupDate: null,
          openedAt: w.clock().getTime(),
        })
      ).id,
    }),
    run: (as, w, s) =>
      w.app.client.blockAction([{ action_id: STANDUP.actions.resolve, value: String(s.impedimentId) }], {
        user: as,
        channel: 'C_TEAM',
        messageTs: '1700000000.000600',
      }),
    applied: async (w, s, c) => expect((await w.app.rituals.repos.impediments.findById(s.impedimentId))?.resolvedBy).toBe(c.as),
    refusal: /Only members of this team \(and its Product Owner, Scrum Master and workspace admins\) can resolve this team's impediments\./,
  }),
  row<Record<string, never>>({
    action: 'burndown: post the chart to the team channel',
    allowed: ['po', 'sm', 'member', 'admin'],
    setup: async (w) => {
      await seedSprint(w.app.rituals, w.team);
      return {};
    },
    run: (as, w) => w.app.client.command('/burndown', 'post', { user: as, channel: 'C_TEAM' }),
    applied: (w, _s, c) => expect(callsSince(w.app, c.since, 'files.completeUploadExternal').map((call) => call.args.channel_id)).toEqual(['C_TEAM']),
    refusal: /Only the team's members can post its burndown chart to the team channel\./,
  }),
  row<Record<string, never>>({
    action: 'backlog: export it as a CSV file (/backlog export)',
    allowed: ['po', 'sm'],
    setup: async (w) => {
      await addBacklogItem(w.app, w.team, { title: 'Exported item' });
      return {};
    },
    run: (as, w) => w.app.client.command('/backlog', 'export', { user: as, channel: 'C_TEAM' }),
    applied: (w, _s, c) =>
      expect(callsSince(w.app, c.since, 'files.completeUploadExternal').map((call) => call.args.channel_id)).toEqual([`D${c.as.replace(/^U/, '')}`]),
    refusal: /Only the Product Owner \(<@U_PO>\) and the Scrum Master \(<@U_SM>\) can export the backlog/,
  }),
];

// ---------------------------------------------------------------- the matrix

const GROUPS: { name: string; rows: Row<unknown>[] }[] = [
  { name: 'triage', rows: triageRows },
  { name: 'product backlog', rows: backlogRows },
  { name: 'team settings', rows: teamRows },
  { name: 'sprints', rows: sprintRows },
  { name: 'planning poker', rows: pokerRows },
  { name: 'standups and reports', rows: standupRows },
];

for (const group of GROUPS) {
  describe(`authorization matrix: ${group.name}`, () => {
    let app: TestApp;
    let clock: TestClock;

    beforeAll(async () => {
      clock = createTestClock('2026-11-23T09:00:00Z');
      app = await startTestApp({ clock });
      for (const id of ['U_PO', 'U_SM', 'U_ALICE', 'U_BOB', 'U_OUT']) app.slack.addUser({ id });
      app.slack.addUser({ id: 'U_ADMIN', is_admin: true });
    });
    afterAll(async () => {
      await app.stop();
    });

    let w: World;
    beforeEach(async () => {
      await app.rituals.outbox.drain();
      await resetDatabase(app);
      clock.set('2026-11-23T09:00:00Z');
      w = { app, clock, team: await seedTeam(app) };
    });

    for (const r of group.rows) {
      for (const role of ROLES) {
        const allowed = r.allowed.includes(role);
        it(`${r.action} | ${role}: ${allowed ? 'allowed' : 'refused'}`, async () => {
          const s = await r.setup(w);
          // Whatever the set-up queued is sent first, so the comparison sees only the action.
          await app.rituals.outbox.drain();
          const as = USER[role];
          const before = await snapshot(app, r.audit?.tables);
          const check: Check = { as, since: app.slack.calls.length };
          const response = await r.run(as, w, s);
          expect(response.status).toBe(200);
          if (allowed) {
            await until(() => passes(() => r.applied(w, s, check)));
            await r.applied(w, s, check);
            return;
          }
          await until(() => r.refusal.test(seenBy(app, response, check)));
          expect(seenBy(app, response, check)).toMatch(r.refusal);
          expect(await snapshot(app, r.audit?.tables)).toEqual(before);
          await r.audit?.check(w, s, check);
          expect(await passes(() => r.applied(w, s, check)), 'the refused action must not take effect').toBe(false);
        });
      }
    }
  });
}

// The team's own PO, acting from another workspace that also installed the app (the same user id, as
// on Enterprise Grid): one workspace's data is never reachable from another, whatever the payload says.
for (const group of GROUPS) {
  describe(`authorization matrix, from a second workspace (distribution mode): ${group.name}`, () => {
    let app: TestApp;
    let clock: TestClock;

    beforeAll(async () => {
      clock = createTestClock('2026-11-23T09:00:00Z');
      app = await startTestApp({ clock, env: DISTRIBUTION_ENV });
      registerOAuthApp(app);
      for (const id of ['U_PO', 'U_SM', 'U_ALICE', 'U_BOB', 'U_OUT']) app.slack.addUser({ id });
      app.slack.addUser({ id: 'U_ADMIN', is_admin: true });
      await installThroughOAuth(app, { teamId: 'T1', botUserId: 'UBOT', botId: 'BBOT', installerUserId: 'U_PO' });
      await installThroughOAuth(app, { teamId: 'T_OTHER', botUserId: 'UBOT_OTHER', botId: 'BBOT_OTHER', installerUserId: 'U_PO' });
    });
    afterAll(async () => {
      await app.stop();
    });

    let w: World;
    beforeEach(async () => {
      await app.rituals.outbox.drain();
      await resetDatabase(app, INSTALL_TABLES);
      clock.set('2026-11-23T09:00:00Z');
      w = { app, clock, team: await seedTeam(app) };
    });

    for (const r of group.rows) {
      it(`${r.action} | the PO, from another workspace: refused`, async () => {
        const s = await r.setup(w);
        await app.rituals.outbox.drain();
        const fromElsewhere = new SignedSlackClient(app.client.baseUrl, undefined, 'T_OTHER', app.slack.url, { triggers: app.slack.triggers });
        const elsewhere: World = { ...w, app: Object.assign(Object.create(app) as TestApp, { client: fromElsewhere }) };
        const before = await snapshot(app, r.audit?.tables);
        const check: Check = { as: USER.po, since: app.slack.calls.length };
        const response = await r.run(USER.po, elsewhere, s);
        expect(response.status).toBe(200);
        // Let whatever the request started finish, so nothing lands in the next test.
        await new Promise((resolve) => setTimeout(resolve, 150));
        await app.rituals.events.idle();
        await app.rituals.outbox.drain();
        expect(await snapshot(app, r.audit?.tables)).toEqual(before);
        // There the channel has no team yet, so anyone may start one: the empty setup form opens.
        if (r.action !== 'team settings: open the form of an existing team') {
          expect(await passes(() => r.applied(w, s, check)), 'the action must not reach another workspace').toBe(false);
        }
        // Nothing of this workspace's team is shown to the other workspace.
        expect(seenBy(app, response, check)).not.toContain(w.team.name);
      });
    }
  });
}

describe('authorization: sealed forms are re-checked when they are submitted, not when they were opened', () => {
  let app: TestApp;
  let clock: TestClock;
  let w: World;

  beforeAll(async () => {
    clock = createTestClock('2026-11-23T09:00:00Z');
    app = await startTestApp({ clock });
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    await app.rituals.outbox.drain();
    await resetDatabase(app);
    w = { app, clock, team: await seedTeam(app) };
  });

  it("refuses a triage form the former PO kept open after the team's PO changed", async () => {
    const s = await triageCard(w);
    await app.rituals.repos.teams.update(w.team.id, { productOwnerId: 'U_BOB' });
    await app.rituals.outbox.drain();
    const before = await snapshot(app);
    const response = await app.client.viewSubmission(s.view, triageAccept(s.view), { user: 'U_PO' });
    expect(response.json.errors[triageIds(s.view).decision]).toMatch(/Only the Product Owner \(<@U_BOB>\) can triage the inbox\./);
    expect(await snapshot(app)).toEqual(before);
  });

  it("refuses another team's PO replaying this team's backlog view", async () => {
    const s = await backlog(w);
    await seedTeam(app, {
      name: 'Payments',
      teamChannelId: 'C_PAY',
      triageChannelId: 'C_PAY_TRIAGE',
      stakeholderChannelId: null,
      productOwnerId: 'U_PO2',
      scrumMasterId: 'U_SM2',
      members: ['U_PO2', 'U_SM2'],
    });
    await app.rituals.outbox.drain();
    const before = await snapshot(app);
    const since = app.slack.calls.length;
    await itemMenu(w, 'U_PO2', s.view, `top:${s.c.id}`);
    await until(() => NOT_PO('reorder the product backlog').test(seenBy(app, null, { as: 'U_PO2', since })));
    expect(seenBy(app, null, { as: 'U_PO2', since })).toMatch(NOT_PO('reorder the product backlog'));
    expect(await snapshot(app)).toEqual(before);
  });

  it('refuses an answer form replayed after the PO triaged the item', async () => {
    const asked = await suggestion(w, 'Export invoices as CSV');
    await app.rituals.services.triage.decide(w.team.id, asked.id, 'U_PO', { decision: 'ask', question: 'Which columns?' });
    const view = await captureView(w, 'views.open', () =>
      app.client.blockAction([{ action_id: TRIAGE.actions.answerOpen, value: String(asked.id) }], {
        user: 'U_OUT',
        channel: 'D_OUT',
        messageTs: '1700000000.000700',
      }),
    );
    await app.rituals.services.triage.decide(w.team.id, asked.id, 'U_PO', { decision: 'icebox', note: '' });
    await app.rituals.outbox.drain();
    const before = await snapshot(app);
    const response = await app.client.viewSubmission(view, { [TRIAGE.blocks.answer]: { value: textValue('Date and amount') } } as any, { user: 'U_OUT' });
    expect(response.json.errors[TRIAGE.blocks.answer]).toMatch(/already triaged \(icebox\)/);
    expect(await snapshot(app)).toEqual(before);
  });

  it('refuses a sprint-close form replayed by the SM after the team replaced them', async () => {
    const s = await active(w);
    const modal = await captureView(w, 'views.open', () => app.client.command('/sprint', 'close', { user: 'U_SM', channel: 'C_TEAM' }));
    await app.rituals.repos.teams.update(w.team.id, { scrumMasterId: 'U_BOB' });
    await app.rituals.repos.teams.replaceMembers(w.team.id, ['U_ALICE', 'U_BOB', 'U_PO']);
    await app.rituals.outbox.drain();
    const before = await snapshot(app);
    const response = await app.client.viewSubmission(modal, { [SPRINT.closeRetroBlock]: { [SPRINT.action]: checkboxesValue([]) } } as any, { user: 'U_SM' });
    expect(response.json.errors[SPRINT.closeRetroBlock]).toMatch(/Only the Scrum Master \(<@U_BOB>\) or the Product Owner \(<@U_PO>\) can close the sprint\./);
    expect(await snapshot(app)).toEqual(before);
    expect((await app.rituals.repos.sprints.findById(s.sprint.id))!.status).toBe('active');
  });
});
