/** /sprint [status | close | add R-42 | remove R-42 <reason> | retro summary]: the sprint backlog. */
import type { SlackCommandMiddlewareArgs } from '@slack/bolt';
import { isDomainError } from '../../../domain/errors.js';
import { parseItemRef } from '../../../domain/itemRef.js';
import { rolesOf } from '../../../domain/roles.js';
import type { SlackDeps } from '../../deps.js';
import { domainErrorText } from '../../copy.js';
import { escapeMrkdwn } from '../../ui/mrkdwn.js';
import { buildCloseModal, buildScopeLockedMessage, buildSprintBoardModal, buildSprintStatusMessage } from './screens.js';
import { itemRef } from '../../ui/itemLabels.js';
import { sealSprintRef } from './submissions.js';
import { subcommandOf } from '../../commandCatalog.js';
import { COMMANDS } from '../../ids.js';
import { openCommandForm } from '../../openForm.js';
import type { WithTeam } from '../../middleware/teamContext.js';
import { actorOf } from '../../listenerSupport.js';

const USAGE = [
  '*/sprint* opens the sprint board (move items and tasks, assign yourself, add tasks).',
  '`/sprint status`: goal, days left, points done and remaining, items by state.',
  '`/sprint add R-42`: ask to add an item mid-sprint (scope is locked; PO/SM may override).',
  '`/sprint remove R-42 <reason>`: PO/SM take an item out (a recorded scope change).',
  '`/sprint close`: SM or PO close the sprint.',
  '`/sprint retro summary`: SM or PO post the retrospective summary now.',
].join('\n');

export async function handleSprintCommand(
  { command, ack, client, logger, respond, context }: WithTeam<SlackCommandMiddlewareArgs>,
  deps: SlackDeps,
): Promise<void> {
  const { team } = context;
  const actor = actorOf(command.user_id);
  const [sub = '', ...rest] = command.text.trim().split(/\s+/);
  const reply = (text: string, blocks?: unknown[]) => ack({ response_type: 'ephemeral', text, ...(blocks ? { blocks: blocks as never } : {}) });
  try {
    switch (subcommandOf(COMMANDS.sprint, sub)) {
      case '':
      case 'board': {
        const summary = await deps.services.sprints.status(team.id);
        await ack();
        const view = buildSprintBoardModal({ summary, viewer: command.user_id, privateMetadata: sealSprintRef(deps.seal, { teamId: team.id }) });
        await openCommandForm({ client, logger, command, respond }, view, { retry: 'run `/sprint` again', what: '/sprint' });
        return;
      }
      case 'status': {
        const message = buildSprintStatusMessage(await deps.services.sprints.status(team.id));
        await reply(message.text, message.blocks);
        return;
      }
      case 'close': {
        const summary = await deps.services.sprints.closePreview(team.id, actor);
        await ack();
        const view = buildCloseModal({ summary, privateMetadata: sealSprintRef(deps.seal, { teamId: team.id, sprintId: summary.sprint.id }) });
        await openCommandForm({ client, logger, command, respond }, view, { retry: 'run `/sprint close` again', what: '/sprint close' });
        return;
      }
      case 'add':
      case 'remove': {
        const ref = parseItemRef(rest[0] ?? '');
        const item = ref ? await deps.repos.items.findByNumber(team.id, ref.number) : undefined;
        if (!item) {
          await reply(`Which item? Use \`/sprint ${sub.toLowerCase()} R-42\`. New work goes through \`/suggest\`.`);
          return;
        }
        if (sub.toLowerCase() === 'remove') {
          const updated = await deps.services.sprints.removeFromActiveSprint(item.id, actor, rest.slice(1).join(' '));
          await reply(`*${itemRef(team, updated)}* left the sprint and is at the top of the product backlog, flagged for the Product Owner.`);
          deps.outbox.kick();
          return;
        }
        try {
          await deps.services.sprints.addToActiveSprint(item.id, actor);
        } catch (error) {
          if (!isDomainError(error) || error.code !== 'sprint.locked') throw error;
          const sprint = (await deps.services.sprints.activeSprint(team.id))!;
          const roles = rolesOf(team, await deps.repos.teams.members(team.id), command.user_id);
          const message = buildScopeLockedMessage({
            team,
            item,
            sprint,
            attempts: Number(error.details.attempts ?? 1),
            mayOverride: roles.has('po') || roles.has('sm'),
            mayDefer: !roles.has('outsider'),
          });
          await reply(message.text, message.blocks);
        }
        return;
      }
      case 'retro': {
        const sprint = await deps.services.retro.requestSummary(team.id, actor);
        await reply(`Posting the retrospective summary of ${escapeMrkdwn(sprint.name)} in the team channel.`);
        deps.outbox.kick();
        return;
      }
      default:
        await reply(USAGE);
    }
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await reply(domainErrorText(error));
  }
}
