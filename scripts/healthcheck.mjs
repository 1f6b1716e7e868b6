/**
 * The container health check: exits 0 when GET /healthz answers 200. It asks the port the bot serves
 * health on: HEALTH_PORT when set (Socket Mode serves no Slack HTTP port), else PORT (HTTP mode), else 3000.
 */
const port = process.env.HEALTH_PORT || process.env.PORT || '3000';
try {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4_000) });
  process.exit(response.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
