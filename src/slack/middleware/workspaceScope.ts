/**
 * Scopes each request to its workspace (Bolt's context.teamId: the workspace of the person, also
 * on an Enterprise Grid org-wide install). Mount it after the event queue, so each queued event
 * runs in its own workspace's scope.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { workspaceScope } from '../../db/workspaceScope.js';

export const scopeToWorkspace: Middleware<AnyMiddlewareArgs> = async ({ context, next }) => {
  if (typeof context.teamId === 'string' && context.teamId !== '') await workspaceScope.run(context.teamId, next);
  else await next();
};
