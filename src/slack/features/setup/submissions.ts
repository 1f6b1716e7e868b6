/** The setup modal's submission: validate, check who may change the team, store, confirm. */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { isDomainError } from '../../../domain/errors.js';
import type { SlackDeps } from '../../deps.js';
import { domainErrorText } from '../../copy.js';
import { workspaceOf } from '../../middleware/teamContext.js';
import { SETUP } from '../../ids.js';
import type { MetadataSeal } from '../../metadata.js';
import { escapeMrkdwn, mentionChannel, mentionUser } from '../../ui/mrkdwn.js';
import { parseSetupState, setupBlockFor } from '../../parse.js';
import { buildInfoModal } from '../../ui/infoModal.js';

const originSchema = z.object({ teamId: z.number().int().positive().nullable() });
export type SetupOrigin = z.infer<typeof originSchema>;

export const sealSetupOrigin = (seal: MetadataSeal, origin: SetupOrigin): string => seal.seal(origin);

export async function handleSetupSubmission(
  { ack, body, view, client, logger }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs,
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
  const slackTeamId = workspaceOf(body);
  const userId = body.user.id;
  const facts = await deps.users.lookup(slackTeamId, userId);
  let result;
  try {
    result = await deps.services.teamSetup.save(parsed.value, { slackTeamId, teamId: origin.teamId, actor: { userId, isWorkspaceAdmin: facts.isAdmin } });
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
    team.triageChannelId
      ? `New suggestions are announced in ${mentionChannel(team.triageChannelId)}.`
      : 'No triage channel: the PO sees new suggestions in the App Home and with `/triage`.',
    'Invite me to these channels with `/invite @Rituals`. `/rituals help` lists every command.',
  ];
  const title = created ? 'Team set up' : 'Team updated';
  await ack({ response_action: 'update', view: buildInfoModal(title, lines.join('\n')) });
  const watched = parsed.value.watchChannelIds;
  if (watched.length === 0) return;
  // Slack only sends the bot messages of channels it is in: say which watched ones it can't see yet.
  const membership = await botMembership(client, watched);
  const missing = watched.filter((id) => membership.get(id) === false);
  const unknown = watched.filter((id) => membership.get(id) === undefined);
  const watchLines = [`*Shadow-backlog watch* reads ${watched.map(mentionChannel).join(', ')}.`];
  if (missing.length > 0) {
    watchLines.push(
      `:warning: I'm not in ${missing.map(mentionChannel).join(', ')}, so I can't see requests there. In each, run \`/invite @Rituals\` (or open the channel's details > Integrations > Add apps).`,
    );
  }
  if (unknown.length > 0) watchLines.push(`I couldn't check whether I'm in ${unknown.map(mentionChannel).join(', ')}; make sure I was invited.`);
  if (missing.length === 0 && unknown.length === 0) watchLines.push("I'm in all of them.");
  await client.views
    .update({ view_id: view.id, view: buildInfoModal(title, [...lines, ...watchLines].join('\n')) })
    .catch((error) => logger.warn('views.update failed for the setup confirmation', error));
}

/** Whether the bot is in each channel (conversations.info is_member); undefined when Slack could not say. */
async function botMembership(client: AllMiddlewareArgs['client'], channelIds: string[]): Promise<Map<string, boolean | undefined>> {
  const answers = await Promise.all(
    channelIds.map(async (channel): Promise<[string, boolean | undefined]> => {
      try {
        const info = await client.conversations.info({ channel });
        return [channel, info.channel?.is_member === true];
      } catch (error) {
        // A private channel the bot is not in is invisible to it.
        return [channel, (error as { data?: { error?: string } }).data?.error === 'channel_not_found' ? false : undefined];
      }
    }),
  );
  return new Map(answers);
}
