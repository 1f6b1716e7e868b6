/** Sends Bolt correctly signed (v0 HMAC) requests shaped like Slack's real payloads. */
import { createHmac } from 'node:crypto';
import type { FakeTriggers } from './fakeTriggers.js';
import type { FakeViews } from './fakeViews.js';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789';

export interface SlackResponse {
  status: number;
  text: string;
  json: any;
}

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface ViewValues {
  [blockId: string]: { [actionId: string]: Record<string, unknown> };
}

/** View state values: text inputs as { type, value }, selects as { type, selected_option }. */
export const textValue = (value: string | null) => ({ type: 'plain_text_input', value });
export const selectValue = (value: string | null) => ({
  type: 'static_select',
  selected_option: value === null ? null : { text: { type: 'plain_text', text: value }, value },
});
export const usersValue = (ids: string[]) => ({ type: 'multi_users_select', selected_users: ids });
export const userValue = (id: string | null) => ({ type: 'users_select', selected_user: id });
export const channelValue = (id: string | null) => ({ type: 'conversations_select', selected_conversation: id });
export const checkboxesValue = (values: string[]) => ({
  type: 'checkboxes',
  selected_options: values.map((value) => ({ text: { type: 'plain_text', text: value }, value })),
});

/**
 * The fake Slack's side of what the client sends (a FakeSlack has both). views: a submission or
 * block_actions carries what Slack would send, the view's current blocks and whole state (kept
 * across updates) with what the test typed on top, and the app's ack ("update", "push", "clear")
 * changes the views as in Slack. triggers: every trigger_id the client sends is issued then, so
 * the fake refuses views.open with it once it is 3 s old, spent, or was never sent.
 */
export interface SlackSide {
  views?: FakeViews;
  triggers?: FakeTriggers;
}

/** The trigger_id a request body carries: a slash command's field, or an interaction payload's. */
function triggerIdOf(body: string, contentType: string): string | null {
  if (!contentType.startsWith('application/x-www-form-urlencoded')) return null;
  const form = new URLSearchParams(body);
  const direct = form.get('trigger_id');
  if (direct) return direct;
  try {
    const payload = JSON.parse(form.get('payload') ?? 'null') as { trigger_id?: unknown } | null;
    return typeof payload?.trigger_id === 'string' && payload.trigger_id ? payload.trigger_id : null;
  } catch {
    return null;
  }
}

export class SignedSlackClient {
  private eventCounter = 0;
  private triggerCounter = 0;

  constructor(
    readonly baseUrl: string,
    readonly secret: string = TEST_SIGNING_SECRET,
    readonly teamId = 'T1',
    /** Where response_url points (the fake Slack records what is posted there). */
    readonly slackUrl: string = baseUrl,
    /** The fake Slack's open views and trigger_ids (pass the FakeSlack itself for both). */
    readonly slack: SlackSide = {},
  ) {}

  private get views(): FakeViews | undefined {
    return this.slack.views;
  }

  responseUrl(): string {
    return `${this.slackUrl}/response/${Math.random().toString(36).slice(2)}`;
  }

