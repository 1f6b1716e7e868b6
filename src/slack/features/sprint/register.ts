/** The running sprint: /sprint (board, scope changes, close), tasks, overrides and the retro. */
import type { BlockAction, ButtonAction, OverflowAction, ViewSubmitAction } from '@slack/bolt';
import { commandRoute, type Feature } from '../../feature.js';
import { commandTeam } from '../../middleware/teamContext.js';
import { COMMANDS, RETRO, SPRINT } from '../../ids.js';
import { handleBoardMenu, handleCloseOpen, handleDefer, handleOverrideOpen, handleRetroOpen } from './actions.js';
import { handleSprintCommand } from './command.js';
import { handleCloseSubmission, handleOverrideSubmission, handleRetroSubmission, handleTasksSubmission } from './submissions.js';

export const sprint: Feature = {
  commands: (deps) => ({ [COMMANDS.sprint]: commandRoute(commandTeam(deps), (args) => handleSprintCommand(args, deps)) }),
  register(router, deps) {
    router.view<ViewSubmitAction>(SPRINT.tasksCallbackId, (args) => handleTasksSubmission(args, deps));
    router.view<ViewSubmitAction>(SPRINT.overrideCallbackId, (args) => handleOverrideSubmission(args, deps));
    router.view<ViewSubmitAction>(SPRINT.closeCallbackId, (args) => handleCloseSubmission(args, deps));
    router.view<ViewSubmitAction>(RETRO.callbackId, (args) => handleRetroSubmission(args, deps));
    router.action<BlockAction<OverflowAction>>(SPRINT.itemMenu, (args) => handleBoardMenu(args, deps));
    router.action<BlockAction<OverflowAction>>(SPRINT.taskMenu, (args) => handleBoardMenu(args, deps));
    router.action<BlockAction<ButtonAction>>(SPRINT.defer, (args) => handleDefer(args, deps));
    router.action<BlockAction<ButtonAction>>(SPRINT.overrideOpen, (args) => handleOverrideOpen(args, deps));
    router.action<BlockAction<ButtonAction>>(SPRINT.closeOpen, (args) => handleCloseOpen(args, deps));
    router.action<BlockAction<ButtonAction>>(RETRO.open, (args) => handleRetroOpen(args, deps));
  },
};
