/** /backlog [icebox | ready | export]: the ordered product backlog, its icebox, the Definition of Ready, or a CSV export. */
import type { SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { subcommandOf } from '../../commandCatalog.js';
import { COMMANDS } from '../../ids.js';
import { openCommandForm } from '../../openForm.js';
import type { WithTeam } from '../../middleware/teamContext.js';
import { backlogView, iceboxView, readyView } from './submissions.js';
import { handleBacklogExport } from './exportCommand.js';

export async function handleBacklogCommand(args: WithTeam<SlackCommandMiddlewareArgs>, deps: SlackDeps): Promise<void> {
  const { command, ack, client, logger, respond, context } = args;
  const { team } = context;
  const [word = ''] = command.text.trim().split(/\s+/);
  const sub = subcommandOf(COMMANDS.backlog, word);
  if (sub === 'export') {
    await handleBacklogExport(args, deps, team);
    return;
  }
  if (sub === null) {
    await ack({
      response_type: 'ephemeral',
      text: 'Usage: `/backlog` (the ordered backlog), `/backlog icebox`, `/backlog ready` (Definition of Ready), or `/backlog export` (a CSV file, for the PO and SM).',
    });
    return;
  }
  await ack();
  const view =
    sub === 'icebox'
      ? await iceboxView(deps, team, command.user_id)
      : sub === 'ready'
        ? await readyView(deps, team, command.user_id, null)
        : await backlogView(deps, team, command.user_id, 0);
  const retry = `run \`/backlog${sub ? ` ${sub}` : ''}\` again`;
  await openCommandForm({ client, logger, command, respond }, view, { retry, what: '/backlog' });
}
