/**
 * Distribution mode's workspace bookkeeping on the Slack side:
 * - app_uninstalled, and tokens_revoked for the bot token: the install's tokens are deleted and the
 *   workspace (or every workspace of an org-wide install) stops being served at once;
 * - a request through an org-wide install (Enterprise Grid) records which organisation its workspace
 *   belongs to, so scheduled work for that workspace finds the org's token.
 * Bolt runs these events without authorize (the install may already be gone).
 */
import type { AllMiddlewareArgs, AnyMiddlewareArgs, Context, Middleware } from '@slack/bolt';
import { orgInstallationKey, workspaceInstallationKey } from '../../db/repositories/installations.js';
import type { SlackDeps } from '../deps.js';
import type { ListenerRouter } from '../router.js';

/** Deletes the install behind the event and stops serving its workspace(s). */
async function stopServing(context: Context, deps: SlackDeps): Promise<void> {
  const { teamId, enterpriseId } = context;
  await deps.repos.transaction(async () => {
    if (context.isEnterpriseInstall && enterpriseId) {
      await deps.repos.installations.delete(orgInstallationKey(enterpriseId));
      const stopped = await deps.services.workspaces.uninstalled({ enterpriseId });
      deps.logger.info(`the org-wide install of ${enterpriseId} was removed; ${stopped.length} workspace(s) no longer served`);
    } else if (teamId) {
      await deps.repos.installations.delete(workspaceInstallationKey(teamId));
      await deps.services.workspaces.uninstalled({ slackTeamId: teamId });
      deps.logger.info(`workspace ${teamId} uninstalled the app; its jobs stop now`);
    }
  });
}

export function registerWorkspaceLifecycle(router: ListenerRouter, deps: SlackDeps): void {
  router.event('app_uninstalled', async ({ context }) => stopServing(context, deps));
  router.event('tokens_revoked', async ({ context, event }) => {
    // Revoked user tokens (we keep none) change nothing; a revoked bot token is the end of the install.
    if ((event.tokens.bot ?? []).length > 0) await stopServing(context, deps);
  });
}

/** Records the organisation of each workspace seen through an org-wide install (and that it is served). */
export function rememberOrgWorkspaces(deps: Pick<SlackDeps, 'repos' | 'clock'>): Middleware<AnyMiddlewareArgs> {
  return async ({ context, next }: AnyMiddlewareArgs & AllMiddlewareArgs) => {
    const { teamId, enterpriseId } = context;
    // Only authorized requests: uninstall events arrive without a token and must not re-mark the workspace.
    if (context.isEnterpriseInstall && context.botToken && teamId && enterpriseId) {
      const known = await deps.repos.workspaces.find(teamId);
      if (!known || known.enterpriseId !== enterpriseId || known.uninstalledAt !== null) {
        await deps.repos.workspaces.markInstalled({ slackTeamId: teamId, enterpriseId, at: deps.clock().getTime() });
      }
    }
    await next();
  };
}
