/** Sprint planning: /plan, the planning form and its confirmation. */
import type { BlockAction, StaticSelectAction, ViewSubmitAction } from '@slack/bolt';
import { commandRoute, type Feature } from '../../feature.js';
import { commandTeam } from '../../middleware/teamContext.js';
import { COMMANDS, PLAN } from '../../ids.js';
import { handlePlanPoker, type StartPoker } from './actions.js';
import { handlePlanCommand } from './command.js';
import { handlePlanConfirmation, handlePlanSelection, handlePlanSubmission } from './submissions.js';

/** Planning with its poker button, which starts a session through `startPoker` (the poker feature's). */
export const planningFeature = (startPoker: StartPoker): Feature => ({
  commands: (deps) => ({ [COMMANDS.plan]: commandRoute(commandTeam(deps), (args) => handlePlanCommand(args, deps)) }),
  register(router, deps) {
    router.view<ViewSubmitAction>(PLAN.callbackId, (args) => handlePlanSubmission(args, deps));
    router.view<ViewSubmitAction>(PLAN.confirmCallbackId, (args) => handlePlanConfirmation(args, deps));
    router.action<BlockAction>(PLAN.selectAction, (args) => handlePlanSelection(args, deps));
    // The date pickers dispatch too, so the working-day count follows the chosen dates.
    router.action<BlockAction>({ actionId: PLAN.action, blockId: PLAN.blocks.start }, (args) => handlePlanSelection(args, deps));
    router.action<BlockAction>({ actionId: PLAN.action, blockId: PLAN.blocks.end }, (args) => handlePlanSelection(args, deps));
    router.action<BlockAction<StaticSelectAction>>(PLAN.pokerAction, (args) => handlePlanPoker(args, deps, startPoker));
  },
});
