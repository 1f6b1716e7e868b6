/** Registers every listener in the router, one module per Slack entry kind. */
import type { SlackDeps } from '../deps.js';
import type { ListenerRouter } from '../router.js';
import { register as registerActions } from './actions/index.js';
import { register as registerCommands } from './commands/index.js';
import { register as registerEvents } from './events/index.js';
import { register as registerShortcuts } from './shortcuts/index.js';
import { register as registerViews } from './views/index.js';

export function registerListeners(router: ListenerRouter, deps: SlackDeps): void {
  registerCommands(router, deps);
  registerShortcuts(router, deps);
  registerViews(router, deps);
  registerActions(router, deps);
  registerEvents(router, deps);
}
