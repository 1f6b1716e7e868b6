import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SlackCallOutcome } from '../../src/ops/metrics.js';
import { createSlackTransport, type SlackTransport } from '../../src/slack/transport.js';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

let server: Server | undefined;
let transport: SlackTransport | undefined;
let connections = 0;

async function serve(handler: Handler): Promise<string> {
  connections = 0;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => handler(req, body, res));
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await transport?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
  transport = undefined;
});

describe('the Slack transport', () => {
  it('sends the request as given and answers like fetch', async () => {
    const base = await serve((req, body, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('X-OAuth-Scopes', 'chat:write, commands');
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.end(JSON.stringify({ ok: true, method: req.method, auth: req.headers.authorization, body }));
    });
    transport = createSlackTransport();
    const response = await transport.fetch(`${base}/api/chat.postMessage`, {
      method: 'POST',
      headers: { Authorization: 'Bearer xoxb-1', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'channel=C1&text=hi%20there',
    });
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.statusText).toBe('OK');
    expect(response.url).toBe(`${base}/api/chat.postMessage`);
    expect(response.headers.get('x-oauth-scopes')).toBe('chat:write, commands');
    expect(response.headers.get('X-OAUTH-SCOPES')).toBe('chat:write, commands');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(response.headers.get('retry-after')).toBeNull();
    expect(Object.fromEntries(response.headers.entries())['content-type']).toBe('application/json');
    expect(await response.json()).toEqual({ ok: true, method: 'POST', auth: 'Bearer xoxb-1', body: 'channel=C1&text=hi%20there' });
  });

  it('keeps connections alive across calls, even when a 429 body is never read', async () => {
    let calls = 0;
    const base = await serve((_req, _body, res) => {
      calls += 1;
      if (calls % 2 === 0) {
        res.writeHead(429, { 'Retry-After': '1' });
        res.end('rate limited, with a body nobody reads');
        return;
      }
      res.end('{"ok":true}');
    });
    transport = createSlackTransport();
    for (let i = 0; i < 40; i += 1) {
      const response = await transport.fetch(`${base}/api/x`, { method: 'POST', body: 'a=1' });
      if (response.status === 429) expect(response.headers.get('retry-after')).toBe('1');
      else expect(await response.text()).toBe('{"ok":true}');
    }
    expect(calls).toBe(40);
    // undici may open a second socket while the first is being released; never one a call.
    expect(connections).toBeLessThanOrEqual(2);
  });

  it('gives up on a server that never answers, even when the caller passes no signal', async () => {
    const base = await serve(() => undefined);
    transport = createSlackTransport({ timeoutMs: 200 });
    const started = Date.now();
    await expect(transport.fetch(`${base}/hook`, { method: 'POST', body: '{}' })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("honours the caller's abort signal", async () => {
    const base = await serve(() => undefined);
    transport = createSlackTransport({ timeoutMs: 10_000 });
    await expect(transport.fetch(`${base}/api/x`, { method: 'POST', body: 'a=1', signal: AbortSignal.timeout(100) })).rejects.toThrow();
  });

  it('sends file uploads (FormData) as multipart', async () => {
    const base = await serve((req, body, res) => res.end(JSON.stringify({ type: req.headers['content-type'], body })));
    transport = createSlackTransport();
    const form = new FormData();
    form.append('filename', 'chart.png');
    form.append('file', new Blob([Buffer.from('PNGDATA')]), 'chart.png');
    const response = await transport.fetch(`${base}/upload`, { method: 'POST', body: form });
    const echoed = (await response.json()) as { type: string; body: string };
    expect(echoed.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(echoed.body).toContain('PNGDATA');
    expect(echoed.body).toContain('name="filename"');
  });

  it("tells onCall about every call: the method, the status, Slack's error code, or why it failed", async () => {
    const base = await serve((req, _body, res) => {
      if (req.url === '/api/chat.postMessage') res.end(JSON.stringify({ ok: false, error: 'channel_not_found' }));
      else if (req.url === '/api/views.open') res.writeHead(429, { 'retry-after': '3' }).end('{"ok":false,"error":"ratelimited"}');
      else if (req.url?.startsWith('/api/')) res.end(JSON.stringify({ ok: true, text: '"ok":false' }));
      else res.end('ok');
    });
    const calls: SlackCallOutcome[] = [];
    transport = createSlackTransport({ apiUrl: `${base}/api/`, onCall: (call) => calls.push(call) });
    for (const path of ['/api/chat.postMessage', '/api/views.open', '/api/users.info?user=U1', '/hooks/response/abc']) {
      await transport.fetch(`${base}${path}`, { method: 'POST', body: 'x=1' });
    }
    await transport.fetch('http://127.0.0.1:1/api/auth.test', { method: 'POST', body: '' }).catch(() => undefined);
    expect(calls).toEqual([
      { method: 'chat.postMessage', status: 200, slackError: 'channel_not_found' },
      { method: 'views.open', status: 429, slackError: null },
      { method: 'users.info', status: 200, slackError: null },
      { method: 'response_url', status: 200, slackError: null },
      { method: 'response_url', failure: 'network' },
    ]);
  });
});
