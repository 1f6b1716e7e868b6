/**
 * A fake Slack Web API on 127.0.0.1: records every call, answers like Slack (ok/error shapes),
 * checks Block Kit limits, and injects faults (429 + Retry-After, 5xx, timeouts, ok:false).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blockProblems, viewProblems } from './blockKitLimits.js';
import { FakeTriggers } from './fakeTriggers.js';
import { FakeViews } from './fakeViews.js';

export interface RecordedCall {
  method: string;
  args: Record<string, any>;
  at: number;
  /** What the fake answered (ok:false included). */
  response: Record<string, any>;
  status: number;
  /** The token the call was made with (Authorization header or token argument), if any. */
  token?: string;
}

/** A workspace (or, org-wide, an Enterprise Grid organisation) that installs the app through OAuth. */
export interface FakeInstall {
  /** The workspace; omit for an org-wide install. */
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
  botUserId: string;
  botId: string;
  installerUserId: string;
  /** Token rotation on: the access token expires after this many seconds (and refreshes get refreshedExpiresIn). */
  rotation?: { expiresIn: number; refreshedExpiresIn?: number };
}

/** What a bot token stands for (auth.test answers with it). */
interface TokenOwner {
  install: FakeInstall;
  /** Epoch ms after which a rotating token is refused (token_expired). */
  expiresAt?: number;
}

export interface SlackUserFixture {
  id: string;
  tz?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  real_name?: string;
}

export interface StoredMessage {
  ts: string;
  user?: string;
  text: string;
  thread_ts?: string;
  bot_id?: string;
}

export type Fault =
  | { kind: 'http'; status: number; retryAfter?: number }
  | { kind: 'error'; error: string }
  | { kind: 'hang'; ms: number }
  /** Answers normally, but only after ms: a slow call that still succeeds (reorders concurrent calls). */
  | { kind: 'delay'; ms: number };

export interface Upload {
  fileId: string;
  filename: string;
  length: number;
  bytes: Buffer;
  contentType: string;
  /** The screen-reader description sent with files.getUploadURLExternal. */
  altText: string | null;
}

/** Slack's limit for an image description (files.getUploadURLExternal: alt_txt_too_large). */
const ALT_TEXT_MAX = 1000;
const IMAGE_FILE = /\.(png|jpe?g|gif|webp)$/i;
/** The methods that spend a trigger_id. */
const TRIGGERED = new Set(['views.open', 'views.push']);

type Handler = (args: Record<string, any>, fake: FakeSlack) => Record<string, any>;

function parseValue(value: string): unknown {
  const trimmed = value.trim();
  if ((trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']'))) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return value;
    }
  }
  return value;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Pulls the "file"/"body" part's bytes out of a multipart upload (enough for our tests). */
