import type { App, BlockAction, ButtonAction, OverflowAction, StaticSelectAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { BACKLOG, PLAN, POKER, RETRO, SPRINT, STANDUP, TRIAGE } from '../../ids.js';
import { handlePlanSelection } from '../views/planSubmit.js';
import { handleItemMenu, handleOpenIcebox, handleOpenReady, handlePage, handleRevive, handleSortWsjf } from './backlog.js';
import { handlePlanPoker } from './plan.js';
import { handlePokerFacilitation, handlePokerVote } from './poker.js';
import { handleBoardMenu, handleCloseOpen, handleDefer, handleOverrideOpen, handleRetroOpen } from './sprint.js';
import { handleAwayOpen, handleBack, handleOpenStandup, handleResolveImpediment } from './standup.js';
import { handleAnswerOpen, handleDecisionPicked, handleOpenTriage, handleSkip } from './triage.js';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(STANDUP.actions.open, (args) => handleOpenStandup(args, deps));
  app.action<BlockAction<ButtonAction>>(STANDUP.actions.resolve, (args) => handleResolveImpediment(args, deps));
  app.action<BlockAction<ButtonAction>>(STANDUP.actions.awayOpen, (args) => handleAwayOpen(args, deps));
  app.action<BlockAction<ButtonAction>>(STANDUP.actions.back, (args) => handleBack(args, deps));

  app.action<BlockAction>(PLAN.selectAction, (args) => handlePlanSelection(args, deps));
  // The date pickers dispatch too, so the working-day count follows the chosen dates.
  app.action<BlockAction>({ block_id: PLAN.blocks.start, action_id: PLAN.action }, (args) => handlePlanSelection(args, deps));
  app.action<BlockAction>({ block_id: PLAN.blocks.end, action_id: PLAN.action }, (args) => handlePlanSelection(args, deps));
  app.action<BlockAction<StaticSelectAction>>(PLAN.pokerAction, (args) => handlePlanPoker(args, deps));
  app.action<BlockAction<ButtonAction>>({ action_id: new RegExp(`^${escapeRegExp(POKER.votePrefix)}`) }, (args) => handlePokerVote(args, deps));
  for (const id of [POKER.reveal, POKER.revote, POKER.accept]) {
    app.action<BlockAction<ButtonAction | StaticSelectAction>>(id, (args) => handlePokerFacilitation(args, deps));
  }
  app.action<BlockAction<OverflowAction>>(SPRINT.itemMenu, (args) => handleBoardMenu(args, deps));
  app.action<BlockAction<OverflowAction>>(SPRINT.taskMenu, (args) => handleBoardMenu(args, deps));
  app.action<BlockAction<ButtonAction>>(SPRINT.defer, (args) => handleDefer(args, deps));
  app.action<BlockAction<ButtonAction>>(SPRINT.overrideOpen, (args) => handleOverrideOpen(args, deps));
  app.action<BlockAction<ButtonAction>>(SPRINT.closeOpen, (args) => handleCloseOpen(args, deps));
  app.action<BlockAction<ButtonAction>>(RETRO.open, (args) => handleRetroOpen(args, deps));

  app.action<BlockAction>(TRIAGE.actions.open, (args) => handleOpenTriage(args, deps));
  app.action<BlockAction>(TRIAGE.actions.decision, (args) => handleDecisionPicked(args, deps));
  app.action<BlockAction>(TRIAGE.actions.skip, (args) => handleSkip(args, deps));
  app.action<BlockAction>(TRIAGE.actions.answerOpen, (args) => handleAnswerOpen(args, deps));
  app.action<BlockAction>(new RegExp(`^${BACKLOG.actions.page}`), (args) => handlePage(args, deps));
  app.action<BlockAction>(BACKLOG.actions.item, (args) => handleItemMenu(args, deps));
  app.action<BlockAction>(BACKLOG.actions.sortWsjf, (args) => handleSortWsjf(args, deps));
  app.action<BlockAction>(BACKLOG.actions.openIcebox, (args) => handleOpenIcebox(args, deps));
  app.action<BlockAction>(BACKLOG.actions.openReady, (args) => handleOpenReady(args, deps));
  app.action<BlockAction>(BACKLOG.actions.revive, (args) => handleRevive(args, deps));
}
