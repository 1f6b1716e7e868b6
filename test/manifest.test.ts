import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { httpManifest, manifestText, PLACEHOLDER_HOST } from '../scripts/httpManifest.js';
import { routesOf } from './helpers/routes.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const readJson = (path: string) => JSON.parse(readFileSync(`${root}${path}`, 'utf8'));
const manifest = readJson('manifest.json');
const httpManifestFile = readJson('manifest.http.json');

/** Slack's published schema (shared/, beside the repository here and in CI): the rules applied on paste. */
function manifestValidator() {
  // strictTypes off: Slack's schema puts minItems on a string (an oauth2 provider's scope items); it constrains nothing.
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  formats.default(ajv);
  // Slack's schema uses two keywords of its own: `_note` is a comment; `regex` is a pattern check
  // (display_information.background_color), so enforce it rather than skip it.
  ajv.addKeyword({ keyword: '_note' });
  ajv.addKeyword({ keyword: 'regex', type: 'string', schemaType: 'string', validate: (pattern: string, value: string) => new RegExp(pattern).test(value) });
  return ajv.compile(readJson('test/fixtures/slack-manifest-schema/manifest.schema.1.0.0.json'));
}

describe('manifest.json', () => {
  const validate = manifestValidator();

  it.each([
    ['manifest.json', manifest],
    ['manifest.http.json', httpManifestFile],
  ])('%s passes the schema Slack validates a pasted manifest against', (_name, candidate) => {
    expect(validate(candidate) ? [] : validate.errors).toEqual([]);
  });

  it('the schema check catches what Slack refuses (an empty usage_hint, a bad colour)', () => {
    const broken = structuredClone(manifest);
    broken.features.slash_commands[0].usage_hint = '';
    broken.display_information.background_color = '#2c2d3g';
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((error) => error.instancePath)).toEqual(['/display_information/background_color', '/features/slash_commands/0/usage_hint']);
  });

  it('manifest.http.json is manifest.json for HTTP mode, up to date (else run `npm run manifest`)', () => {
    expect(readFileSync(`${root}manifest.http.json`, 'utf8')).toBe(manifestText(httpManifest(manifest)));
    expect(httpManifestFile.settings.socket_mode_enabled).toBe(false);
    const url = `${PLACEHOLDER_HOST}/slack/events`;
    expect(httpManifestFile.settings.interactivity.request_url).toBe(url);
    expect(httpManifestFile.settings.event_subscriptions.request_url).toBe(url);
    for (const command of httpManifestFile.features.slash_commands) expect(command.url).toBe(url);
  });

  it('keeps the Messages tab read-only: the bot DMs people but does not handle messages sent to it', () => {
    // Standup prompts, receipts and outcomes arrive in the Messages tab, so it stays visible.
    expect(manifest.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true });
    // The shadow-backlog watch reads channel messages (message.channels, message.groups), never DMs to the bot.
    expect(manifest.settings.event_subscriptions.bot_events).not.toContain('message.im');
    expect(manifest.settings.event_subscriptions.bot_events).not.toContain('message.mpim');
  });

  it('declares every slash command the app registers, and no other', () => {
    const registered = routesOf('command');
    const declared = manifest.features.slash_commands.map((c: { command: string }) => c.command);
    expect(registered.length).toBeGreaterThanOrEqual(9);
    expect([...declared].sort()).toEqual([...registered].sort());
  });

  it('declares every shortcut and event the app listens to', () => {
    const declared = manifest.features.shortcuts.map(
      (s: { type: string; callback_id: string }) => `${s.type === 'message' ? 'message_action' : 'shortcut'}:${s.callback_id}`,
    );
    const shortcuts = routesOf('shortcut');
    expect(shortcuts.length).toBe(2);
    for (const shortcut of shortcuts) expect(declared).toContain(shortcut);
    const events = routesOf('event');
    expect(events.length).toBe(4);
    // The message event is subscribed per conversation kind: message.channels (public), message.groups (private).
    const subscriptions: Record<string, string[]> = { message: ['message.channels', 'message.groups'] };
    for (const event of events) {
      for (const subscription of subscriptions[event] ?? [event]) expect(manifest.settings.event_subscriptions.bot_events).toContain(subscription);
    }
  });

  it('has the scopes the shadow-backlog watch reads messages with', () => {
    const scopes = manifest.oauth_config.scopes.bot;
    expect(scopes).toContain('channels:history');
    expect(scopes).toContain('groups:history');
    expect(scopes).toContain('channels:read');
    expect(scopes).toContain('groups:read');
  });

  it('keeps within Slack manifest limits and defaults to Socket Mode', () => {
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
