/** Distribution mode in tests: its settings, and installs through the real /slack/install and /slack/oauth_redirect. */
import type { FakeInstall } from './fakeSlack.js';
import type { TestApp } from './testApp.js';

/** startTestApp env for distribution mode (no bot token of its own). */
export const DISTRIBUTION_ENV = {
  SLACK_BOT_TOKEN: '',
  SLACK_CLIENT_ID: '1111.2222',
  SLACK_CLIENT_SECRET: 'client-secret-0123456789',
  SLACK_STATE_SECRET: 'state-secret-0123456789abcdef',
};

/** Tells the fake Slack the app's credentials, as the app settings would. */
export function registerOAuthApp(app: TestApp): void {
  app.slack.oauthApp = { clientId: DISTRIBUTION_ENV.SLACK_CLIENT_ID, clientSecret: DISTRIBUTION_ENV.SLACK_CLIENT_SECRET };
}

const baseUrl = (app: TestApp) => `http://127.0.0.1:${app.rituals.port}`;

/** GET /slack/install as a browser: the "Add to Slack" page, the state cookie, the authorize URL. */
export async function beginInstall(app: TestApp) {
  const response = await fetch(`${baseUrl(app)}/slack/install`);
  const html = await response.text();
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  const href = /href="([^"]*oauth\/v2\/authorize[^"]*)"/.exec(html)?.[1] ?? '';
  const url = new URL(href.replace(/&amp;/g, '&'));
  return { status: response.status, html, cookie, url, state: url.searchParams.get('state') ?? '' };
}

/** Slack sends the browser back to the redirect URL with a code and the state. */
export async function finishInstall(app: TestApp, { cookie, state, code }: { cookie: string; state: string; code: string }) {
  const query = new URLSearchParams({ code, state });
  const response = await fetch(`${baseUrl(app)}/slack/oauth_redirect?${query}`, { headers: { cookie }, redirect: 'manual' });
  return { status: response.status, text: await response.text() };
}

/** A whole install: the person approves the scopes the authorize URL asks for. Throws unless it succeeded. */
export async function installThroughOAuth(app: TestApp, who: FakeInstall) {
  const begun = await beginInstall(app);
  const done = await finishInstall(app, { ...begun, code: app.slack.grantCode(who, begun.url.searchParams.get('scope') ?? '') });
  if (done.status !== 200) throw new Error(`install failed with ${done.status}: ${done.text}`);
  return begun;
}