  /** POSTs a raw body with a fresh signature (or the given one). */
  async post(
    body: string,
    {
      contentType = 'application/x-www-form-urlencoded',
      timestamp = Math.floor(Date.now() / 1000),
      sign = true,
      headers = {},
      path = '/slack/events',
    }: { contentType?: string; timestamp?: number; sign?: boolean; headers?: Record<string, string>; path?: string } = {},
  ): Promise<SlackResponse> {
    const triggerId = this.slack.triggers ? triggerIdOf(body, contentType) : null;
    if (triggerId) this.slack.triggers!.issue(triggerId);
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        ...(sign ? { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature(this.secret, timestamp, body) } : {}),
        ...headers,
      },
      body,
    });
    const text = await response.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: response.status, text, json };
  }

  /** A fresh trigger_id, issued when a request carrying it is sent. */
  nextTriggerId(): string {
    this.triggerCounter += 1;
    // Unique across clients too: a second client of the same fake must not send a spent one.
    return `trigger.${this.triggerCounter}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}`;
  }

  command(
    command: string,
    text: string,
    {
      user = 'U_ALICE',
      channel = 'C_TEAM',
      team = this.teamId,
      triggerId = this.nextTriggerId(),
      responseUrl = this.responseUrl(),
    }: {
      user?: string;
      channel?: string;
      team?: string;
      triggerId?: string /** e.g. FakeSlack.responseUrl() to record respond() calls. */;
      responseUrl?: string;
    } = {},
  ): Promise<SlackResponse> {
    const form = new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: team,
      team_domain: 'example',
      channel_id: channel,
      channel_name: 'team',
      user_id: user,
      user_name: user.toLowerCase(),
      command,
      text,
      api_app_id: 'A1',
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    });
    return this.post(form.toString());
  }

  interaction(payload: Record<string, unknown>): Promise<SlackResponse> {
    return this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  }

  /**
   * Submits a view. values is what the person typed or picked now; with the fake's views, the
   * submission also carries everything the view already held (as Slack sends it), and the app's
   * ack is applied to the person's views: an "update" keeps input whose ids did not change, and
   * the returned view gets Slack's id so the next submission of it finds it.
   */
  async viewSubmission(
    view: { callback_id: string; private_metadata?: string; id?: string; hash?: string; blocks?: unknown[] },
    values: ViewValues,
    {
      user = 'U_ALICE',
      team = this.teamId,
      asIs = false,
    }: {
      user?: string;
      team?: string;
      /** Sends view and values exactly as given, past the fake's views: a forged payload Slack never produced. */
      asIs?: boolean;
    } = {},
  ): Promise<SlackResponse> {
    const known = asIs ? undefined : this.views?.resolve(view);
    const open = asIs ? undefined : (known ?? this.views?.adopt(view, values as never, view.id));
    const state = known && this.views ? this.views.type(known.id, values as never) : values;
    const response = await this.interaction({
      type: 'view_submission',
      team: { id: team, domain: 'example' },
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: team },
      api_app_id: 'A1',
      token: 'legacy-verification-token',
      trigger_id: this.nextTriggerId(),
      view: {
        id: open?.id ?? view.id ?? `V${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
        team_id: team,
        type: 'modal',
        blocks: open?.view.blocks ?? view.blocks ?? [],
        // The test's own metadata wins: a forged one is the point of some tests.
        private_metadata: view.private_metadata ?? '',
        callback_id: view.callback_id,
        state: { values: state },
        hash: open?.hash ?? view.hash ?? 'h1',
        title: { type: 'plain_text', text: 'Modal' },
        app_id: 'A1',
        bot_id: 'BBOT',
      },
      response_urls: [],
    });
    if (open && this.views) this.applyAck(open.id, response);
    return response;
  }

  /** What Slack does with a view_submission's ack: keep the view (errors), replace it, push one, or close. */
  private applyAck(viewId: string, response: SlackResponse): void {
    const views = this.views!;
    const ack = response.json as { response_action?: string; view?: Record<string, unknown> } | null;
    if (response.status !== 200) return;
    switch (ack?.response_action) {
      case 'errors':
        return;
      case 'update': {
        const shown = views.update(viewId, ack.view ?? {});
        response.json.view = { ...ack.view, id: shown.id, hash: shown.hash };
        return;
      }
      case 'push': {
        const shown = views.open(ack.view ?? {});
        response.json.view = { ...ack.view, id: shown.id, hash: shown.hash };
        return;
      }
      case 'clear':
        views.closeAll();
        return;
      default:
        views.close(viewId);
    }
  }

  blockAction(
    actions: { action_id: string; block_id?: string; value?: string; selected_option?: { value: string }; type?: string }[],
    {
      user = 'U_ALICE',
      team = this.teamId,
      view,
      channel,
      messageTs,
      message,
    }: { user?: string; team?: string; view?: Record<string, unknown>; channel?: string; messageTs?: string; message?: Record<string, unknown> } = {},
  ): Promise<SlackResponse> {
    // With the fake's views, the view carries its current blocks and whole state, with what the test typed on top.
    if (view && this.views) {
      const typed = (view.state as { values?: ViewValues } | undefined)?.values as never;
      const known = this.views.resolve(view);
      const open = known ?? this.views.adopt(view, typed, typeof view.id === 'string' ? view.id : undefined);
      const values = known ? this.views.type(known.id, typed) : open.values;
      view = { ...view, id: open.id, hash: open.hash, blocks: open.view.blocks, state: { values } };
    }
    return this.interaction({
      type: 'block_actions',
      team: { id: team, domain: 'example' },
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: team },
      api_app_id: 'A1',
      token: 'legacy-verification-token',
      trigger_id: this.nextTriggerId(),
      ...(view ? { view, container: { type: 'view', view_id: view.id } } : {}),
      ...(channel
        ? { channel: { id: channel, name: 'channel' }, container: { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: false } }
        : {}),
      ...(message ? { message } : messageTs ? { message: { ts: messageTs, type: 'message', text: '' } } : {}),
      // Only buttons in messages come with a response_url; those in modals and the App Home don't.
      ...(channel ? { response_url: this.responseUrl() } : {}),
      actions: actions.map((action) => ({
        type: action.type ?? (action.selected_option ? 'static_select' : 'button'),
        block_id: action.block_id ?? 'b',
        action_ts: `${Date.now() / 1000}`,
        ...action,
      })),
    });
  }

  messageShortcut(
    callbackId: string,
    message: { ts: string; text: string; user?: string; thread_ts?: string },
    { user = 'U_ALICE', channel = 'C_TEAM', team = this.teamId }: { user?: string; channel?: string; team?: string } = {},
  ): Promise<SlackResponse> {
    return this.interaction({
      type: 'message_action',
      callback_id: callbackId,
      trigger_id: this.nextTriggerId(),
      message_ts: message.ts,
      response_url: this.responseUrl(),
      team: { id: team, domain: 'example' },
      channel: { id: channel, name: 'team' },
      user: { id: user, name: user.toLowerCase(), team_id: team },
      message: { type: 'message', ...message },
      token: 'legacy-verification-token',
      action_ts: `${Date.now() / 1000}`,
    });
  }

  /** An Events API delivery; pass the same eventId and a retryNum to imitate Slack's retries. */
  event(
    event: Record<string, unknown>,
    { eventId, retryNum, team = this.teamId }: { eventId?: string; retryNum?: number; team?: string } = {},
  ): Promise<SlackResponse> {
    this.eventCounter += 1;
    const body = JSON.stringify({
      token: 'legacy-verification-token',
      team_id: team,
      api_app_id: 'A1',
      event: { event_ts: `${Date.now() / 1000}`, ...event },
      type: 'event_callback',
      event_id: eventId ?? `Ev${this.eventCounter}${Date.now()}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: team, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    });
    return this.post(body, {
      contentType: 'application/json',
      headers: retryNum ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' } : {},
    });
  }
}
