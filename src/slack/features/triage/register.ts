/** Triage: /triage, the triage form, questions to the requester and their answers. */
import type { BlockAction, SlackActionMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { commandRoute, type Feature } from '../../feature.js';
import { acknowledgeOnly, buttonTeam, commandTeam, sealedTeam } from '../../middleware/teamContext.js';
import { COMMANDS, TRIAGE } from '../../ids.js';
import { handleAnswerOpen, handleDecisionPicked, handleOpenTriage, handleSkip, refuseOpenTriage } from './actions.js';
import { handleTriageCommand } from './command.js';
import { handleAnswerSubmission, handleTriageSubmission, refuseTriageSubmission, triageSessionSchema } from './submissions.js';

export const triage: Feature = {
  commands: (deps) => ({ [COMMANDS.triage]: commandRoute(commandTeam(deps), (args) => handleTriageCommand(args, deps)) }),
  register(router, deps) {
    const session = sealedTeam(deps, triageSessionSchema, refuseTriageSubmission);
    const card = sealedTeam<SlackActionMiddlewareArgs<BlockAction>, typeof triageSessionSchema>(deps, triageSessionSchema, acknowledgeOnly);
    router.view(TRIAGE.callbackId, session, (args) => handleTriageSubmission(args, deps));
    router.view<ViewSubmitAction>(TRIAGE.answerCallbackId, (args) => handleAnswerSubmission(args, deps));
    router.action(TRIAGE.actions.open, buttonTeam(deps, refuseOpenTriage), (args) => handleOpenTriage(args, deps));
    router.action(TRIAGE.actions.decision, card, (args) => handleDecisionPicked(args, deps));
    router.action(TRIAGE.actions.skip, card, (args) => handleSkip(args, deps));
    router.action<BlockAction>(TRIAGE.actions.answerOpen, (args) => handleAnswerOpen(args, deps));
  },
};
