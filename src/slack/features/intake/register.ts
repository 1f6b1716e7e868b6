/** Intake: /suggest, the suggestion form, capture by shortcut, reaction, mention or a watch nudge. */
import type { BlockAction, GlobalShortcut, MessageShortcut, ViewSubmitAction } from '@slack/bolt';
import { commandRoute, type Feature } from '../../feature.js';
import { COMMANDS, SHORTCUTS, SUGGEST, WATCH } from '../../ids.js';
import { handleAppMention } from './appMention.js';
import { handleSuggestCommand } from './command.js';
import { handleReactionAdded } from './reactionAdded.js';
import { handleSendToBacklog } from './sendToBacklog.js';
import { handleSuggestSubmission } from './submissions.js';
import { handleSuggestGlobal } from './suggestGlobal.js';
import { handleWatchCapture, handleWatchSend } from './watchCapture.js';

export const intake: Feature = {
  commands: (deps) => ({ [COMMANDS.suggest]: commandRoute((args) => handleSuggestCommand(args, deps)) }),
  register(router, deps) {
    router.shortcut<MessageShortcut>(SHORTCUTS.sendToBacklog, 'message_action', (args) => handleSendToBacklog(args, deps));
    router.shortcut<GlobalShortcut>(SHORTCUTS.suggestGlobal, 'shortcut', (args) => handleSuggestGlobal(args, deps));
    router.view<ViewSubmitAction>(SUGGEST.callbackId, (args) => handleSuggestSubmission(args, deps));
    router.event('reaction_added', (args) => handleReactionAdded(args, deps));
    router.event('app_mention', (args) => handleAppMention(args, deps));
    // The shadow-backlog watch's capture buttons open this feature's form.
    router.action<BlockAction>(WATCH.actions.send, (args) => handleWatchSend(args, deps));
    router.action<BlockAction>(WATCH.actions.capture, (args) => handleWatchCapture(args, deps));
  },
};
