import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync('manifest.json', 'utf8'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('manifest.json', () => {
  const ids = readFileSync('src/slack/ids.ts', 'utf8');
  const source = sourceFiles('src').map((file) => readFileSync(file, 'utf8')).join('\n');

  it('declares every slash command the app registers', () => {
    const registered = [...source.matchAll(/app\.command\(COMMANDS\.(\w+)/g)].map((m) => m[1]!);
    const commands = new Map([...ids.matchAll(/(\w+): '(\/[a-z-]+)'/g)].map((m) => [m[1]!, m[2]!]));
    const declared = manifest.features.slash_commands.map((c: { command: string }) => c.command);
    expect(registered.length).toBeGreaterThan(0);
    for (const key of registered) expect(declared).toContain(commands.get(key));
  });

  it('declares every shortcut and event the app listens to', () => {
    const shortcuts = manifest.features.shortcuts.map((s: { callback_id: string }) => s.callback_id);
    for (const m of source.matchAll(/callback_id: SHORTCUTS\.(\w+)/g)) {
      const id = new RegExp(`${m[1]}: '([a-z_]+)'`).exec(ids)![1];
      expect(shortcuts).toContain(id);
    }
    const events = manifest.settings.event_subscriptions.bot_events;
    for (const m of source.matchAll(/app\.event\('([a-z_]+)'/g)) expect(events).toContain(m[1]);
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
