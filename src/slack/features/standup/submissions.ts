/** Standup modal submissions: the answer form and the away form. */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { isDomainError } from '../../../domain/errors.js';
import type { AnswerTarget } from '../../../domain/standup.js';
import type { SlackDeps } from '../../deps.js';
import { domainErrorText } from '../../copy.js';
import { workspaceOf } from '../../middleware/teamContext.js';
import { STANDUP } from '../../ids.js';
import type { MetadataSeal } from '../../metadata.js';
import { parseStandupAnswer, readValue } from '../../parse.js';
import { buildInfoModal } from '../../ui/infoModal.js';

const targetMetadata = z.union([
  z.object({ promptId: z.number().int().positive() }).strict(),
  z.object({ teamId: z.number().int().positive(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).strict(),
]);
const awayMetadata = z.object({ kind: z.literal('away') });

/** Seals what the answer form is for: a prompt, or a day's standup not started yet. */
export const sealStandupTarget = (seal: MetadataSeal, value: AnswerTarget): string => seal.seal(value);

const EXPIRED = 'This form could not be verified. Close it and open it again from the standup message.';

export async function handleStandupSubmission(
  { ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  const meta = deps.seal.open(view.private_metadata, targetMetadata);
  if (!meta) {
    await ack({ response_action: 'errors', errors: { [STANDUP.blocks.did]: EXPIRED } });
    return;
  }
  const parsed = parseStandupAnswer(view.state.values);
  if (!parsed.ok) {
    await ack({ response_action: 'errors', errors: parsed.errors });
    return;
  }
  try {
    await deps.services.standup.submitAnswer({ ...meta, userId: body.user.id, answer: parsed.value });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await ack({ response_action: 'errors', errors: { [STANDUP.blocks.did]: domainErrorText(error).slice(0, 150) } });
    return;
  }
  await ack();
  deps.outbox.kick();
}

export async function handleAwaySubmission({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs, deps: SlackDeps): Promise<void> {
  if (!deps.seal.open(view.private_metadata, awayMetadata)) {
    await ack({ response_action: 'errors', errors: { [STANDUP.blocks.awayFrom]: EXPIRED } });
    return;
  }
  const from = readValue(view.state.values, STANDUP.blocks.awayFrom, STANDUP.action);
  const to = readValue(view.state.values, STANDUP.blocks.awayTo, STANDUP.action);
  if (typeof from !== 'string') {
    await ack({ response_action: 'errors', errors: { [STANDUP.blocks.awayFrom]: 'Pick the first day you are away.' } });
    return;
  }
  let result;
  try {
    result = await deps.services.standup.setAway({
      slackTeamId: workspaceOf(body),
      userId: body.user.id,
      from,
      ...(typeof to === 'string' ? { to } : {}),
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await ack({ response_action: 'errors', errors: { [STANDUP.blocks.awayTo]: domainErrorText(error).slice(0, 150) } });
    return;
  }
  deps.outbox.kick();
  const span = result.from === result.to ? `on ${result.from}` : `from ${result.from} to ${result.to}`;
  await ack({ response_action: 'update', view: buildInfoModal('Away saved', `:palm_tree: You're away ${span}: no standup prompts then.`) });
}
