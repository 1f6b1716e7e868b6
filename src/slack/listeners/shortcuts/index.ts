import type { AllMiddlewareArgs, App, GlobalShortcut, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { SHORTCUTS } from '../../ids.js';
import { handleSendToBacklog } from './sendToBacklog.js';
import { handleSuggestGlobal } from './suggestGlobal.js';

export function register(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>({ callback_id: SHORTCUTS.sendToBacklog, type: 'message_action' }, (args) =>
    handleSendToBacklog(args as SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs, deps),
  );
  app.shortcut<GlobalShortcut>({ callback_id: SHORTCUTS.suggestGlobal, type: 'shortcut' }, (args) =>
    handleSuggestGlobal(args as SlackShortcutMiddlewareArgs<GlobalShortcut> & AllMiddlewareArgs, deps),
  );
}
