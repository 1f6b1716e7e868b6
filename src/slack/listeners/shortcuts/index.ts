import type { App, MessageShortcut, SlackShortcutMiddlewareArgs, AllMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { SHORTCUTS } from '../../ids.js';
import { handleSendToBacklog } from './sendToBacklog.js';

export function register(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>({ callback_id: SHORTCUTS.sendToBacklog, type: 'message_action' }, (args) =>
    handleSendToBacklog(args as SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs, deps),
  );
}
