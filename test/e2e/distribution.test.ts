/**
 * Distribution mode ("Add to Slack") end to end over HTTP: workspaces install through Bolt's own
 * /slack/install and /slack/oauth_redirect against the fake Slack's oauth.v2.access, every call
 * goes out with the token of the workspace it is for, one workspace never sees another's data,
 * uninstalling stops a workspace's jobs at once and its data is kept or deleted as configured,
 * an org-wide install serves each of its workspaces, and a rotated token is refreshed once.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SUGGEST } from '../../src/slack/ids.js';
import { BOT_SCOPES } from '../../src/slack/workspaces/scopes.js';
import type { FakeInstall, RecordedCall } from '../helpers/fakeSlack.js';
import { selectValue, textValue } from '../helpers/signedClient.js';
import { beginInstall, DISTRIBUTION_ENV, finishInstall, installThroughOAuth, registerOAuthApp } from '../helpers/oauthInstall.js';
import { seedSprint } from '../helpers/sprintSeed.js';
import { createTestClock, seedTeam, startTestApp, type TestApp, type TestClock } from '../helpers/testApp.js';
import { triageForm } from '../helpers/triageForm.js';

const OAUTH_ENV = DISTRIBUTION_ENV;
const A: FakeInstall = { teamId: 'T_A', botUserId: 'UBOT_A', botId: 'B_A', installerUserId: 'U_PO' };
const B: FakeInstall = { teamId: 'T_B', botUserId: 'UBOT_B', botId: 'B_B', installerUserId: 'U_PO' };
const MEMBERS = ['U_ALICE', 'U_BOB', 'U_PO', 'U_SM'];

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function startDistribution(clock?: TestClock, env: Record<string, string> = {}): Promise<TestApp> {
  app = await startTestApp({ ...(clock ? { clock } : {}), env: { ...OAUTH_ENV, ...env } });
  registerOAuthApp(app);
  for (const id of MEMBERS) app.slack.addUser({ id });
  return app;
}

/** The first row a raw read returns (counts: `{ n }`). */
async function firstRow(t: TestApp, text: string, params: unknown[] = []) {
  return (await t.rituals.storage.query(text, params))[0];
}

/** Every item, oldest first. */
const itemRows = (t: TestApp) => t.rituals.storage.query<{ teamId: number; title: string }>('SELECT team_id AS "teamId", title FROM items ORDER BY id');

const baseUrl = (t: TestApp) => `http://127.0.0.1:${t.rituals.port}`;

async function install(t: TestApp, who: FakeInstall) {
  return installThroughOAuth(t, who);
}

const installationOf = (t: TestApp, key: string) => t.rituals.repos.installations.findByKey(key);
const tokenOf = async (t: TestApp, teamId: string) => (await installationOf(t, `T:${teamId}`))!.botToken;
const suggestValues = (title: string) =>
  ({
    [SUGGEST.blocks.title]: { value: textValue(title) },
    [SUGGEST.blocks.details]: { value: textValue('Details that matter.') },
    [SUGGEST.blocks.type]: { value: selectValue('bug') },
    [SUGGEST.blocks.neededBy]: { value: textValue('Support') },
    [SUGGEST.blocks.urgency]: { value: selectValue(null) },
  }) as any;
/** The view the last views.open since `since` showed, with its Slack id. */
async function openedView(t: TestApp, since: number): Promise<RecordedCall> {
  await t.slack.waitUntil(() => t.slack.sent('views.open').length > since, 5_000, 'views.open');
  return t.slack.sent('views.open').at(-1)!;
}

/** Runs a suggestion through /suggest in a workspace: returns the call that opened the form. */
async function suggestIn(t: TestApp, teamId: string, title: string): Promise<RecordedCall> {
  const since = t.slack.sent('views.open').length;
  expect((await t.client.command('/suggest', title, { team: teamId, user: 'U_ALICE' })).status).toBe(200);
  const open = await openedView(t, since);
  const view = { ...open.args.view, id: `V_${teamId}_${title.length}` };
  const submitted = await t.client.viewSubmission(view, suggestValues(title), { team: teamId, user: 'U_ALICE' });
  expect(submitted.status).toBe(200);
  expect(submitted.text).toBe('');
  return open;
}

