/**
 * manifest.json (Socket Mode) is the one source of truth for commands, shortcuts, events and scopes;
 * the HTTP-mode manifest is derived from it, so the two cannot drift apart.
 */

/** The host the README tells operators to replace with their own public HTTPS host. */
export const PLACEHOLDER_HOST = 'https://rituals.example.com';

/** Where Bolt's HTTPReceiver takes slash commands, interactivity and events (its default path). */
export const EVENTS_PATH = '/slack/events';

type Json = Record<string, any>;

/** The HTTP-mode manifest: Socket Mode off, every request URL on `host` + /slack/events. */
export function httpManifest(socketManifest: Json, host = PLACEHOLDER_HOST): Json {
  const manifest: Json = structuredClone(socketManifest);
  const requestUrl = `${host}${EVENTS_PATH}`;
  // The URL goes right after the name it belongs to, so the file reads well in a diff.
  if (manifest.features?.slash_commands) {
    manifest.features.slash_commands = manifest.features.slash_commands.map(({ command, ...rest }: Json) => ({ command, url: requestUrl, ...rest }));
  }
  manifest.settings ??= {};
  const { event_subscriptions: events, interactivity } = manifest.settings;
  if (events) manifest.settings.event_subscriptions = { request_url: requestUrl, ...events };
  if (interactivity?.is_enabled) manifest.settings.interactivity = { is_enabled: true, request_url: requestUrl, ...interactivity };
  manifest.settings.socket_mode_enabled = false;
  return manifest;
}

/** The file text the project commits: two-space JSON with a final newline, like manifest.json. */
export function manifestText(manifest: Json): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
