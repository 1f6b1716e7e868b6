/** The bot scopes "Add to Slack" asks for: the same as manifest.json's oauth_config.scopes.bot (a test keeps them in step). */
export const BOT_SCOPES = [
  'app_mentions:read',
  'channels:history',
  'channels:read',
  'chat:write',
  'commands',
  'files:write',
  'groups:history',
  'groups:read',
  'im:write',
  'reactions:read',
  'users:read',
] as const;
