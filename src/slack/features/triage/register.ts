/** Triage: /triage, the triage form, questions to the requester and their answers. */
import type { BlockAction, ViewSubmitAction } from '@slack/bolt';
import { commandRoute, type Feature } from '../../feature.js';
import { commandTeam } from '../../middleware/teamContext.js';
import { COMMANDS, TRIAGE } from '../../ids.js';
import { handleAnswerOpen, handleDecisionPicked, handleOpenTriage, handleSkip } from './actions.js';
import { handleTriageCommand } from './command.js';
import { handleAnswerSubmission, handleTriageSubmission } from './submissions.js';

export const triage: Feature = {
  commands: (deps) => ({ [COMMANDS.triage]: commandRoute(commandTeam(deps), (args) => handleTriageCommand(args, deps)) }),
  register(router, deps) {
    router.view<ViewSubmitAction>(TRIAGE.callbackId, (args) => handleTriageSubmission(args, deps));
    router.view<ViewSubmitAction>(TRIAGE.answerCallbackId, (args) => handleAnswerSubmission(args, deps));
    router.action<BlockAction>(TRIAGE.actions.open, (args) => handleOpenTriage(args, deps));
    router.action<BlockAction>(TRIAGE.actions.decision, (args) => handleDecisionPicked(args, deps));
    router.action<BlockAction>(TRIAGE.actions.skip, (args) => handleSkip(args, deps));
    router.action<BlockAction>(TRIAGE.actions.answerOpen, (args) => handleAnswerOpen(args, deps));
  },
};
