/**
 * One way to get a workspace's bot token, for requests (Bolt's authorize) and for everything sent
 * outside a request (outbox, scheduled reports, users.info).
 *
 * @slack/oauth's InstallProvider.authorize reads the install and, with token rotation, refreshes a
 * token that expires within 2 hours (oauth.v2.access, grant_type=refresh_token), then stores the new
 * one. Nothing stops two callers from doing that at the same time: a burst of requests on an
 * expiring token made one refresh call each. Here concurrent callers for one install share a
 * single authorize, so a token is refreshed once.
 */
import type { Authorize, AuthorizeResult, AuthorizeSourceData } from '@slack/bolt';
import type { Repositories } from '../../db/repositories/index.js';
import { orgInstallationKey, workspaceInstallationKey } from '../../db/repositories/installations.js';
import type { AppLogger } from '../../logger.js';
import { installationKeyOf } from './installationStore.js';
import { createSingleFlight } from './singleFlight.js';

export type AnyAuthorize = Authorize<boolean>;
type InstallerAuthorize = (source: AuthorizeSourceData<boolean>) => Promise<AuthorizeResult>;

/** Wraps InstallProvider.authorize so concurrent calls for the same install share one (one refresh). */
export function singleFlightAuthorize(authorize: InstallerAuthorize): AnyAuthorize {
  const flights = createSingleFlight<AuthorizeResult>();
  return async (source) => {
    const key = installationKeyOf(source);
    if (!key) return authorize(source);
    const result = await flights.run(key, () => authorize(source));
    // The workspaces of an org-wide install share its token, not their identity.
    return source.isEnterpriseInstall ? { ...result, teamId: source.teamId, enterpriseId: source.enterpriseId } : { ...result };
  };
}

/**
 * The app's one authorize in distribution mode: Bolt's InstallProvider (created with the HTTP
 * receiver) is attached to it once, and requests and out-of-request work both go through it.
 */
export function createWorkspaceAuth() {
  let attached: AnyAuthorize | null = null;
  return {
    /** Wraps the InstallProvider's authorize; returns what Bolt should call instead. */
    attach(installerAuthorize: InstallerAuthorize): AnyAuthorize {
      attached = singleFlightAuthorize(installerAuthorize);
      return attached;
    },
    authorize: ((source) => {
      if (!attached) return Promise.reject(new Error('no InstallProvider attached (distribution mode only)'));
      return attached(source);
    }) as AnyAuthorize,
  };
}

export type WorkspaceAuth = ReturnType<typeof createWorkspaceAuth>;

export interface WorkspaceTokens {
  /** The bot token for calls on behalf of a workspace; null when no install serves it (never installed, or uninstalled). */
  forWorkspace(slackTeamId: string): Promise<string | null>;
}

/** Tokens for work outside requests, through the same (single-flight, refreshing) authorize as requests. */
export function createWorkspaceTokens({ repos, authorize, logger }: { repos: Repositories; authorize: AnyAuthorize; logger: AppLogger }): WorkspaceTokens {
  return {
    async forWorkspace(slackTeamId) {
      const workspace = await repos.workspaces.find(slackTeamId);
      if (workspace?.uninstalledAt != null) return null;
      const enterpriseId = workspace?.enterpriseId ?? undefined;
      const ownInstall = (await repos.installations.findByKey(workspaceInstallationKey(slackTeamId))) !== undefined;
      const orgInstall = !ownInstall && enterpriseId !== undefined && (await repos.installations.findByKey(orgInstallationKey(enterpriseId))) !== undefined;
      if (!ownInstall && !orgInstall) return null;
      try {
        const result = await authorize({ teamId: slackTeamId, enterpriseId, isEnterpriseInstall: orgInstall });
        return result.botToken ?? null;
      } catch (error) {
        logger.warn(`no bot token for workspace ${slackTeamId}`, error);
        return null;
      }
    },
  };
}
