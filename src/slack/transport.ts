/**
 * The HTTP transport of every call to Slack: Web API methods, response_url replies (Bolt's
 * respond) and file uploads. @slack/web-api 8 and Bolt take a fetch-shaped function for exactly
 * this. Node 20's WHATWG fetch costs about 0.25 ms of CPU a call (web streams, transferable
 * signals); undici's request() does the same HTTP in about 0.05 ms, over kept-alive connections.
 * On two cores that difference was a quarter of the CPU of a /suggest.
 */
import { STATUS_CODES } from 'node:http';
import type { FetchFunction } from '@slack/web-api';
import { Agent, request } from 'undici';
import type { SlackCallOutcome } from '../ops/metrics.js';

type FetchRequestInit = NonNullable<Parameters<FetchFunction>[1]>;
type FetchResponse = Awaited<ReturnType<FetchFunction>>;

export interface SlackTransport {
  fetch: FetchFunction;
  /** Closes kept-alive connections (shutdown). */
  close(): Promise<void>;
}

type RawHeaders = Record<string, string | string[] | undefined>;

/** Fetch's Response, as much of it as web-api and Bolt read, over an already-read body. */
function responseOf(url: string, status: number, headers: RawHeaders, body: Buffer): FetchResponse {
  const header = (name: string): string | null => {
    const value = headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  };
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: STATUS_CODES[status] ?? '',
    url,
    headers: {
      get: header,
      entries: () => Object.keys(headers).flatMap((name) => (headers[name] === undefined ? [] : [[name, header(name)!] as [string, string]])),
    },
    arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
    json: async () => JSON.parse(body.toString('utf8')) as unknown,
    text: async () => body.toString('utf8'),
  };
}

const OK_FALSE = Buffer.from('"ok":false');

/**
 * Slack's error code when a body says ok:false. Slack writes "ok" first, so a look at the first
 * bytes decides, and only failures are parsed (web-api parses every body again anyway).
 */
export function slackErrorOf(body: Buffer): string | null {
  if (body.subarray(0, 24).indexOf(OK_FALSE) < 0) return null;
  try {
    const error = (JSON.parse(body.toString('utf8')) as { error?: unknown }).error;
    return typeof error === 'string' ? error : 'unknown';
  } catch {
    return 'unknown';
  }
}

function failureOf(error: unknown): 'timeout' | 'network' {
  const { name, code } = error as { name?: string; code?: string };
  return /timeout|abort/i.test(`${name ?? ''} ${code ?? ''}`) ? 'timeout' : 'network';
}

/**
 * `timeoutMs` bounds waiting for a response's headers and then its body; web-api also passes its
 * own signal, and Bolt's respond() passes none, so this is its only bound. `onCall` hears about
 * every call (metrics): the Web API method, or response_url / file_upload for the other two kinds.
 */
export function createSlackTransport({
  timeoutMs = 10_000,
  apiUrl = 'https://slack.com/api/',
  onCall,
}: {
  timeoutMs?: number;
  apiUrl?: string;
  onCall?: (call: SlackCallOutcome) => void;
} = {}): SlackTransport {
  // Idle sockets live as long as the server's Keep-Alive hint says (undici's default, 4 s without
  // one): a longer guess would send requests down sockets the other end already closed.
  const agent = new Agent({ headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const methodOf = (url: string): string => {
    if (!url.startsWith(apiUrl)) return 'response_url';
    const rest = url.slice(apiUrl.length);
    const query = rest.indexOf('?');
    return query < 0 ? rest : rest.slice(0, query);
  };
  const fetch: FetchFunction = async (input, init: FetchRequestInit = {}) => {
    // File uploads (a chart a day) send Node's own FormData, which only Node's own fetch encodes.
    if (init.body !== undefined && typeof init.body !== 'string') {
      try {
        const answer = await globalThis.fetch(input, init);
        onCall?.({ method: 'file_upload', status: answer.status, slackError: null });
        return answer;
      } catch (error) {
        onCall?.({ method: 'file_upload', failure: failureOf(error) });
        throw error;
      }
    }
    const url = String(input);
    let response;
    let body: Buffer;
    try {
      response = await request(url, {
        dispatcher: agent,
        method: (init.method ?? 'GET') as 'GET',
        ...(init.headers ? { headers: init.headers } : {}),
        ...(init.body !== undefined ? { body: init.body } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
      });
      // Read every body, even one nobody asks for (a 429), so the connection is free for reuse.
      body = Buffer.from(await response.body.arrayBuffer());
    } catch (error) {
      onCall?.({ method: methodOf(url), failure: failureOf(error) });
      throw error;
    }
    onCall?.({ method: methodOf(url), status: response.statusCode, slackError: response.statusCode === 200 ? slackErrorOf(body) : null });
    return responseOf(url, response.statusCode, response.headers, body);
  };
  return { fetch, close: () => agent.close() };
}
