/**
 * The bot scopes in manifest.json are exactly what the code needs: every Web API method called in
 * src/, every event subscribed to and every command or shortcut maps to Slack's documented bot scope.
 * A method or event missing from the tables below fails the test: add it with the scope Slack's
 * method page lists under "Required scopes > Bot tokens".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { routesOf } from './helpers/routes.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));

/**
 * Bot scopes per Web API method (https://docs.slack.dev/reference/methods/<method>). Methods that
 * read a conversation need the scope of its type; Rituals reads team channels, public or private,
 * never DMs (a DM is no team's channel), so those list channels:history and groups:history.
 */
const METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.delete': ['chat:write'],
  'chat.getPermalink': [],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.replies': ['channels:history', 'groups:history'],
  'conversations.info': ['channels:read', 'groups:read'],
  'conversations.members': ['channels:read', 'groups:read'],
  'conversations.open': ['im:write'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  'reactions.add': ['reactions:write'],
  'reactions.get': ['reactions:read'],
  'team.info': ['team:read'],
  'users.info': ['users:read'],
  'users.lookupByEmail': ['users:read.email'],
  'views.open': [],
  'views.push': [],
  'views.update': [],
  'views.publish': [],
  'oauth.v2.access': [],
};

/** web-api helpers that make several calls. */
const HELPER_METHODS: Record<string, string[]> = {
  'files.uploadV2': ['files.getUploadURLExternal', 'files.completeUploadExternal'],
};

/** Calls Bolt makes itself: auth.test at init (no scope); apps.connections.open uses the app-level token. */
const FRAMEWORK_METHODS = ['auth.test'];

/** Bot scopes per subscribed event (https://docs.slack.dev/reference/events/<event>). */
const EVENT_SCOPES: Record<string, string[]> = {
  app_home_opened: [],
  app_mention: ['app_mentions:read'],
  app_uninstalled: [],
  tokens_revoked: [],
  reaction_added: ['reactions:read'],
  reaction_removed: ['reactions:read'],
  member_joined_channel: ['channels:read', 'groups:read'],
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  'message.im': ['im:history'],
  'message.mpim': ['mpim:history'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every Web API method src/ calls, found in the ways the code calls Slack, with where it was seen. */
function calledMethods(): Map<string, string> {
  const found = new Map<string, string>();
  const add = (method: string, file: string) => {
    for (const expanded of HELPER_METHODS[method] ?? [method]) if (!found.has(expanded)) found.set(expanded, relative(root, file));
  };
  for (const file of sourceFiles(join(root, 'src'))) {
    // Comments mention methods too; only code counts.
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    // client.chat.postMessage(...), app.client.files.uploadV2(...)
    for (const match of code.matchAll(/\bclient\s*\.\s*([a-z]+(?:\s*\.\s*[a-zA-Z0-9]+)+)\s*\(/g)) add(match[1]!.replace(/\s/g, ''), file);
    // client.apiCall('chat.postMessage', ...)
    for (const match of code.matchAll(/\bapiCall\s*\(\s*(['"`])([^'"`]+)\1/g)) add(match[2]!, file);
    // Outbox renderers return { method: 'chat.postMessage', args } for the dispatcher's apiCall.
    for (const match of code.matchAll(/\bmethod\s*:\s*(['"])([a-z]+\.[a-zA-Z0-9.]+)\1/g)) add(match[2]!, file);
    // Bolt's say() is chat.postMessage.
    if (/\bsay\s*\(/.test(code)) add('chat.postMessage', file);
  }
  for (const method of FRAMEWORK_METHODS) add(method, join(root, 'node_modules/@slack/bolt'));
  return found;
}

/** Calls whose method the scan cannot read: only the outbox dispatcher, whose methods come from the renderers. */
function dynamicApiCalls(): string[] {
  return sourceFiles(join(root, 'src'))
    .filter((file) => /\bapiCall\s*\(\s*[^'"`\s]/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(root, file));
}

function requiredScopes(): Map<string, string[]> {
  const reasons = new Map<string, string[]>();
  const need = (scope: string, why: string) => reasons.set(scope, [...(reasons.get(scope) ?? []), why]);
  for (const [method, file] of calledMethods()) {
    const scopes = METHOD_SCOPES[method];
    if (!scopes) throw new Error(`${file} calls ${method}: add it to METHOD_SCOPES with Slack's documented bot scope`);
    for (const scope of scopes) need(scope, method);
  }
  for (const event of manifest.settings.event_subscriptions.bot_events as string[]) {
    const scopes = EVENT_SCOPES[event];
    if (!scopes) throw new Error(`manifest.json subscribes to ${event}: add it to EVENT_SCOPES with Slack's documented scope`);
    for (const scope of scopes) need(scope, `event ${event}`);
  }
  if (manifest.features.slash_commands?.length || manifest.features.shortcuts?.length) need('commands', 'slash commands and shortcuts');
  return reasons;
}

describe('manifest.json bot scopes', () => {
  it('finds the calls the code makes (the scan sees every way src/ calls Slack)', () => {
    const methods = [...calledMethods().keys()];
    for (const method of [
      'chat.postMessage',
      'chat.update',
      'chat.postEphemeral',
      'views.open',
      'views.publish',
      'users.info',
      'conversations.history',
      'files.completeUploadExternal',
    ]) {
      expect(methods).toContain(method);
    }
    expect(dynamicApiCalls()).toEqual(['src/slack/outbox/dispatcher.ts']);
  });

  it('declares every scope the code needs and no other', () => {
    const required = [...requiredScopes().keys()].sort();
    const declared = [...(manifest.oauth_config.scopes.bot as string[])].sort();
    expect({ missing: required.filter((s) => !declared.includes(s)), unused: declared.filter((s) => !required.includes(s)) }).toEqual({
      missing: [],
      unused: [],
    });
  });

  it('subscribes only to events a listener handles', () => {
    const handled = routesOf('event');
    for (const event of manifest.settings.event_subscriptions.bot_events as string[]) expect(handled).toContain(event.split('.')[0]);
  });
});
