/**
 * Guards in front of Bolt for bodies Bolt 5.1 cannot survive. Its HTTPReceiver reads
 * `body.ssl_check` outside any try on whatever JSON a signed request carries, so a JSON body (or a
 * form `payload=`) of `null` throws an unhandled rejection and the process exits; the Socket Mode
 * client likewise reads `event.type` / `event.payload.event.type` off each WebSocket message.
 * Slack only ever sends JSON objects there: anything else is answered 400 (HTTP) or dropped.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, defaultBodyLimit, isRawBodyError } from '@slack/bolt';
import type { AppLogger } from '../logger.js';

const isJsonObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether Bolt's own parse of this request body yields something other than an object. Bodies
 * that do not parse at all are left to Bolt, which checks the signature and then answers 400.
 */
export function isNonObjectBody(rawBody: Buffer, contentType: string | undefined): boolean {
  let parsed: unknown;
  try {
    parsed = HTTPModuleFunctions.parseHTTPRequestBody({ rawBody, headers: { 'content-type': contentType } } as never);
  } catch {
    return false;
  }
  return !isJsonObject(parsed);
}

/** Wraps HTTPReceiver's request listener: POSTs to the events path are buffered and checked first. */
export function guardHttpRequests(boltListener: RequestListener, { logger, path = '/slack/events' }: { logger: AppLogger; path?: string }): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (req.method?.toUpperCase() !== 'POST' || pathname !== path) {
      boltListener(req, res);
      return;
    }
    // Fire and forget: both outcomes are handled below and answer the request themselves.
    void HTTPModuleFunctions.bufferIncomingMessage(req, defaultBodyLimit).then(
      (buffered) => {
        if (isNonObjectBody(buffered.rawBody, req.headers['content-type'])) {
          logger.warn('Refused a request whose body is JSON but not an object (Slack never sends one)');
          res.writeHead(400);
          res.end();
          return;
        }
        // Bolt reuses the buffered body (it checks for rawBody) and verifies the signature as usual.
        boltListener(buffered, res);
      },
      (error: unknown) => {
        const tooLarge =
          isRawBodyError(error) && ((error as { statusCode?: number }).statusCode === 413 || (error as { type?: string }).type === 'entity.too.large');
        logger.warn(
          tooLarge ? `Request body exceeded the maximum allowed size (limit: ${defaultBodyLimit} bytes)` : `Could not read the request body: ${String(error)}`,
        );
        res.writeHead(tooLarge ? 413 : 400);
        res.end();
      },
    );
  };
}

/** Whether a Socket Mode message is an envelope the client can read without throwing. */
export function isReadableEnvelope(data: unknown, isBinary: boolean): boolean {
  // Binary frames are ignored by the client itself.
  if (isBinary) return true;
  const text =
    typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('utf8') : data instanceof ArrayBuffer ? Buffer.from(data).toString('utf8') : null;
  if (text === null) return false;
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    // The client logs and ignores what does not parse.
    return true;
  }
  if (!isJsonObject(envelope)) return false;
  if (envelope.type === 'hello' || envelope.type === 'disconnect') return true;
  if (!isJsonObject(envelope.payload)) return false;
  return envelope.type !== 'events_api' || isJsonObject(envelope.payload.event);
}

/** Puts a check in front of the Socket Mode client's message handler; unreadable envelopes are dropped. */
/** The emitter side of the Socket Mode client (eventemitter3, not Node's EventEmitter). */
interface MessageEmitter {
  listeners(event: 'ws_message'): ((...args: never[]) => unknown)[];
  removeAllListeners(event: 'ws_message'): unknown;
  on(event: 'ws_message', handler: (data: unknown, isBinary: boolean) => void): unknown;
}

export function guardSocketMessages(client: MessageEmitter, logger: AppLogger): void {
  const handlers = client.listeners('ws_message') as ((data: unknown, isBinary: boolean) => unknown)[];
  client.removeAllListeners('ws_message');
  client.on('ws_message', (data: unknown, isBinary: boolean) => {
    if (!isReadableEnvelope(data, isBinary)) {
      logger.warn('Dropped a Socket Mode message that is not a Slack envelope object');
      return;
    }
    for (const handler of handlers) {
      // The client's handler is async: a rejection there would be unhandled and end the process.
      void Promise.resolve(handler.call(client, data, isBinary)).catch((error: unknown) => logger.error('Socket Mode message handling failed', error));
    }
  });
}
