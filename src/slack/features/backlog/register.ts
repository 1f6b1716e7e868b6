/** Backlog: /backlog (ranked list, icebox, ready, export), edits, removals and readiness. */
import type { BlockAction, ViewSubmitAction } from '@slack/bolt';
import { commandRoute, type Feature } from '../../feature.js';
import { commandTeam } from '../../middleware/teamContext.js';
import { BACKLOG, COMMANDS } from '../../ids.js';
import { handleItemMenu, handleOpenIcebox, handleOpenReady, handlePage, handleRevive, handleSortWsjf } from './actions.js';
import { handleBacklogCommand } from './command.js';
import { handleEditSubmission, handleReadySubmission, handleRemoveSubmission } from './submissions.js';

export const backlog: Feature = {
  commands: (deps) => ({ [COMMANDS.backlog]: commandRoute(commandTeam(deps), (args) => handleBacklogCommand(args, deps)) }),
  register(router, deps) {
    router.view<ViewSubmitAction>(BACKLOG.editCallbackId, (args) => handleEditSubmission(args, deps));
    router.view<ViewSubmitAction>(BACKLOG.removeCallbackId, (args) => handleRemoveSubmission(args, deps));
    router.view<ViewSubmitAction>(BACKLOG.readyCallbackId, (args) => handleReadySubmission(args, deps));
    router.action<BlockAction>({ prefix: BACKLOG.actions.page }, (args) => handlePage(args, deps));
    router.action<BlockAction>(BACKLOG.actions.item, (args) => handleItemMenu(args, deps));
    router.action<BlockAction>(BACKLOG.actions.sortWsjf, (args) => handleSortWsjf(args, deps));
    router.action<BlockAction>(BACKLOG.actions.openIcebox, (args) => handleOpenIcebox(args, deps));
    router.action<BlockAction>(BACKLOG.actions.openReady, (args) => handleOpenReady(args, deps));
    router.action<BlockAction>(BACKLOG.actions.revive, (args) => handleRevive(args, deps));
  },
};
