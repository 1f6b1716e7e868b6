/** Intake: /suggest, the suggestion form, capture by shortcut, reaction or mention. */
import type { GlobalShortcut, MessageShortcut, ViewSubmitAction } from '@slack/bolt';
import { commandRoute, type Feature } from '../../feature.js';
import { COMMANDS, SHORTCUTS, SUGGEST } from '../../ids.js';
import { handleAppMention } from './appMention.js';
import { handleSuggestCommand } from './command.js';
import { handleReactionAdded } from './reactionAdded.js';
import { handleSendToBacklog } from './sendToBacklog.js';
import { handleSuggestSubmission } from './submissions.js';
import { handleSuggestGlobal } from './suggestGlobal.js';

export const intake: Feature = {
  commands: (deps) => ({ [COMMANDS.suggest]: commandRoute((args) => handleSuggestCommand(args, deps)) }),
  register(router, deps) {
    router.shortcut<MessageShortcut>(SHORTCUTS.sendToBacklog, 'message_action', (args) => handleSendToBacklog(args, deps));
    router.shortcut<GlobalShortcut>(SHORTCUTS.suggestGlobal, 'shortcut', (args) => handleSuggestGlobal(args, deps));
    router.view<ViewSubmitAction>(SUGGEST.callbackId, (args) => handleSuggestSubmission(args, deps));
    router.event('reaction_added', (args) => handleReactionAdded(args, deps));
    router.event('app_mention', (args) => handleAppMention(args, deps));
  },
};
