import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { handleAppHomeOpened } from './appHomeOpened.js';
import { handleAppMention } from './appMention.js';
import { handleReactionAdded } from './reactionAdded.js';

export function register(app: App, deps: SlackDeps): void {
  app.event('reaction_added', (args) => handleReactionAdded(args, deps));
  app.event('app_mention', (args) => handleAppMention(args, deps));
  app.event('app_home_opened', (args) => handleAppHomeOpened(args, deps));
}
