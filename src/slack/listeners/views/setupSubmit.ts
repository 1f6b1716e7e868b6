/** The setup modal's submission: validate, check who may change the team, store, confirm. */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { isDomainError } from '../../../domain/errors.js';
import type { SlackDeps } from '../../deps.js';
import { domainErrorText } from '../../errorText.js';
import { SETUP } from '../../ids.js';
import type { MetadataSeal } from '../../metadata.js';
import { escapeMrkdwn, mentionChannel, mentionUser } from '../../mrkdwn.js';
import { parseSetupState, setupBlockFor } from '../../parse.js';
import { buildInfoModal } from '../../views/suggestModal.js';

const originSchema = z.object({ teamId: z.number().int().positive().nullable() });
export type SetupOrigin = z.infer<typeof originSchema>;

export const sealSetupOrigin = (seal: MetadataSeal, origin: SetupOrigin): string => seal.seal(origin);

export async function handleSetupSubmission(
  { ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  const origin = deps.seal.open(view.private_metadata, originSchema);
  if (!origin) {
    await ack({ response_action: 'errors', errors: { [SETUP.blocks.name]: 'This form could not be verified. Close it and run /rituals setup again.' } });
    return;
  }
  const parsed = parseSetupState(view.state.values);
  if (!parsed.ok) {
    await ack({ response_action: 'errors', errors: parsed.errors });
    return;
  }
  const slackTeamId = body.team?.id ?? body.user.team_id ?? '';
  const userId = body.user.id;
  const facts = await deps.users.lookup(slackTeamId, userId);
  let result;
  try {
    result = deps.services.teamSetup.save(parsed.value, { slackTeamId, teamId: origin.teamId, actor: { userId, isWorkspaceAdmin: facts.isAdmin } });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const block = setupBlockFor(String(error.details.field ?? '')) ?? SETUP.blocks.name;
    await ack({ response_action: 'errors', errors: { [block]: domainErrorText(error).slice(0, 150) } });
    return;
  }
  const { team, created } = result;
  const lines = [
    `*${escapeMrkdwn(team.name)}* is ${created ? 'set up' : 'updated'}.`,
    `Team channel ${mentionChannel(team.teamChannelId)} · PO ${mentionUser(team.productOwnerId ?? '')} · SM ${mentionUser(team.scrumMasterId ?? '')}`,
    team.triageChannelId ? `New suggestions are announced in ${mentionChannel(team.triageChannelId)}.` : 'No triage channel: the PO sees new suggestions in the App Home and with `/triage`.',
    'Invite me to these channels with `/invite @Rituals`. `/rituals help` lists every command.',
  ];
  await ack({ response_action: 'update', view: buildInfoModal(created ? 'Team set up' : 'Team updated', lines.join('\n')) });
}
