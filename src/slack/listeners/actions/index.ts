import type { BlockAction, ButtonAction, OverflowAction, StaticSelectAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import type { ListenerRouter } from '../../router.js';
import { BACKLOG, PLAN, POKER, RETRO, SPRINT, STANDUP, TEAM_PICK_PREFIX, TRIAGE, WATCH } from '../../ids.js';
import { handlePlanSelection } from '../views/planSubmit.js';
import { handleItemMenu, handleOpenIcebox, handleOpenReady, handlePage, handleRevive, handleSortWsjf } from './backlog.js';
import { handlePlanPoker } from './plan.js';
import { handlePokerFacilitation, handlePokerVote } from './poker.js';
import { handleBoardMenu, handleCloseOpen, handleDefer, handleOverrideOpen, handleRetroOpen } from './sprint.js';
import { handleAwayOpen, handleBack, handleOpenStandup, handleResolveImpediment } from './standup.js';
import { handleTeamPick } from './teamPick.js';
import { handleAnswerOpen, handleDecisionPicked, handleOpenTriage, handleSkip } from './triage.js';
import { handleWatchAnswer, handleWatchCapture, handleWatchSend } from './watch.js';

export function register(router: ListenerRouter, deps: SlackDeps): void {
  router.action<BlockAction<ButtonAction>>(STANDUP.actions.open, (args) => handleOpenStandup(args, deps));
  router.action<BlockAction<ButtonAction>>(STANDUP.actions.resolve, (args) => handleResolveImpediment(args, deps));
  router.action<BlockAction<ButtonAction>>(STANDUP.actions.awayOpen, (args) => handleAwayOpen(args, deps));
  router.action<BlockAction<ButtonAction>>(STANDUP.actions.back, (args) => handleBack(args, deps));

  router.action<BlockAction>(PLAN.selectAction, (args) => handlePlanSelection(args, deps));
  // The date pickers dispatch too, so the working-day count follows the chosen dates.
  router.action<BlockAction>({ actionId: PLAN.action, blockId: PLAN.blocks.start }, (args) => handlePlanSelection(args, deps));
  router.action<BlockAction>({ actionId: PLAN.action, blockId: PLAN.blocks.end }, (args) => handlePlanSelection(args, deps));
  router.action<BlockAction<StaticSelectAction>>(PLAN.pokerAction, (args) => handlePlanPoker(args, deps));
  router.action<BlockAction<ButtonAction>>({ prefix: POKER.votePrefix }, (args) => handlePokerVote(args, deps));
  for (const id of [POKER.reveal, POKER.revote, POKER.accept]) {
    router.action<BlockAction<ButtonAction | StaticSelectAction>>(id, (args) => handlePokerFacilitation(args, deps));
  }
  router.action<BlockAction<OverflowAction>>(SPRINT.itemMenu, (args) => handleBoardMenu(args, deps));
  router.action<BlockAction<OverflowAction>>(SPRINT.taskMenu, (args) => handleBoardMenu(args, deps));
  router.action<BlockAction<ButtonAction>>(SPRINT.defer, (args) => handleDefer(args, deps));
  router.action<BlockAction<ButtonAction>>(SPRINT.overrideOpen, (args) => handleOverrideOpen(args, deps));
  router.action<BlockAction<ButtonAction>>(SPRINT.closeOpen, (args) => handleCloseOpen(args, deps));
  router.action<BlockAction<ButtonAction>>(RETRO.open, (args) => handleRetroOpen(args, deps));

  router.action<BlockAction>(TRIAGE.actions.open, (args) => handleOpenTriage(args, deps));
  router.action<BlockAction>(TRIAGE.actions.decision, (args) => handleDecisionPicked(args, deps));
  router.action<BlockAction>(TRIAGE.actions.skip, (args) => handleSkip(args, deps));
  router.action<BlockAction>(TRIAGE.actions.answerOpen, (args) => handleAnswerOpen(args, deps));
  router.action<BlockAction>({ prefix: BACKLOG.actions.page }, (args) => handlePage(args, deps));
  router.action<BlockAction>(BACKLOG.actions.item, (args) => handleItemMenu(args, deps));
  router.action<BlockAction>(BACKLOG.actions.sortWsjf, (args) => handleSortWsjf(args, deps));
  router.action<BlockAction>(BACKLOG.actions.openIcebox, (args) => handleOpenIcebox(args, deps));
  router.action<BlockAction>(BACKLOG.actions.openReady, (args) => handleOpenReady(args, deps));
  router.action<BlockAction>(BACKLOG.actions.revive, (args) => handleRevive(args, deps));

  router.action<BlockAction>(WATCH.actions.send, (args) => handleWatchSend(args, deps));
  router.action<BlockAction>(WATCH.actions.dismiss, (args) => handleWatchAnswer(args, deps, 'dismiss'));
  router.action<BlockAction>(WATCH.actions.optOut, (args) => handleWatchAnswer(args, deps, 'opt_out'));
  router.action<BlockAction>(WATCH.actions.capture, (args) => handleWatchCapture(args, deps));
  router.action<BlockAction<ButtonAction>>({ prefix: TEAM_PICK_PREFIX }, (args) => handleTeamPick(args, deps));
}
