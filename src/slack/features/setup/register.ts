/** Team setup and help: /rituals and the setup form. */
import type { ViewSubmitAction } from '@slack/bolt';
import { commandRoute, type Feature } from '../../feature.js';
import { COMMANDS, SETUP } from '../../ids.js';
import { handleRitualsCommand } from './command.js';
import { handleSetupSubmission } from './submissions.js';

export const setup: Feature = {
  commands: (deps) => ({ [COMMANDS.rituals]: commandRoute((args) => handleRitualsCommand(args, deps)) }),
  register(router, deps) {
    router.view<ViewSubmitAction>(SETUP.callbackId, (args) => handleSetupSubmission(args, deps));
  },
};
