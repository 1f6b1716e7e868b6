/** Standups: /standup, the answer form, impediments and absences. */
import type { BlockAction, ButtonAction, ViewSubmitAction } from '@slack/bolt';
import { commandRoute, type Feature } from '../../feature.js';
import { commandTeam } from '../../middleware/teamContext.js';
import { COMMANDS, STANDUP } from '../../ids.js';
import { handleAwayOpen, handleBack, handleOpenStandup, handleResolveImpediment } from './actions.js';
import { answerWithoutTeam, handleStandupCommand } from './command.js';
import { handleAwaySubmission, handleStandupSubmission } from './submissions.js';

export const standup: Feature = {
  commands: (deps) => ({
    [COMMANDS.standup]: commandRoute(answerWithoutTeam(deps), commandTeam(deps), (args) => handleStandupCommand(args, deps)),
  }),
  register(router, deps) {
    router.view<ViewSubmitAction>(STANDUP.callbackId, (args) => handleStandupSubmission(args, deps));
    router.view<ViewSubmitAction>(STANDUP.awayCallbackId, (args) => handleAwaySubmission(args, deps));
    router.action<BlockAction<ButtonAction>>(STANDUP.actions.open, (args) => handleOpenStandup(args, deps));
    router.action<BlockAction<ButtonAction>>(STANDUP.actions.resolve, (args) => handleResolveImpediment(args, deps));
    router.action<BlockAction<ButtonAction>>(STANDUP.actions.awayOpen, (args) => handleAwayOpen(args, deps));
    router.action<BlockAction<ButtonAction>>(STANDUP.actions.back, (args) => handleBack(args, deps));
  },
};
