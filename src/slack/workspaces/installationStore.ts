/**
 * The installation store @slack/oauth's InstallProvider (Bolt's built-in OAuth) reads and writes:
 * installs ("Add to Slack") and refreshed rotating tokens go to slack_installations; each install
 * also marks its workspace (or organisation) as served again.
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Repositories } from '../../db/repositories/index.js';
import { orgInstallationKey, workspaceInstallationKey, type InstallationRow } from '../../db/repositories/installations.js';
import type { Clock } from '../../domain/clock.js';

/** The install that serves a request or a job: the org's for an org-wide install, else the workspace's own. */
export function installationKeyOf(query: { teamId?: string | undefined; enterpriseId?: string | undefined; isEnterpriseInstall?: boolean | undefined }) {
  if (query.isEnterpriseInstall && query.enterpriseId) return orgInstallationKey(query.enterpriseId);
  if (query.teamId) return workspaceInstallationKey(query.teamId);
  return null;
}

function toInstallation(row: InstallationRow): Installation<'v2', boolean> {
  return {
    team: row.slackTeamId ? { id: row.slackTeamId } : undefined,
    enterprise: row.enterpriseId ? { id: row.enterpriseId } : undefined,
    user: { id: row.installerUserId ?? '', token: undefined, scopes: undefined },
    bot: {
      token: row.botToken,
      userId: row.botUserId,
      id: row.botId ?? '',
      scopes: row.botScopes ? row.botScopes.split(',') : [],
      ...(row.botRefreshToken ? { refreshToken: row.botRefreshToken } : {}),
      ...(row.botTokenExpiresAt !== null ? { expiresAt: row.botTokenExpiresAt } : {}),
    },
    isEnterpriseInstall: row.isEnterpriseInstall,
    ...(row.appId ? { appId: row.appId } : {}),
    ...(row.enterpriseUrl ? { enterpriseUrl: row.enterpriseUrl } : {}),
    tokenType: 'bot',
    // Token rotation refreshes only installs that say they are OAuth v2.
    authVersion: 'v2',
  } as Installation<'v2', boolean>;
}

export function createInstallationStore({ repos, clock }: { repos: Repositories; clock: Clock }): InstallationStore {
  return {
    async storeInstallation(installation) {
      const isOrg = Boolean(installation.isEnterpriseInstall && installation.enterprise?.id);
      const key = installationKeyOf({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, isEnterpriseInstall: isOrg });
      const bot = installation.bot;
      // Every feature needs the bot user; an install without it (no bot scopes) cannot serve anyone.
      if (!key || !bot) throw new Error('the install has no bot token or no workspace');
      const at = clock().getTime();
      await repos.transaction(async () => {
        await repos.installations.save({
          installationKey: key,
          slackTeamId: isOrg ? null : (installation.team?.id ?? null),
          enterpriseId: installation.enterprise?.id ?? null,
          isEnterpriseInstall: isOrg,
          appId: installation.appId ?? null,
          botToken: bot.token,
          botUserId: bot.userId,
          botId: bot.id || null,
          botScopes: bot.scopes.join(','),
          botRefreshToken: bot.refreshToken ?? null,
          botTokenExpiresAt: bot.expiresAt ?? null,
          installerUserId: installation.user.id || null,
          enterpriseUrl: installation.enterpriseUrl ?? null,
          installedAt: at,
          updatedAt: at,
        });
        if (isOrg) await repos.workspaces.markOrgInstalled(installation.enterprise!.id, at);
        else await repos.workspaces.markInstalled({ slackTeamId: installation.team!.id, enterpriseId: installation.enterprise?.id ?? null, at });
      });
    },

    async fetchInstallation(query: InstallationQuery<boolean>) {
      const key = installationKeyOf(query);
      const row = key ? await repos.installations.findByKey(key) : undefined;
      if (!row) throw new Error(`no installation for ${key ?? 'an unknown workspace'}`);
      return toInstallation(row) as never;
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      const key = installationKeyOf(query);
      if (key) await repos.installations.delete(key);
    },
  };
}
