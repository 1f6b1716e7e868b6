/** Team setup and help: /rituals and the setup form. */
import type { ViewSubmitAction } from '@slack/bolt';
import type { Feature } from '../../feature.js';
import { COMMANDS, SETUP } from '../../ids.js';
import { handleRitualsCommand } from './command.js';
import { handleSetupSubmission } from './submissions.js';

export const setup: Feature = {
  commands: { [COMMANDS.rituals]: handleRitualsCommand },
  register(router, deps) {
    router.view<ViewSubmitAction>(SETUP.callbackId, (args) => handleSetupSubmission(args, deps));
  },
};
