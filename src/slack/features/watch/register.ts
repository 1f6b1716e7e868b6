/** The shadow-backlog watch: scores channel messages, nudges, and records the nudges' answers (capture is intake's). */
import type { BlockAction } from '@slack/bolt';
import type { Feature } from '../../feature.js';
import { WATCH } from '../../ids.js';
import { handleWatchAnswer } from './actions.js';
import { handleMessage } from './message.js';

export const watch: Feature = {
  register(router, deps) {
    // message.channels and message.groups both arrive as event type "message".
    router.event('message', (args) => handleMessage(args, deps));
    router.action<BlockAction>(WATCH.actions.dismiss, (args) => handleWatchAnswer(args, deps, 'dismiss'));
    router.action<BlockAction>(WATCH.actions.optOut, (args) => handleWatchAnswer(args, deps, 'opt_out'));
  },
};
