/** Backlog: /backlog (ranked list, icebox, ready, export), edits, removals and readiness. */
import type { BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { commandRoute, type Feature } from '../../feature.js';
import { acknowledgeOnly, commandTeam, formError, sealedTeam } from '../../middleware/teamContext.js';
import { BACKLOG, COMMANDS } from '../../ids.js';
import { handleItemMenu, handleOpenIcebox, handleOpenReady, handlePage, handleRevive, handleSortWsjf } from './actions.js';
import { handleBacklogCommand } from './command.js';
import {
  backlogStateSchema,
  EXPIRED_BACKLOG_FORM,
  EXPIRED_READY_FORM,
  handleEditSubmission,
  handleReadySubmission,
  handleRemoveSubmission,
  itemFormSchema,
  readyFormSchema,
} from './submissions.js';

export const backlog: Feature = {
  commands: (deps) => ({ [COMMANDS.backlog]: commandRoute(commandTeam(deps), (args) => handleBacklogCommand(args, deps)) }),
  register(router, deps) {
    const itemForm = (block: string) => sealedTeam(deps, itemFormSchema, formError(block, EXPIRED_BACKLOG_FORM));
    const modal = sealedTeam<SlackActionMiddlewareArgs<BlockAction>, typeof backlogStateSchema>(deps, backlogStateSchema, acknowledgeOnly);
    router.view(BACKLOG.editCallbackId, itemForm(BACKLOG.blocks.title), (args) => handleEditSubmission(args, deps));
    router.view(BACKLOG.removeCallbackId, itemForm(BACKLOG.blocks.removeChoice), (args) => handleRemoveSubmission(args, deps));
    const readyForm = sealedTeam(deps, readyFormSchema, formError(BACKLOG.blocks.readyRules, EXPIRED_READY_FORM));
    router.view(BACKLOG.readyCallbackId, readyForm, (args) => handleReadySubmission(args, deps));
    router.action({ prefix: BACKLOG.actions.page }, modal, (args) => handlePage(args, deps));
    router.action(BACKLOG.actions.item, modal, (args) => handleItemMenu(args, deps));
    router.action(BACKLOG.actions.sortWsjf, modal, (args) => handleSortWsjf(args, deps));
    router.action(BACKLOG.actions.openIcebox, modal, (args) => handleOpenIcebox(args, deps));
    router.action(BACKLOG.actions.openReady, modal, (args) => handleOpenReady(args, deps));
    router.action(BACKLOG.actions.revive, modal, (args) => handleRevive(args, deps));
  },
};
