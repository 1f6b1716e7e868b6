import type { SlackDeps } from '../../deps.js';
import type { ListenerRouter } from '../../router.js';
import { handleAppHomeOpened } from './appHomeOpened.js';
import { handleAppMention } from './appMention.js';
import { handleMessage } from './message.js';
import { handleReactionAdded } from './reactionAdded.js';

export function register(router: ListenerRouter, deps: SlackDeps): void {
  router.event('reaction_added', (args) => handleReactionAdded(args, deps));
  router.event('app_mention', (args) => handleAppMention(args, deps));
  router.event('app_home_opened', (args) => handleAppHomeOpened(args, deps));
  // message.channels and message.groups both arrive as event type "message".
  router.event('message', (args) => handleMessage(args, deps));
}