function multipartFile(body: Buffer, contentType: string): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) return body;
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const start = body.indexOf(marker);
  const headerEnd = body.indexOf(Buffer.from('\r\n\r\n'), start);
  const next = body.indexOf(marker, headerEnd);
  if (start < 0 || headerEnd < 0 || next < 0) return body;
  return body.subarray(headerEnd + 4, next - 2);
}

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly uploads: Upload[] = [];
  readonly users = new Map<string, SlackUserFixture>();
  /** Messages by channel, for conversations.history/replies. */
  readonly messages = new Map<string, StoredMessage[]>();
  /** Channels the bot is not a member of (conversations.info is_member false; private ones: channel_not_found). */
  readonly notMemberOf = new Set<string>();
  /** The person's open modals and what is typed in them (kept across updates like Slack does). */
  readonly views = new FakeViews();
  /** The trigger_ids Slack sent the app (the signed client issues them): 3 s and one view each. */
  readonly triggers = new FakeTriggers();
  private readonly faults = new Map<string, Fault[]>();
  private readonly pending = new Map<string, number>();
  private chaos: { methods: Set<string>; rate: number; faults: Fault[]; random: () => number } | null = null;
  private readonly handlers = new Map<string, Handler>();
  private server: Server | null = null;
  private tsCounter = 1_700_000_000;
  private viewCounter = 0;
  private fileCounter = 0;
  private readonly pendingUploads = new Map<string, { filename: string; length: number; altText: string | null }>();
  url = '';
  botUserId = 'UBOT';
  teamId = 'T1';
  private readonly waiters: { check: () => boolean; resolve: () => void }[] = [];
  /** OAuth: the app's credentials oauth.v2.access checks, and what codes, tokens and refresh tokens stand for. */
  oauthApp = { clientId: '', clientSecret: '' };
  private readonly codes = new Map<string, { install: FakeInstall; scope: string }>();
  readonly tokens = new Map<string, TokenOwner>();
  private readonly refreshTokens = new Map<string, FakeInstall>();
  readonly revoked = new Set<string>();
  private tokenCounter = 0;

  /** An authorization code Slack would hand the redirect URL after a person approves the install's scopes (usable once). */
  grantCode(install: FakeInstall, scope = 'commands,chat:write'): string {
    this.tokenCounter += 1;
    const code = `code-${this.tokenCounter}-${install.teamId ?? install.enterpriseId}`;
    this.codes.set(code, { install, scope });
    return code;
  }

  /** Calls made with a token of this workspace (or org). */
  callsOf(owner: { teamId?: string; enterpriseId?: string }): RecordedCall[] {
    return this.calls.filter((call) => {
      const install = call.token ? this.tokens.get(call.token)?.install : undefined;
      return Boolean(install) && (owner.teamId ? install!.teamId === owner.teamId : install!.enterpriseId === owner.enterpriseId && !install!.teamId);
    });
  }

  private issueTokens(install: FakeInstall, expiresIn: number | undefined): { access_token: string; refresh_token?: string; expires_in?: number } {
    this.tokenCounter += 1;
    const owner = install.teamId ?? install.enterpriseId;
    if (!install.rotation || expiresIn === undefined) {
      const access = `xoxb-${owner}-${this.tokenCounter}-fake`;
      this.tokens.set(access, { install });
      return { access_token: access };
    }
    const access = `xoxe.xoxb-${owner}-${this.tokenCounter}-fake`;
    const refresh = `xoxe-1-${owner}-${this.tokenCounter}-refresh`;
    this.tokens.set(access, { install, expiresAt: Date.now() + expiresIn * 1000 });
    this.refreshTokens.set(refresh, install);
    return { access_token: access, refresh_token: refresh, expires_in: expiresIn };
  }

  /** oauth.v2.access: exchanges a code (install) or a refresh token (token rotation), as Slack does. */
  private oauthAccess(args: Record<string, any>): Record<string, any> {
    if (args.client_id !== this.oauthApp.clientId) return { ok: false, error: 'invalid_client_id' };
    if (args.client_secret !== this.oauthApp.clientSecret) return { ok: false, error: 'bad_client_secret' };
    if (args.grant_type === 'refresh_token') {
      const install = this.refreshTokens.get(String(args.refresh_token));
      if (!install) return { ok: false, error: 'invalid_refresh_token' };
      // A refresh token works once: a second refresh with it (a refresh storm) fails.
      this.refreshTokens.delete(String(args.refresh_token));
      const issued = this.issueTokens(install, install.rotation?.refreshedExpiresIn ?? 43_200);
      return { ok: true, token_type: 'bot', ...issued };
    }
    const granted = this.codes.get(String(args.code));
    if (!granted) return { ok: false, error: 'invalid_code' };
    this.codes.delete(String(args.code));
    const { install, scope } = granted;
    const issued = this.issueTokens(install, install.rotation?.expiresIn);
    return {
      ok: true,
      app_id: 'A1',
      authed_user: { id: install.installerUserId },
      scope,
      token_type: 'bot',
      bot_user_id: install.botUserId,
      team: install.teamId ? { id: install.teamId, name: `Workspace ${install.teamId}` } : null,
      enterprise: install.enterpriseId ? { id: install.enterpriseId, name: `Org ${install.enterpriseId}` } : null,
      is_enterprise_install: Boolean(install.isEnterpriseInstall),
      ...issued,
    };
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((error) => {
        res.writeHead(500);
        res.end(String(error));
      });
    });
    this.server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** The base URL for SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A response_url that records what the app sends to it (see calls with method 'response_url'). */
  responseUrl(id = 'cmd'): string {
    return `${this.url}/response/${id}`;
  }

  addUser(user: SlackUserFixture): this {
    this.users.set(user.id, user);
    return this;
  }

  addMessage(channel: string, message: StoredMessage): this {
    const list = this.messages.get(channel) ?? [];
    list.push(message);
    this.messages.set(channel, list);
    return this;
  }

  /** Overrides the answer of a method. */
  on(method: string, handler: Handler): this {
    this.handlers.set(method, handler);
    return this;
  }

  /** The next `times` calls of method fail this way. */
  fail(method: string, fault: Fault, times = 1): this {
    const list = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i += 1) list.push(fault);
    this.faults.set(method, list);
    return this;
  }

  clearFaults(): void {
    this.faults.clear();
    this.chaos = null;
  }

  /** From now on, each call to one of methods fails with probability rate, with one of faults (seeded). */
  chaosOn(methods: string[], { rate, faults, seed = 1 }: { rate: number; faults: Fault[]; seed?: number }): this {
    // mulberry32: a tiny seeded generator, so a failing run can be replayed.
    let state = seed >>> 0;
    const random = () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    this.chaos = { methods: new Set(methods), rate, faults, random };
    return this;
  }

  private nextFault(method: string): Fault | undefined {
    const queued = this.faults.get(method)?.shift();
    if (queued) return queued;
    const chaos = this.chaos;
    if (!chaos?.methods.has(method) || chaos.random() >= chaos.rate) return undefined;
    return chaos.faults[Math.floor(chaos.random() * chaos.faults.length)];
  }

  /** Calls of method received but not answered yet (e.g. held by a 'delay' or 'hang' fault). */
  inFlight(method: string): number {
    return this.pending.get(method) ?? 0;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Successful calls only. */
  sent(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method && call.status === 200 && call.response.ok);
  }

  reset(): void {
    this.calls.length = 0;
    this.pending.clear();
    this.uploads.length = 0;
    this.faults.clear();
  }

  /** Resolves when check() holds (re-checked after every call), or rejects after timeoutMs. */
  async waitUntil(check: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
    if (check()) return;
    await new Promise<void>((resolve, reject) => {
      const waiter = {
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`timed out waiting for ${what}; calls: ${this.calls.map((c) => c.method).join(', ')}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Waits for the n-th successful call to method and returns them all. */
  async waitFor(method: string, count = 1, timeoutMs = 5_000): Promise<RecordedCall[]> {
    await this.waitUntil(() => this.sent(method).length >= count, timeoutMs, `${count} x ${method}`);
    return this.sent(method);
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.check()) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  nextTs(): string {
    this.tsCounter += 1;
    return `${this.tsCounter}.000100`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A trigger_id's 3 s are over when Slack receives the call, however long a 'delay' fault holds the answer.
    const receivedAt = Date.now();
    const url = new URL(req.url ?? '/', this.url);
    const body = await readBody(req);
    if (url.pathname.startsWith('/response/')) {
      // A response_url: recorded as method 'response_url' with the JSON body as args.
      const args = JSON.parse(body.toString('utf8') || '{}') as Record<string, any>;
      this.calls.push({ method: 'response_url', args, at: Date.now(), response: { ok: true }, status: 200 });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
      this.notify();
      return;
    }
    if (url.pathname.startsWith('/upload/')) {
      this.receiveUpload(url.pathname.slice('/upload/'.length), body, String(req.headers['content-type'] ?? ''), res);
      return;
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const args: Record<string, any> = {};
    const contentType = String(req.headers['content-type'] ?? '');
    if (contentType.includes('application/json')) {
      Object.assign(args, JSON.parse(body.toString('utf8') || '{}'));
    } else {
      for (const [key, value] of new URLSearchParams(body.toString('utf8'))) args[key] = parseValue(value);
    }
    const settle = (delta: number) => this.pending.set(method, (this.pending.get(method) ?? 0) + delta);
    settle(1);
    this.notify();
    const fault = this.nextFault(method);
    const authorization = String(req.headers.authorization ?? '');
    const token = authorization.replace(/^Bearer\s+/, '') || String(args.token ?? '');
    const respond = (status: number, payload: Record<string, any>, headers: Record<string, string> = {}) => {
      settle(-1);
      this.calls.push({ method, args, at: Date.now(), response: payload, status, ...(token ? { token } : {}) });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
      this.notify();
    };
    if (fault?.kind === 'hang' || fault?.kind === 'delay') {
      await new Promise((resolve) => setTimeout(resolve, fault.ms));
      // A fully read request counts as destroyed, so only a closed response tells that a delayed caller gave up.
      if (fault.kind === 'hang' ? res.destroyed || req.destroyed : res.destroyed) {
        settle(-1);
        this.calls.push({ method, args, at: Date.now(), response: { ok: false, error: 'timeout' }, status: 0 });
        this.notify();
        return;
      }
    }
    if (fault?.kind === 'http') {
      respond(
        fault.status,
        { ok: false, error: fault.status === 429 ? 'ratelimited' : 'http_error' },
        fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {},
      );
      return;
    }
    if (fault?.kind === 'error') {
      respond(200, { ok: false, error: fault.error });
      return;
    }
    if (method === 'oauth.v2.access') {
      // Authenticated by the app's client id and secret, not a token.
      respond(200, this.oauthAccess(args));
      return;
    }
    // apps.connections.open takes the app-level token; every other method the bot token (rotating ones: xoxe.xoxb-).
    if (!(method === 'apps.connections.open' ? token.startsWith('xapp-') : token.startsWith('xoxb-') || token.startsWith('xoxe.xoxb-'))) {
      respond(200, { ok: false, error: 'not_authed' });
      return;
    }
    const owner = this.tokens.get(token);
    if (this.revoked.has(token)) {
      respond(200, { ok: false, error: 'token_revoked' });
      return;
    }
    if (owner?.expiresAt !== undefined && Date.now() > owner.expiresAt) {
      respond(200, { ok: false, error: 'token_expired' });
      return;
    }
    if (method === 'auth.test' && owner) {
      const { install } = owner;
      respond(200, {
        ok: true,
        url: `https://${(install.teamId ?? install.enterpriseId ?? 'example').toLowerCase()}.slack.com/`,
        team: `Workspace ${install.teamId ?? install.enterpriseId}`,
        user: 'rituals',
        team_id: install.teamId ?? install.enterpriseId,
        user_id: install.botUserId,
        bot_id: install.botId,
        ...(install.enterpriseId ? { enterprise_id: install.enterpriseId } : {}),
        is_enterprise_install: Boolean(install.isEnterpriseInstall),
      });
      return;
    }
    const triggerId = TRIGGERED.has(method) && typeof args.trigger_id === 'string' && args.trigger_id ? args.trigger_id : null;
    const refusal = triggerId ? this.triggers.refusal(triggerId, receivedAt) : null;
    if (refusal) {
      respond(200, { ok: false, error: refusal });
      return;
    }
    const handler = this.handlers.get(method) ?? this.defaultHandler(method);
    const answer = handler(args, this);
    if (triggerId && answer.ok) this.triggers.exchange(triggerId);
    respond(200, answer);
  }

  private receiveUpload(fileId: string, body: Buffer, contentType: string, res: ServerResponse): void {
    const pending = this.pendingUploads.get(fileId);
    const fault = this.nextFault('upload');
    const status = fault?.kind === 'http' ? fault.status : pending ? 200 : 404;
    if (status === 200 && pending) {
      this.uploads.push({
        fileId,
        filename: pending.filename,
        length: pending.length,
        bytes: multipartFile(body, contentType),
        contentType,
        altText: pending.altText,
      });
    }
    this.calls.push({ method: 'upload', args: { fileId, bytes: body.length }, at: Date.now(), response: { ok: status === 200 }, status });
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(status === 200 ? `OK - ${body.length}` : 'error');
    this.notify();
  }

  private defaultHandler(method: string): Handler {
    const invalid = (problems: string[]) => ({ ok: false, error: 'invalid_blocks', problems });
    switch (method) {
      case 'auth.test':
        return () => ({
          ok: true,
          url: 'https://example.slack.com/',
          team: 'Example',
          user: 'rituals',
          team_id: this.teamId,
          user_id: this.botUserId,
          bot_id: 'BBOT',
        });
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish':
        return (args) => {
          const problems = viewProblems(args.view);
          if (problems.length > 0) return invalid(problems);
          if (method !== 'views.publish' && !args.trigger_id && !args.view_id && !args.external_id) return { ok: false, error: 'invalid_arguments' };
          if (method === 'views.publish') {
            this.viewCounter += 1;
            return { ok: true, view: { ...(args.view as object), id: `VH${this.viewCounter}`, hash: `h${this.viewCounter}` } };
          }
          const shown = method === 'views.update' && typeof args.view_id === 'string' ? this.views.update(args.view_id, args.view) : this.views.open(args.view);
          return { ok: true, view: { ...shown.view, id: shown.id, hash: shown.hash, state: { values: shown.values } } };
        };
      case 'chat.postMessage':
        return (args) => {
          if (!args.channel) return { ok: false, error: 'channel_not_found' };
          if (!args.text && !args.blocks) return { ok: false, error: 'no_text' };
          const problems = blockProblems(args.blocks, 'message');
          if (problems.length > 0) return invalid(problems);
          const ts = this.nextTs();
          const channel = String(args.channel).startsWith('U') ? `D${String(args.channel).slice(1)}` : String(args.channel);
          this.addMessage(channel, { ts, text: String(args.text ?? ''), bot_id: 'BBOT', ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}) });
          return { ok: true, channel, ts, message: { text: args.text, ts } };
        };
      case 'chat.update':
        return (args) => {
          const problems = blockProblems(args.blocks, 'message');
          if (problems.length > 0) return invalid(problems);
          if (!args.ts) return { ok: false, error: 'message_not_found' };
          return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
        };
      case 'chat.postEphemeral':
        return (args) => {
          const problems = blockProblems(args.blocks, 'message');
          if (problems.length > 0) return invalid(problems);
          return { ok: true, message_ts: this.nextTs() };
        };
      case 'chat.getPermalink':
        return (args) => ({
          ok: true,
          channel: args.channel,
          permalink: `https://example.slack.com/archives/${String(args.channel)}/p${String(args.message_ts).replace('.', '')}`,
        });
      case 'conversations.history':
        return (args) => {
          const list = this.messages.get(String(args.channel)) ?? [];
          const found = list.filter((m) => !m.thread_ts || m.thread_ts === m.ts).filter((m) => !args.latest || m.ts === args.latest);
          return { ok: true, messages: found.slice(0, Number(args.limit ?? 100)), has_more: false };
        };
      case 'conversations.replies':
        return (args) => {
          const list = this.messages.get(String(args.channel)) ?? [];
          const target = list.find((m) => m.ts === args.ts);
          if (!target) return { ok: false, error: 'thread_not_found' };
          const root = target.thread_ts ?? target.ts;
          const thread = list.filter((m) => m.ts === root || m.thread_ts === root);
          const filtered = args.latest ? thread.filter((m) => m.ts === args.latest) : thread;
          return { ok: true, messages: filtered, has_more: false };
        };
      case 'conversations.info':
        return (args) => {
          const id = String(args.channel ?? '');
          if (!/^[CG][A-Z0-9_]+$/.test(id) || (id.startsWith('G') && this.notMemberOf.has(id))) return { ok: false, error: 'channel_not_found' };
          return { ok: true, channel: { id, is_channel: true, is_private: id.startsWith('G'), is_member: !this.notMemberOf.has(id) } };
        };
      case 'conversations.open':
        return (args) => ({ ok: true, channel: { id: `D${String(args.users ?? 'X').replace(/^U/, '')}` } });
      case 'users.info':
        return (args) => {
          const user = this.users.get(String(args.user));
          if (!user) return { ok: false, error: 'user_not_found' };
          return {
            ok: true,
            user: {
              id: user.id,
              name: user.id.toLowerCase(),
              real_name: user.real_name ?? user.id,
              tz: user.tz ?? 'UTC',
              is_admin: Boolean(user.is_admin),
              is_owner: Boolean(user.is_owner),
            },
          };
        };
      case 'files.getUploadURLExternal':
        return (args) => {
          // Slack's reference names the image description alt_txt (web-api's uploadV2 sends alt_text, which is not it).
          const altText = typeof args.alt_txt === 'string' ? args.alt_txt : null;
          if (altText !== null && Array.from(altText).length > ALT_TEXT_MAX) return { ok: false, error: 'alt_txt_too_large' };
          // Stricter than Slack on purpose: every image this app posts must be described for screen readers.
          if (IMAGE_FILE.test(String(args.filename)) && !altText?.trim()) return { ok: false, error: 'missing_alt_text' };
          this.fileCounter += 1;
          const fileId = `F${this.fileCounter}`;
          this.pendingUploads.set(fileId, { filename: String(args.filename), length: Number(args.length), altText });
          return { ok: true, upload_url: `${this.url}/upload/${fileId}`, file_id: fileId };
        };
      case 'files.completeUploadExternal':
        return (args) => {
          const files = (Array.isArray(args.files) ? args.files : []) as { id: string; title?: string }[];
          const missing = files.find((file) => !this.uploads.some((upload) => upload.fileId === file.id));
          if (missing) return { ok: false, error: 'file_not_found' };
          return { ok: true, files: files.map((file) => ({ id: file.id, title: file.title })) };
        };
      default:
        return () => ({ ok: true });
    }
  }
}

export async function startFakeSlack(): Promise<FakeSlack> {
  return new FakeSlack().start();
}
