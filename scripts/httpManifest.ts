/**
 * manifest.json (Socket Mode) is the one source of truth for commands, shortcuts, events and scopes;
 * the HTTP-mode manifest is derived from it, so the two cannot drift apart.
 */

/** The host the README tells operators to replace with their own public HTTPS host. */
export const PLACEHOLDER_HOST = 'https://rituals.example.com';

/** Where Bolt's HTTPReceiver takes slash commands, interactivity and events (its default path). */
export const EVENTS_PATH = '/slack/events';

/** Where Bolt's built-in OAuth takes the browser back after "Add to Slack" (distribution mode). */
export const OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

/** What tells distribution mode that a workspace removed the app: its jobs stop and its tokens are deleted. */
export const LIFECYCLE_EVENTS = ['app_uninstalled', 'tokens_revoked'];

// biome-ignore lint/suspicious/noExplicitAny: Slack's manifest is free-form JSON, passed through except for the few keys set here.
type Json = Record<string, any>;

/**
 * The HTTP-mode manifest: Socket Mode off, every request URL on `host` + /slack/events, and what
 * distribution mode ("Add to Slack") needs: the OAuth redirect URL and the uninstall events.
 * token_rotation_enabled stays as manifest.json has it (false): Slack cannot turn it off again, and
 * a single-workspace SLACK_BOT_TOKEN cannot be refreshed; the README says when to turn it on.
 */
export function httpManifest(socketManifest: Json, host = PLACEHOLDER_HOST): Json {
  const manifest: Json = structuredClone(socketManifest);
  const requestUrl = `${host}${EVENTS_PATH}`;
  // The URL goes right after the name it belongs to, so the file reads well in a diff.
  if (manifest.features?.slash_commands) {
    manifest.features.slash_commands = manifest.features.slash_commands.map(({ command, ...rest }: Json) => ({ command, url: requestUrl, ...rest }));
  }
  manifest.settings ??= {};
  const { event_subscriptions: events, interactivity } = manifest.settings;
  if (events) {
    const botEvents: string[] = [...(events.bot_events ?? [])];
    for (const event of LIFECYCLE_EVENTS) if (!botEvents.includes(event)) botEvents.push(event);
    manifest.settings.event_subscriptions = { request_url: requestUrl, ...events, bot_events: botEvents };
  }
  manifest.oauth_config = { redirect_urls: [`${host}${OAUTH_REDIRECT_PATH}`], ...manifest.oauth_config };
  manifest.settings.token_rotation_enabled = Boolean(manifest.settings.token_rotation_enabled);
  if (interactivity?.is_enabled) manifest.settings.interactivity = { is_enabled: true, request_url: requestUrl, ...interactivity };
  manifest.settings.socket_mode_enabled = false;
  return manifest;
}

/** The file text the project commits: two-space JSON with a final newline, like manifest.json. */
export function manifestText(manifest: Json): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
