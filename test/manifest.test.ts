import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routesOf } from './helpers/routes.js';

const manifest = JSON.parse(readFileSync('manifest.json', 'utf8'));

describe('manifest.json', () => {

  it('declares every slash command the app registers', () => {
    const registered = routesOf('command');
    const declared = manifest.features.slash_commands.map((c: { command: string }) => c.command);
    expect(registered.length).toBeGreaterThanOrEqual(9);
    for (const command of registered) expect(declared).toContain(command);
  });

  it('declares every shortcut and event the app listens to', () => {
    const declared = manifest.features.shortcuts.map((s: { type: string; callback_id: string }) => `${s.type === 'message' ? 'message_action' : 'shortcut'}:${s.callback_id}`);
    const shortcuts = routesOf('shortcut');
    expect(shortcuts.length).toBe(2);
    for (const shortcut of shortcuts) expect(declared).toContain(shortcut);
    const events = routesOf('event');
    expect(events.length).toBe(3);
    for (const event of events) expect(manifest.settings.event_subscriptions.bot_events).toContain(event);
  });

  it('keeps within Slack manifest limits', () => {
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifest.features.slash_commands.length).toBeLessThanOrEqual(50);
    expect(manifest.features.shortcuts.length).toBeLessThanOrEqual(10);
    for (const c of manifest.features.slash_commands) expect(c.command.length).toBeLessThanOrEqual(32);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
