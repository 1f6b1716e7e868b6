/**
 * Health and metrics over HTTP: /livez (the process answers), /readyz (it can do its work: database
 * answering, Slack connection up, not stopping), /healthz (readiness, answered as it always was:
 * {"ok":true} 200 or {"ok":false} 503) and /metrics (Prometheus). In HTTP mode these are Bolt custom
 * routes on PORT, answered before any signature check and never routed as Slack requests; in either
 * mode HEALTH_PORT serves them from a small server of their own.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomRoute } from '@slack/bolt';
import type { AppMetrics } from './metrics.js';

export const OPS_PATHS = ['/healthz', '/livez', '/readyz', '/metrics'] as const;

export interface Readiness {
  ok: boolean;
  /** Each check's state, e.g. { database: 'ok', slack: 'connected', lifecycle: 'running' }. */
  checks: Record<string, string>;
}

export interface OpsRoutes {
  /** Answers an ops request; false when the path is not one of ours. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** The same routes as Bolt custom routes (HTTP mode, on PORT). */
  customRoutes(): CustomRoute[];
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export function createOpsRoutes({
  readiness,
  metrics,
  startedAt = Date.now(),
}: {
  readiness: () => Readiness;
  metrics: AppMetrics;
  startedAt?: number;
}): OpsRoutes {
  const routes: Record<(typeof OPS_PATHS)[number], (res: ServerResponse) => void> = {
    '/healthz': (res) => {
      const { ok } = readiness();
      sendJson(res, ok ? 200 : 503, { ok });
    },
    '/readyz': (res) => {
      const state = readiness();
      sendJson(res, state.ok ? 200 : 503, state);
    },
    // Answering at all proves the event loop turns; a stuck loop answers nothing and the probe times out.
    '/livez': (res) => sendJson(res, 200, { ok: true, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) }),
    '/metrics': (res) => {
      // Both outcomes answer the request in the handlers below; the route itself returns nothing to wait on.
      void metrics.render().then(
        ({ contentType, body }) => {
          res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
          res.end(body);
        },
        () => sendJson(res, 500, { ok: false, error: 'metrics could not be collected' }),
      );
    },
  };
  const pathOf = (req: IncomingMessage): string => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    return query < 0 ? url : url.slice(0, query);
  };
  return {
    handle(req, res) {
      const route = routes[pathOf(req) as keyof typeof routes];
      if (!route) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' });
        res.end();
        return true;
      }
      route(res);
      return true;
    },
    customRoutes: () => OPS_PATHS.map((path) => ({ path, method: ['GET'], handler: (_req, res) => routes[path](res) })),
  };
}

export interface OpsServer {
  port: number;
  address: string;
  close(): Promise<void>;
}

/** Serves the ops routes on their own port (HEALTH_PORT); anything else is a 404. */
export async function startOpsServer(routes: OpsRoutes, port: number): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    if (routes.handle(req, res)) return;
    sendJson(res, 404, { ok: false, error: 'not found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    port: address.port,
    address: formatAddress(address),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** host:port, with IPv6 hosts in brackets ("[::]:3000", "0.0.0.0:9090"). */
export function formatAddress({ address, port }: AddressInfo): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
