/** The routes the app registers, read from the real router so tests follow new listeners. */
import type { SlackDeps } from '../../src/slack/deps.js';
import { registerFeatures } from '../../src/slack/features/index.js';
import { createListenerRouter } from '../../src/slack/router.js';

export function registeredRoutes(): string[] {
  const router = createListenerRouter({ warn: () => undefined });
  // Registration only stores handlers; deps are read when a request arrives.
  registerFeatures(router, {} as SlackDeps);
  return router.routes();
}

/** The ids registered under one kind, e.g. routesOf('command') → ['/suggest', ...]. */
export function routesOf(kind: 'command' | 'action' | 'view' | 'shortcut' | 'event'): string[] {
  return registeredRoutes()
    .filter((route) => route.startsWith(`${kind}:`))
    .map((route) => route.slice(kind.length + 1));
}
