/** The suggestion modal's submission: validate, store in the inbox, then ack. */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { isDomainError } from '../../../domain/errors.js';
import type { Team } from '../../../db/repositories/teams.js';
import type { SlackDeps } from '../../deps.js';
import { domainErrorText } from '../../copy.js';
import { teamOfWorkspace, workspaceOf } from '../../middleware/teamContext.js';
import { SUGGEST } from '../../ids.js';
import type { MetadataSeal } from '../../metadata.js';
import { parseSuggestionState, readValue } from '../../parse.js';

const originSchema = z.object({
  source: z.enum(['command', 'shortcut', 'nudge']),
  teamId: z.number().int().positive().nullable(),
  requesterId: z.string().max(40).optional(),
  channelId: z.string().max(40).optional(),
  ts: z.string().max(40).optional(),
});
export type SuggestOrigin = z.infer<typeof originSchema>;

export const sealSuggestOrigin = (seal: MetadataSeal, origin: SuggestOrigin): string => seal.seal(origin);

const EXPIRED = 'This form could not be verified. Close it and run /suggest again.';

export async function handleSuggestSubmission(
  { ack, body, view, client, logger }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  const origin = deps.seal.open(view.private_metadata, originSchema);
  const parsed = parseSuggestionState(view.state.values);
  if (!origin) {
    await ack({ response_action: 'errors', errors: { [SUGGEST.blocks.title]: EXPIRED } });
    return;
  }
  // The team comes from the sealed origin, or from the form's team picker: either way, one of this workspace.
  const slackTeamId = workspaceOf(body);
  let team: Team | undefined;
  if (origin.teamId !== null) {
    team = await teamOfWorkspace(deps, origin.teamId, slackTeamId);
  } else {
    const chosen = Number(readValue(view.state.values, SUGGEST.blocks.team));
    team = Number.isInteger(chosen) ? await teamOfWorkspace(deps, chosen, slackTeamId) : undefined;
    if (!team) {
      const errors = { ...(parsed.ok ? {} : parsed.errors), [SUGGEST.blocks.team]: 'Pick the team whose inbox this goes to.' };
      await ack({ response_action: 'errors', errors });
      return;
    }
  }
  if (!parsed.ok) {
    await ack({ response_action: 'errors', errors: parsed.errors });
    return;
  }
  if (!team) {
    await ack({ response_action: 'errors', errors: { [SUGGEST.blocks.title]: 'That team no longer exists. Run /rituals setup first.' } });
    return;
  }
  const userId = body.user.id;
  const captured = origin.source !== 'command' && origin.channelId && origin.ts;
  let result;
  try {
    result = await deps.services.intake.submit(parsed.value, {
      teamId: team.id,
      source: origin.source,
      requesterId: origin.requesterId ?? userId,
      suggestedById: userId,
      // A captured message is one item whichever modal sends it; a typed suggestion is one per view.
      intakeKey: captured ? `message:${origin.channelId}:${origin.ts}` : `view:${view.id}`,
      sourceChannelId: captured ? origin.channelId : null,
      sourceTs: captured ? origin.ts : null,
      permalinkPending: Boolean(captured),
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await ack({ response_action: 'errors', errors: { [SUGGEST.blocks.title]: domainErrorText(error).slice(0, 150) } });
    return;
  }
  await ack();
  if (result.created && captured && origin.channelId && origin.ts) {
    await recordPermalink(deps, client, result.item.id, origin.channelId, origin.ts, logger);
  }
  deps.outbox.kick();
}

/** Stores the source message's permalink; best effort (the item is safe without it). */
async function recordPermalink(
  deps: SlackDeps,
  client: AllMiddlewareArgs['client'],
  itemId: number,
  channel: string,
  ts: string,
  logger: AllMiddlewareArgs['logger'],
): Promise<void> {
  let permalink: string | null = null;
  try {
    permalink = (await client.chat.getPermalink({ channel, message_ts: ts })).permalink ?? null;
  } catch (error) {
    logger.warn(`chat.getPermalink failed for ${channel}/${ts}`, error);
  }
  await deps.services.intake.attachPermalink(itemId, permalink);
}
