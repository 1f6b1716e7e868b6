import type { App, BlockAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { BACKLOG, TRIAGE } from '../../ids.js';
import { handleItemMenu, handleOpenIcebox, handleOpenReady, handlePage, handleRevive, handleSortWsjf } from './backlog.js';
import { handleAnswerOpen, handleDecisionPicked, handleOpenTriage, handleSkip } from './triage.js';

export function register(app: App, deps: SlackDeps): void {
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
