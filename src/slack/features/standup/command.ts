/** /standup [answer | run | away FROM [TO] | back | impediments | help]. */
import type { SlackCommandMiddlewareArgs } from '@slack/bolt';
import { isDomainError } from '../../../domain/errors.js';
import { formatShortDate } from '../../ui/dates.js';
import { plural } from '../../ui/format.js';
import { subcommandOf } from '../../commandCatalog.js';
import { COMMANDS } from '../../ids.js';
import type { SlackDeps } from '../../deps.js';
import { domainErrorText } from '../../copy.js';
import type { WithTeam } from '../../middleware/teamContext.js';
import type { RouteMiddleware } from '../../router.js';
import { escapeMrkdwn, mentionUser } from '../../ui/mrkdwn.js';
import { buildImpedimentList } from './screens.js';
import { openStandupModal } from './actions.js';

export const STANDUP_HELP = [
  '*/standup*: write (or edit) your standup update for today.',
  '*/standup away 2026-12-24 2027-01-02*: no prompts on those dates (one date works too).',
  "*/standup back*: you're back; prompts start again.",
  '*/standup impediments*: open impediments, with buttons to resolve them.',
  '*/standup run*: (Scrum Master) prompt the whole team now.',
].join('\n');

type Reply = (text: string, blocks?: unknown[]) => Promise<void>;
const replyWith =
  (ack: SlackCommandMiddlewareArgs['ack']): Reply =>
  (text, blocks) =>
    ack({ response_type: 'ephemeral', text, ...(blocks ? { blocks: blocks as never } : {}) });
const wordsOf = (command: { text: string }) => command.text.trim().split(/\s+/).filter(Boolean);

/** /standup help, away and back need no team: answered here, before the team is resolved; the rest goes on. */
export function answerWithoutTeam(deps: SlackDeps): RouteMiddleware<SlackCommandMiddlewareArgs> {
  return async ({ command, ack, next }) => {
    const [sub = '', ...args] = wordsOf(command);
    const reply = replyWith(ack);
    const userId = command.user_id;
    const slackTeamId = command.team_id;
    try {
      switch (subcommandOf(COMMANDS.standup, sub)) {
        case 'help':
          await reply(STANDUP_HELP);
          return;
        case 'away': {
          if (args.length === 0 || args.length > 2) {
            await reply('Tell me the dates: `/standup away 2026-12-24 2027-01-02` (first and last day away), or one date.');
            return;
          }
          const result = await deps.services.standup.setAway({ slackTeamId, userId, from: args[0]!, ...(args[1] ? { to: args[1] } : {}) });
          deps.outbox.kick();
          const span = result.from === result.to ? `on ${formatShortDate(result.from)} (${result.from})` : `from ${result.from} to ${result.to}`;
          await reply(`:palm_tree: Got it: you're away ${span}. No standup prompts then; the standup shows you as away. \`/standup back\` if plans change.`);
          return;
        }
        case 'back': {
          const changed = await deps.services.standup.back({ slackTeamId, userId });
          deps.outbox.kick();
          await reply(changed > 0 ? ":wave: Welcome back: you'll get standup prompts again." : "You weren't marked away; nothing changed.");
          return;
        }
        default:
          break;
      }
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await reply(domainErrorText(error));
      return;
    }
    await next();
  };
}

/** The /standup subcommands about the team (behind answerWithoutTeam and commandTeam). */
export async function handleStandupCommand(
  { command, ack, client, logger, respond, context }: WithTeam<SlackCommandMiddlewareArgs>,
  deps: SlackDeps,
): Promise<void> {
  const [sub = ''] = wordsOf(command);
  const reply = replyWith(ack);
  const userId = command.user_id;
  const slackTeamId = context.workspace;
  const { team } = context;
  try {
    switch (subcommandOf(COMMANDS.standup, sub)) {
      case 'impediments': {
        const list = buildImpedimentList(team.name, await deps.services.standup.listOpenImpediments(team.id));
        await reply(list.text, list.blocks);
        return;
      }
      case 'run': {
        const facts = await deps.users.lookup(slackTeamId, userId);
        const result = await deps.services.standup.runNow({ teamId: team.id, actor: { userId, isWorkspaceAdmin: facts.isAdmin } });
        deps.outbox.kick();
        const parts = [`:loudspeaker: Standup for ${formatShortDate(result.date)} started: prompted ${plural(result.prompted.length, 'member')}.`];
        if (result.alreadyPrompted.length > 0) parts.push(`Already prompted: ${result.alreadyPrompted.map(mentionUser).join(', ')}.`);
        if (result.away.length > 0) parts.push(`Away: ${result.away.map(mentionUser).join(', ')}.`);
        if (result.otherDay.length > 0) {
          const others = result.otherDay.map(({ userId: other, date }) => `${mentionUser(other)} (${formatShortDate(date)})`).join(', ');
          parts.push(`Not asked now, it's another day where they are: ${others}; they get their own standup at the team's standup time there.`);
        }
        await reply(parts.join(' '));
        return;
      }
      case '':
      case 'answer': {
        // The person's timezone decides which day they answer for (cached; bounded wait on the ack path).
        await deps.users.lookup(slackTeamId, userId);
        // Opening the form stores nothing: the day's message starts with the first answer.
        const target = await deps.services.standup.answerNow({ teamId: team.id, userId });
        await ack();
        await openStandupModal({ client, logger, triggerId: command.trigger_id, target, userId, respond, retry: 'run `/standup` again' }, deps);
        return;
      }
      default:
        await reply(`I don't know \`/standup ${escapeMrkdwn(sub)}\`.\n${STANDUP_HELP}`);
    }
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await reply(domainErrorText(error));
  }
}
