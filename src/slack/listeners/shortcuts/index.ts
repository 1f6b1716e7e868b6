import type { GlobalShortcut, MessageShortcut } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { SHORTCUTS } from '../../ids.js';
import type { ListenerRouter } from '../../router.js';
import { handleSendToBacklog } from './sendToBacklog.js';
import { handleSuggestGlobal } from './suggestGlobal.js';

export function register(router: ListenerRouter, deps: SlackDeps): void {
  router.shortcut<MessageShortcut>(SHORTCUTS.sendToBacklog, 'message_action', (args) => handleSendToBacklog(args, deps));
  router.shortcut<GlobalShortcut>(SHORTCUTS.suggestGlobal, 'shortcut', (args) => handleSuggestGlobal(args, deps));
}
