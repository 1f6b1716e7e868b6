import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { COMMANDS } from '../../ids.js';
import { handleBacklogCommand } from './backlog.js';
import { handleRitualsCommand } from './rituals.js';
import { handleSuggestCommand } from './suggest.js';
import { handleTriageCommand } from './triage.js';

export function register(app: App, deps: SlackDeps): void {
  app.command(COMMANDS.suggest, (args) => handleSuggestCommand(args, deps));
  app.command(COMMANDS.rituals, (args) => handleRitualsCommand(args, deps));
  app.command(COMMANDS.triage, (args) => handleTriageCommand(args, deps));
  app.command(COMMANDS.backlog, (args) => handleBacklogCommand(args, deps));
}
