/** A team button from "Which team?": runs the command again as if typed in that team's channel. */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, RespondArguments, SlackActionMiddlewareArgs, SlashCommand } from '@slack/bolt';
import { z } from 'zod';
import { SUBCOMMANDS, type SlashCommand as CommandName } from './commandCatalog.js';
import type { SlackDeps } from './deps.js';
import type { CommandRoute } from './feature.js';
import { teamOfWorkspace, workspaceOf } from './middleware/teamContext.js';
import { respondOf } from './openForm.js';

const valueSchema = z.object({ c: z.string().max(32), t: z.string().max(2000), id: z.number().int().positive() });
const isCommandName = (name: string): name is CommandName => Object.hasOwn(SUBCOMMANDS, name);

/** `commands` is every slash command's route, by name (features/index.ts collects them). */
export async function handleTeamPick(
  args: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs,
  deps: SlackDeps,
  commands: Record<CommandName, CommandRoute>,
): Promise<void> {
  const { ack, action, body } = args;
  await ack();
  // The team buttons live in an ephemeral reply, so a real press has a response_url; without one there is nowhere to answer.
  const respond = respondOf(args);
  if (!respond) return;
  let parsed: z.infer<typeof valueSchema> | null = null;
  try {
    const result = valueSchema.safeParse(JSON.parse(action.value ?? ''));
    parsed = result.success ? result.data : null;
  } catch {
    parsed = null;
  }
  const slackTeamId = workspaceOf(body);
  // The value comes from the client: only a team of this workspace, and only a real command.
  const team = parsed ? await teamOfWorkspace(deps, parsed.id, slackTeamId) : undefined;
  if (!parsed || !isCommandName(parsed.c) || !team) {
    await respond({ response_type: 'ephemeral', replace_original: true, text: 'That team no longer exists. Run the command again to see the teams.' });
    return;
  }
  const command: SlashCommand = {
    token: '',
    command: parsed.c,
    text: parsed.t,
    team_id: slackTeamId,
    team_domain: body.team?.domain ?? '',
    channel_id: team.teamChannelId,
    channel_name: '',
    user_id: body.user.id,
    user_name: body.user.name ?? '',
    api_app_id: body.api_app_id,
    response_url: body.response_url ?? '',
    trigger_id: body.trigger_id,
  };
  // What the command would ack goes through response_url instead, in place of the team buttons.
  const commandAck = async (response?: string | RespondArguments) => {
    if (response === undefined) return;
    await respond({ ...(typeof response === 'string' ? { text: response } : response), replace_original: true });
  };
  await commands[parsed.c]({ ...args, command, body: command, payload: command, ack: commandAck } as never);
}