describe('distribution mode: "Add to Slack"', () => {
  it('keeps the bot scopes it asks for in step with manifest.json', () => {
    const manifest = JSON.parse(readFileSync('manifest.json', 'utf8'));
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });

  it('manifest.http.json has the OAuth redirect URL, says whether tokens rotate, and subscribes to the uninstall events', () => {
    const manifest = JSON.parse(readFileSync('manifest.http.json', 'utf8'));
    expect(manifest.oauth_config.redirect_urls).toEqual(['https://rituals.example.com/slack/oauth_redirect']);
    // Off unless the operator turns it on (Slack cannot turn it off again); Rituals refreshes rotated tokens either way.
    expect(manifest.settings.token_rotation_enabled).toBe(false);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_uninstalled', 'tokens_revoked']));
  });

  it('installs workspaces through /slack/install and /slack/oauth_redirect and keeps each bot token', async () => {
    const t = await startDistribution();
    const begun = await beginInstall(t);
    expect(begun.status).toBe(200);
    expect(begun.html).toContain('Add to Slack');
    expect(begun.cookie).toMatch(/^slack-app-oauth-state=.+/);
    expect(begun.cookie).toBe(`slack-app-oauth-state=${begun.state}`);
    expect(begun.url.searchParams.get('client_id')).toBe(OAUTH_ENV.SLACK_CLIENT_ID);
    expect(begun.url.searchParams.get('scope')!.split(',')).toEqual([...BOT_SCOPES]);
    expect((await finishInstall(t, { ...begun, code: t.slack.grantCode(A, begun.url.searchParams.get('scope')!) })).status).toBe(200);
    await install(t, B);

    const a = (await installationOf(t, 'T:T_A'))!;
    expect(a).toMatchObject({ slackTeamId: 'T_A', enterpriseId: null, isEnterpriseInstall: false, botUserId: 'UBOT_A', botId: 'B_A', installerUserId: 'U_PO' });
    expect(a.botRefreshToken).toBeNull();
    expect(t.slack.tokens.get(a.botToken)?.install.teamId).toBe('T_A');
    expect(a.botScopes.split(',')).toEqual([...BOT_SCOPES]);
    expect(await tokenOf(t, 'T_B')).not.toBe(a.botToken);
    expect(t.slack.callsTo('oauth.v2.access').map((call) => call.args.client_secret)).toEqual([OAUTH_ENV.SLACK_CLIENT_SECRET, OAUTH_ENV.SLACK_CLIENT_SECRET]);
    // Tokens and the client secret never reach the log.
    expect(t.logs.join('\n')).not.toContain(a.botToken);
    expect(t.logs.join('\n')).not.toContain(OAUTH_ENV.SLACK_CLIENT_SECRET);
  });

  it('refuses a forged state, a state from another browser and a replayed state', async () => {
    const t = await startDistribution();
    const begun = await beginInstall(t);
    const forged = `${begun.state.split('.')[0]}.forgedsignature`;
    const results = [
      // Forged: not signed by this app (even with a matching cookie).
      await finishInstall(t, { cookie: `slack-app-oauth-state=${forged}`, state: forged, code: t.slack.grantCode(A) }),
      // Someone else's state, in a browser that never started the install.
      await finishInstall(t, { cookie: '', state: begun.state, code: t.slack.grantCode(A) }),
    ];
    expect(results.map((r) => r.status)).toEqual([400, 400]);
    expect(await installationOf(t, 'T:T_A')).toBeUndefined();

    expect((await finishInstall(t, { ...begun, code: t.slack.grantCode(A) })).status).toBe(200);
    const first = await tokenOf(t, 'T_A');
    // The same state again (a replayed redirect, cookie and all): refused, the install unchanged.
    const replay = await finishInstall(t, { ...begun, code: t.slack.grantCode(B) });
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('slack_oauth_invalid_state');
    expect(await installationOf(t, 'T:T_B')).toBeUndefined();
    expect(await tokenOf(t, 'T_A')).toBe(first);
    // Only the one good redirect exchanged a code.
    expect(t.slack.callsTo('oauth.v2.access')).toHaveLength(1);
  });

  it('answers odd redirects with an error page and stores nothing (no code, a cancelled install, garbage, a refused code)', async () => {
    const t = await startDistribution();
    const get = async (query: string, cookie = '') => {
      const response = await fetch(`${baseUrl(t)}/slack/oauth_redirect?${query}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
      await response.text();
      return response.status;
    };
    expect(await get('')).toBe(400);
    expect(await get('state=abc')).toBe(400);
    expect(await get(`code=x&state=${'a.'.repeat(5_000)}`, 'slack-app-oauth-state=x')).toBe(400);
    expect(await get('code=x&state=%00%ff.%%', 'slack-app-oauth-state=%00%ff.%%')).toBe(400);
    expect(await get('error=access_denied&state=x')).toBeGreaterThanOrEqual(400);
    // A state of ours with a code Slack refuses: an error page, nothing stored.
    const begun = await beginInstall(t);
    expect(await get(new URLSearchParams({ code: 'not-a-code', state: begun.state }).toString(), begun.cookie)).toBe(500);
    expect(await firstRow(t, 'SELECT count(*) AS n FROM slack_installations')).toEqual({ n: 0 });
    expect((await fetch(`${baseUrl(t)}/healthz`)).status).toBe(200);
  });

  it('each workspace suggests and triages with its own token, and sees only its own inbox', async () => {
    const t = await startDistribution();
    await install(t, A);
    await install(t, B);
    // The same channel and user ids in both workspaces: only the workspace tells them apart.
    const teamA = await seedTeam(t, { slackTeamId: 'T_A', name: 'Alpha' });
    const teamB = await seedTeam(t, { slackTeamId: 'T_B', name: 'Bravo' });
    const tokenA = await tokenOf(t, 'T_A');
    const tokenB = await tokenOf(t, 'T_B');

    expect((await suggestIn(t, 'T_A', 'Alpha export')).token).toBe(tokenA);
    expect((await suggestIn(t, 'T_B', 'Bravo import')).token).toBe(tokenB);
    const items = await itemRows(t);
    expect(items.map((i) => [i.teamId, i.title])).toEqual([
      [teamA.id, 'Alpha export'],
      [teamB.id, 'Bravo import'],
    ]);
    await t.rituals.outbox.drain();
    const receipts = t.slack.sent('chat.postMessage').filter((call) => call.args.channel === 'U_ALICE');
    expect(receipts.map((call) => [call.token, /Alpha export|Bravo import/.exec(call.args.text)?.[0]])).toEqual(
      expect.arrayContaining([
        [tokenA, 'Alpha export'],
        [tokenB, 'Bravo import'],
      ]),
    );

    for (const [teamId, token, own, other] of [
      ['T_A', tokenA, 'Alpha export', 'Bravo import'],
      ['T_B', tokenB, 'Bravo import', 'Alpha export'],
    ] as const) {
      const since = t.slack.sent('views.open').length;
      await t.client.command('/triage', '', { team: teamId, user: 'U_PO' });
      const open = await openedView(t, since);
      expect(open.token).toBe(token);
      const shown = JSON.stringify(open.args.view.blocks);
      expect(shown).toContain(own);
      expect(shown).not.toContain(other);
      expect(shown).toContain('1 of 1');
      const shownView = { ...open.args.view, id: open.response.view.id };
      const accept = triageForm(shownView, 'accept', { type: 'bug', moscow: 'should' });
      const decided = await t.client.viewSubmission(shownView, accept, { team: teamId, user: 'U_PO' });
      expect(decided.status).toBe(200);
    }
    expect((await t.rituals.repos.items.listByStatus(teamA.id, 'backlog')).map((i) => i.title)).toEqual(['Alpha export']);
    expect((await t.rituals.repos.items.listByStatus(teamB.id, 'backlog')).map((i) => i.title)).toEqual(['Bravo import']);
    // Nothing either workspace did went out with the other's token.
    await t.rituals.outbox.drain();
    for (const call of t.slack.calls.filter((c) => c.token === tokenA)) expect(JSON.stringify(call.args)).not.toContain('Bravo');
    for (const call of t.slack.calls.filter((c) => c.token === tokenB)) expect(JSON.stringify(call.args)).not.toContain('Alpha');
  });

  it("a workspace without an install is not served, and another workspace's form replayed there changes nothing", async () => {
    const t = await startDistribution();
    await install(t, A);
    await seedTeam(t, { slackTeamId: 'T_A' });
    await seedTeam(t, { slackTeamId: 'T_NONE', name: 'Stray' });
    const since = t.slack.calls.length;
    const response = await t.client.command('/suggest', 'Sneak in', { team: 'T_NONE' });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(t.slack.calls.slice(since)).toEqual([]);
    const open = await suggestIn(t, 'T_A', 'Alpha only');
    // The same form submitted from the workspace with no install: Bolt refuses to authorize it.
    await t.client.viewSubmission({ ...open.args.view, id: 'V_REPLAY' }, suggestValues('Replayed'), { team: 'T_NONE' });
    expect((await itemRows(t)).map((i) => i.title)).toEqual(['Alpha only']);
  });
});

describe('distribution mode: scheduled work and uninstalling', () => {
  async function twoWorkspacesWithStandups(env: Record<string, string> = {}) {
    const clock = createTestClock('2026-11-23T08:00:00Z');
    const t = await startDistribution(clock, env);
    await install(t, A);
    await install(t, B);
    const teamA = await seedTeam(t, { slackTeamId: 'T_A', name: 'Alpha', standupTime: '09:30' });
    const teamB = await seedTeam(t, { slackTeamId: 'T_B', name: 'Bravo', standupTime: '09:30' });
    return { t, clock, teamA, teamB, tokenA: await tokenOf(t, 'T_A'), tokenB: await tokenOf(t, 'T_B') };
  }

  async function tick(t: TestApp, clock: TestClock, at: string) {
    clock.set(at);
    await t.rituals.scheduler.runAll();
    await t.rituals.outbox.drain();
  }

  const promptsSince = (t: TestApp, since: number) =>
    t.slack.calls.slice(since).filter((call) => call.method === 'chat.postMessage' && call.response.ok && String(call.args.text).startsWith('Time for'));

  it("sends each workspace's standup with its own token; after A uninstalls its jobs stop at once, B's go on, and A's data is kept", async () => {
    const { t, clock, teamA, teamB, tokenA, tokenB } = await twoWorkspacesWithStandups();
    await tick(t, clock, '2026-11-23T09:31:00Z');
    const monday = promptsSince(t, 0);
    expect(monday).toHaveLength(MEMBERS.length * 2);
    expect(monday.filter((call) => call.token === tokenA)).toHaveLength(MEMBERS.length);
    expect(monday.filter((call) => call.token === tokenB)).toHaveLength(MEMBERS.length);
    // The channel parents too, each with its workspace's token.
    const parents = t.slack.sent('chat.postMessage').filter((call) => call.args.channel === 'C_TEAM');
    expect(parents.map((call) => call.token).sort()).toEqual([tokenA, tokenB].sort());

    const pendingOf = (teamId: number) => firstRow(t, "SELECT count(*) AS n FROM outbox WHERE team_id = ? AND status = 'pending'", [teamId]);
    // Messages of A queued for later (a delayed one, as a retry would be) must not go out either.
    const delayed = { kind: 'generic.dm', userId: 'U_ALICE', text: 'later' };
    await t.rituals.repos.outbox.enqueue({ dedupeKey: 'later-for-a', kind: delayed.kind, payload: delayed, at: clock().getTime() + 60_000, teamId: teamA.id });
    expect(await pendingOf(teamA.id)).toEqual({ n: 1 });
    expect((await t.client.event({ type: 'app_uninstalled' }, { team: 'T_A' })).status).toBe(200);
    await t.rituals.events.idle();
    expect(await installationOf(t, 'T:T_A')).toBeUndefined();
    expect((await t.rituals.repos.workspaces.find('T_A'))?.uninstalledAt).toBe(clock().getTime());
    expect(await pendingOf(teamA.id)).toEqual({ n: 0 });
    expect(await t.rituals.repos.outbox.findByKey('later-for-a')).toMatchObject({ status: 'failed', lastError: 'not sent: the workspace uninstalled the app' });

    const since = t.slack.calls.length;
    const promptRows = (teamId: number) => firstRow(t, 'SELECT count(*) AS n FROM standup_prompts WHERE team_id = ?', [teamId]);
    await tick(t, clock, '2026-11-23T10:45:00Z'); // reminders
    await tick(t, clock, '2026-11-24T09:31:00Z'); // Tuesday's standup
    const later = t.slack.calls.slice(since);
    expect(later.filter((call) => call.token === tokenA)).toEqual([]);
    // Not merely unsent: A's standups are no longer scheduled at all.
    expect(await promptRows(teamA.id)).toEqual({ n: MEMBERS.length });
    expect(await promptRows(teamB.id)).toEqual({ n: MEMBERS.length * 2 });
    expect(promptsSince(t, since).filter((call) => call.token === tokenB)).toHaveLength(MEMBERS.length);
    // Kept for DATA_RETENTION_DAYS (30 by default): the team and its standups are still there.
    expect(await t.rituals.repos.teams.findById(teamA.id)).toBeDefined();

    await tick(t, clock, '2026-12-23T07:59:00Z'); // 29 days 22 hours after
    expect(await t.rituals.repos.teams.findById(teamA.id)).toBeDefined();
    await tick(t, clock, '2026-12-24T09:00:00Z'); // more than 30 days after
    expect(await t.rituals.repos.teams.findById(teamA.id)).toBeUndefined();
    expect(await t.rituals.repos.workspaces.find('T_A')).toBeUndefined();
    expect(
      (await t.rituals.storage.query<{ slackTeamId: string }>('SELECT slack_team_id AS "slackTeamId" FROM slack_users')).every(
        (row) => row.slackTeamId !== 'T_A',
      ),
    ).toBe(true);
    expect(await t.rituals.repos.teams.findById(teamB.id)).toBeDefined();
  });

  it("posts each workspace's scheduled burndown chart with its own token", async () => {
    const { t, clock, teamA, teamB, tokenA, tokenB } = await twoWorkspacesWithStandups();
    await seedSprint(t.rituals, teamA);
    await seedSprint(t.rituals, teamB);
    await tick(t, clock, '2026-11-23T17:01:00Z');
    const completed = t.slack.sent('files.completeUploadExternal');
    expect(completed.map((call) => call.token).sort()).toEqual([tokenA, tokenB].sort());
    for (const token of [tokenA, tokenB]) {
      expect(t.slack.sent('files.getUploadURLExternal').filter((call) => call.token === token)).toHaveLength(1);
    }
  });

  it('with DATA_RETENTION_DAYS=0 a revoked bot token deletes the workspace data at once; reinstalling starts afresh', async () => {
    const { t, clock, teamA, teamB, tokenB } = await twoWorkspacesWithStandups({ DATA_RETENTION_DAYS: '0' });
    await tick(t, clock, '2026-11-23T09:31:00Z');
    expect(await firstRow(t, 'SELECT count(*) AS n FROM standup_prompts WHERE team_id = ?', [teamA.id])).toEqual({ n: MEMBERS.length });
    // A revoked user token alone changes nothing.
    await t.client.event({ type: 'tokens_revoked', tokens: { oauth: ['U_PO'] } }, { team: 'T_A' });
    await t.rituals.events.idle();
    expect(await installationOf(t, 'T:T_A')).toBeDefined();
    await t.client.event({ type: 'tokens_revoked', tokens: { bot: ['UBOT_A'] } }, { team: 'T_A' });
    await t.rituals.events.idle();
    expect(await installationOf(t, 'T:T_A')).toBeUndefined();
    expect(await t.rituals.repos.teams.findById(teamA.id)).toBeUndefined();
    for (const table of ['standup_prompts', 'standup_runs', 'outbox']) {
      expect(await firstRow(t, `SELECT count(*) AS n FROM ${table} WHERE team_id = ?`, [teamA.id])).toEqual({ n: 0 });
    }
    expect(await firstRow(t, 'SELECT count(*) AS n FROM standup_prompts WHERE team_id = ?', [teamB.id])).toEqual({ n: MEMBERS.length });

    // Installing again serves the workspace again (with nothing of the old data).
    await install(t, A);
    expect((await t.rituals.repos.workspaces.find('T_A'))?.uninstalledAt).toBeNull();
    const since = t.slack.calls.length;
    await tick(t, clock, '2026-11-24T09:31:00Z');
    expect(promptsSince(t, since).map((call) => call.token)).toEqual(Array(MEMBERS.length).fill(tokenB));
  });
});

describe('distribution mode: Enterprise Grid org-wide install', () => {
  const ORG: FakeInstall = { enterpriseId: 'E_ORG', isEnterpriseInstall: true, botUserId: 'UBOT_ORG', botId: 'B_ORG', installerUserId: 'W_ADMIN' };

  /** A slash command from a workspace of the organisation, as Slack sends it for an org-wide install. */
  function orgCommand(t: TestApp, teamId: string, command: string, text: string) {
    const form = new URLSearchParams({
      team_id: teamId,
      enterprise_id: 'E_ORG',
      is_enterprise_install: 'true',
      channel_id: 'C_TEAM',
      user_id: 'U_ALICE',
      command,
      text,
      api_app_id: 'A1',
      response_url: t.client.responseUrl(),
      trigger_id: t.client.nextTriggerId(),
    });
    return t.client.post(form.toString());
  }

  it("serves each workspace of the organisation with the org's token and keeps their data apart", async () => {
    const clock = createTestClock('2026-11-23T08:00:00Z');
    const t = await startDistribution(clock);
    await install(t, ORG);
    const org = (await installationOf(t, 'E:E_ORG'))!;
    expect(org).toMatchObject({ slackTeamId: null, enterpriseId: 'E_ORG', isEnterpriseInstall: true, botUserId: 'UBOT_ORG' });
    const teamX = await seedTeam(t, { slackTeamId: 'T_X', name: 'Xray' });
    const teamY = await seedTeam(t, { slackTeamId: 'T_Y', name: 'Yankee' });

    for (const [teamId, title] of [
      ['T_X', 'Xray idea'],
      ['T_Y', 'Yankee idea'],
    ] as const) {
      const since = t.slack.sent('views.open').length;
      expect((await orgCommand(t, teamId, '/suggest', title)).status).toBe(200);
      const open = await openedView(t, since);
      expect(open.token).toBe(org.botToken);
      const submitted = await t.client.interaction({
        type: 'view_submission',
        team: null,
        enterprise: { id: 'E_ORG' },
        is_enterprise_install: true,
        user: { id: 'U_ALICE', team_id: teamId },
        api_app_id: 'A1',
        trigger_id: t.client.nextTriggerId(),
        view: { ...open.args.view, id: `V_${teamId}`, team_id: teamId, state: { values: suggestValues(title) }, hash: 'h1', app_id: 'A1' },
      });
      expect(submitted.status).toBe(200);
    }
    const items = await itemRows(t);
    expect(items.map((i) => [i.teamId, i.title])).toEqual([
      [teamX.id, 'Xray idea'],
      [teamY.id, 'Yankee idea'],
    ]);
    expect(await t.rituals.repos.workspaces.find('T_X')).toMatchObject({ enterpriseId: 'E_ORG', uninstalledAt: null });

    // Scheduled work for each workspace finds the org's install.
    clock.set('2026-11-23T09:31:00Z');
    await t.rituals.scheduler.runAll();
    await t.rituals.outbox.drain();
    const prompts = t.slack.sent('chat.postMessage').filter((call) => String(call.args.text).startsWith('Time for'));
    expect(prompts).toHaveLength(MEMBERS.length * 2);
    expect(new Set(prompts.map((call) => call.token))).toEqual(new Set([org.botToken]));

    // The organisation removes the app: every one of its workspaces stops.
    const body = JSON.stringify({
      team_id: 'T_X',
      enterprise_id: 'E_ORG',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: 'Ev_ORG_UNINSTALL',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_uninstalled', event_ts: '1.1' },
      authorizations: [{ enterprise_id: 'E_ORG', team_id: null, user_id: 'UBOT_ORG', is_bot: true, is_enterprise_install: true }],
    });
    expect((await t.client.post(body, { contentType: 'application/json' })).status).toBe(200);
    await t.rituals.events.idle();
    expect(await installationOf(t, 'E:E_ORG')).toBeUndefined();
    expect((await t.rituals.repos.workspaces.find('T_X'))?.uninstalledAt).not.toBeNull();
    expect((await t.rituals.repos.workspaces.find('T_Y'))?.uninstalledAt).not.toBeNull();
    const since = t.slack.calls.length;
    clock.set('2026-11-24T09:31:00Z');
    await t.rituals.scheduler.runAll();
    await t.rituals.outbox.drain();
    expect(t.slack.calls.slice(since).filter((call) => call.method !== 'oauth.v2.access')).toEqual([]);
  });
});

describe('distribution mode: token rotation', () => {
  it('refreshes an expired rotated token once for a burst of concurrent requests, then uses the new token', async () => {
    const t = await startDistribution();
    // A token that lives one second, then has expired (the fake Slack answers token_expired):
    // requests need a refresh first.
    await install(t, { ...A, rotation: { expiresIn: 1 } });
    await seedTeam(t, { slackTeamId: 'T_A' });
    const first = (await installationOf(t, 'T:T_A'))!;
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(first.botToken).toMatch(/^xoxe\.xoxb-/);
    expect(first.botRefreshToken).toMatch(/^xoxe-1-/);

    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => t.client.command('/suggest', `Burst ${i}`, { team: 'T_A' })));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    await t.slack.waitFor('views.open', 20);
    await t.rituals.outbox.drain();

    const refreshes = t.slack.callsTo('oauth.v2.access').filter((call) => call.args.grant_type === 'refresh_token');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]!.response.ok).toBe(true);
    const refreshed = (await installationOf(t, 'T:T_A'))!;
    expect(refreshed.botToken).not.toBe(first.botToken);
    expect(refreshed.botRefreshToken).not.toBe(first.botRefreshToken);
    expect(refreshed.botTokenExpiresAt! - Math.floor(Date.now() / 1000)).toBeGreaterThan(40_000);
    expect(new Set(t.slack.sent('views.open').map((call) => call.token))).toEqual(new Set([refreshed.botToken]));
    // Later work (requests and the outbox) uses the new token without refreshing again.
    await t.client.command('/suggest', 'After', { team: 'T_A' });
    await t.slack.waitFor('views.open', 21);
    expect(t.slack.callsTo('oauth.v2.access').filter((call) => call.args.grant_type === 'refresh_token')).toHaveLength(1);
  });

  it('refreshes once when scheduled work and requests need the expiring token at the same time', async () => {
    // Expires within @slack/oauth's 2-hour window: still valid, but refreshed ahead of time.
    const clock = createTestClock('2026-11-23T09:31:00Z');
    const t = await startDistribution(clock);
    await install(t, { ...A, rotation: { expiresIn: 600 } });
    await seedTeam(t, { slackTeamId: 'T_A', standupTime: '09:30' });
    await Promise.all([
      t.rituals.scheduler.runAll().then(() => t.rituals.outbox.drain()),
      ...Array.from({ length: 5 }, () => t.client.command('/suggest', 'x', { team: 'T_A' })),
    ]);
    await t.rituals.outbox.drain();
    expect(t.slack.callsTo('oauth.v2.access').filter((call) => call.args.grant_type === 'refresh_token')).toHaveLength(1);
    const token = (await installationOf(t, 'T:T_A'))!.botToken;
    const prompts = t.slack.sent('chat.postMessage').filter((call) => String(call.args.text).startsWith('Time for'));
    expect(prompts).toHaveLength(MEMBERS.length);
    expect(new Set(prompts.map((call) => call.token))).toEqual(new Set([token]));
  });
});
