import type { App, BlockAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { TRIAGE } from '../../ids.js';
import { handleAnswerOpen, handleDecisionPicked, handleOpenTriage, handleSkip } from './triage.js';

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction>(TRIAGE.actions.open, (args) => handleOpenTriage(args, deps));
  app.action<BlockAction>(TRIAGE.actions.decision, (args) => handleDecisionPicked(args, deps));
  app.action<BlockAction>(TRIAGE.actions.skip, (args) => handleSkip(args, deps));
  app.action<BlockAction>(TRIAGE.actions.answerOpen, (args) => handleAnswerOpen(args, deps));
}
