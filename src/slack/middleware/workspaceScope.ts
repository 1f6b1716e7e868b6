/**
 * Scopes each request to its workspace (Bolt's context.teamId: the workspace of the person, also
 * on an Enterprise Grid org-wide install). Events are scoped when the inbox worker runs them, like
 * any request.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { workspaceScope } from '../../db/workspaceScope.js';

export const scopeToWorkspace: Middleware<AnyMiddlewareArgs> = async ({ context, next }) => {
  if (typeof context.teamId === 'string' && context.teamId !== '') await workspaceScope.run(context.teamId, next);
  else await next();
};
