/** /rituals help | setup: the bot's own command. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { buildHelpText } from '../../views/help.js';

export async function handleRitualsCommand(
  { command, ack }: SlackCommandMiddlewareArgs & AllMiddlewareArgs,
  _deps: SlackDeps,
): Promise<void> {
  const [sub = 'help'] = command.text.trim().toLowerCase().split(/\s+/);
  switch (sub) {
    default:
      await ack({ response_type: 'ephemeral', text: buildHelpText() });
  }
}
