/** Small helpers shared by the sprint, planning, poker and retro listeners. */
import type { WebClient } from '@slack/web-api';
import { isDomainError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import type { AppLogger } from '../logger.js';
import { domainErrorText } from './copy.js';
import type { SlackMessage } from './ui/message.js';

/** Scrum roles come from the team, not the workspace, so admin status is not looked up here. */
export const actorOf = (userId: string): Actor => ({ userId, isWorkspaceAdmin: false });

/** Friendly text for a domain error; anything else is rethrown. */
export function errorText(error: unknown): string {
  if (isDomainError(error)) return domainErrorText(error);
  throw error;
}

/** An ephemeral reply in a channel (best effort: the person can retry). */
export async function ephemeral(
  client: WebClient,
  channel: string | undefined,
  user: string,
  message: SlackMessage,
  logger: AppLogger | { warn: (...a: unknown[]) => void },
): Promise<void> {
  try {
    if (channel) await client.chat.postEphemeral({ channel, user, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
    else await client.chat.postMessage({ channel: user, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
  } catch (error) {
    logger.warn('could not send an ephemeral reply', error);
  }
}
