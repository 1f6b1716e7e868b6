/** /rituals help | setup: the bot's own command. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { domainErrorText } from '../../copy.js';
import { isDomainError } from '../../../domain/errors.js';
import { subcommandOf } from '../../commandCatalog.js';
import { COMMANDS } from '../../ids.js';
import { buildHelpText } from './help.js';
import { openCommandForm } from '../../openForm.js';
import { buildSetupModal } from './modals.js';
import { sealSetupOrigin } from './submissions.js';

export async function handleRitualsCommand(args: SlackCommandMiddlewareArgs & AllMiddlewareArgs, deps: SlackDeps): Promise<void> {
  const { command, ack } = args;
  const [word = ''] = command.text.trim().split(/\s+/);
  switch (subcommandOf(COMMANDS.rituals, word)) {
    case 'setup':
      await openSetup(args, deps);
      return;
    default:
      await ack({ response_type: 'ephemeral', text: buildHelpText() });
  }
}

/** Opens the setup form for this channel's team (or a new one), refusing people who may not edit it. */
async function openSetup({ command, ack, client, respond, logger }: SlackCommandMiddlewareArgs & AllMiddlewareArgs, deps: SlackDeps): Promise<void> {
  await ack();
  const slackTeamId = command.team_id;
  const team = (await deps.services.teamSetup.forChannel(slackTeamId, command.channel_id)) ?? null;
  // Admin status and the default timezone; bounded so the trigger_id (3 s) is still good for views.open.
  const facts = await deps.users.lookup(slackTeamId, command.user_id);
  try {
    if (team) await deps.services.teamSetup.requireEditor(team, { userId: command.user_id, isWorkspaceAdmin: facts.isAdmin });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await respond({ response_type: 'ephemeral', text: domainErrorText(error) }).catch((failure) => logger.warn('setup refusal reply failed', failure));
    return;
  }
  const members = team ? await deps.repos.teams.members(team.id) : [command.user_id];
  const watchChannelIds = team ? await deps.services.shadowWatch.channels(team.id) : [];
  const view = buildSetupModal({
    privateMetadata: sealSetupOrigin(deps.seal, { teamId: team?.id ?? null }),
    team,
    members,
    channelId: command.channel_id,
    defaultTimezone: facts.tz,
    watchChannelIds,
  });
  await openCommandForm({ client, logger, command, respond }, view, { retry: 'run `/rituals setup` again', what: '/rituals setup' });
}
