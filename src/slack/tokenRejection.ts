/** Tells which setting holds the token Slack refused at start, so the operator fixes the right one. */

/** The environment variables that hold a token Slack checks. */
export type TokenVariable = 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN';

/** Slack's answers that mean the token itself is wrong, revoked or of the wrong kind. */
const TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
  'user_removed_from_team',
  'team_disabled',
]);

export class SlackTokenRejected extends Error {
  constructor(
    readonly variable: TokenVariable,
    readonly code: string,
  ) {
    super(`Slack rejected ${variable} (${code}). Check the token in .env; see "Setup" in README.md.`);
    this.name = 'SlackTokenRejected';
  }
}

/** The error as a SlackTokenRejected naming `variable` when Slack refused that token; else the error itself. */
export function blameToken(error: unknown, variable: TokenVariable): unknown {
  const code = (error as { data?: { error?: unknown } } | null)?.data?.error;
  return typeof code === 'string' && TOKEN_ERRORS.has(code) ? new SlackTokenRejected(variable, code) : error;
}
