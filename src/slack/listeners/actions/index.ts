import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { STANDUP } from '../../ids.js';
import { handleAwayOpen, handleBack, handleOpenStandup, handleResolveImpediment } from './standup.js';

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(STANDUP.actions.open, (args) => handleOpenStandup(args, deps));
  app.action<BlockAction<ButtonAction>>(STANDUP.actions.resolve, (args) => handleResolveImpediment(args, deps));
  app.action<BlockAction<ButtonAction>>(STANDUP.actions.awayOpen, (args) => handleAwayOpen(args, deps));
  app.action<BlockAction<ButtonAction>>(STANDUP.actions.back, (args) => handleBack(args, deps));
}
