/** /burndown [post | help]: the sprint burndown privately, or the chart posted to the team channel. */
import type { SlackCommandMiddlewareArgs } from '@slack/bolt';
import { DomainError, isDomainError } from '../../../domain/errors.js';
import { subcommandOf } from '../../commandCatalog.js';
import { COMMANDS } from '../../ids.js';
import type { SlackDeps } from '../../deps.js';
import { domainErrorText } from '../../copy.js';
import type { WithTeam } from '../../middleware/teamContext.js';
import type { RouteMiddleware } from '../../router.js';
import { mentionChannel } from '../../ui/mrkdwn.js';
import { buildBurndownEphemeral } from './burndownMessages.js';

export const BURNDOWN_HELP = [
  '*/burndown*: the active sprint’s burndown, shown only to you (a summary and a text sparkline: Slack cannot show an image privately).',
  '*/burndown post*: post the burndown chart to the team channel (team members only).',
  'The chart is also posted to the team channel every working day at the team’s burndown time (17:00 by default).',
].join('\n');

const subcommand = (text: string) => {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return words.length <= 1 ? subcommandOf(COMMANDS.burndown, words[0] ?? '') : null;
};

/** /burndown help (and words it does not know) need no team: answered here, before the team is resolved. */
export const answerBurndownHelp: RouteMiddleware<SlackCommandMiddlewareArgs> = async ({ command, ack, next }) => {
  const sub = subcommand(command.text);
  if (sub === 'help' || sub === null) {
    await ack({ response_type: 'ephemeral', text: BURNDOWN_HELP });
    return;
  }
  await next();
};

export async function handleBurndownCommand({ command, ack, respond, logger, context }: WithTeam<SlackCommandMiddlewareArgs>, deps: SlackDeps): Promise<void> {
  const sub = subcommand(command.text);
  const { team } = context;
  if (sub === '') {
    try {
      const report = await deps.services.reports.burndown(team.id);
      await ack({ response_type: 'ephemeral', ...buildBurndownEphemeral(report) });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await ack({ response_type: 'ephemeral', text: domainErrorText(error) });
    }
    return;
  }
  const where = mentionChannel(team.teamChannelId);
  if (!(await deps.services.sprints.activeSprint(team.id))) {
    await ack({ response_type: 'ephemeral', text: domainErrorText(new DomainError('sprint.none_active')) });
    return;
  }
  // Rendering and uploading an image takes seconds: say so at once, do the work after the ack, and
  // replace that note with the outcome (or the refusal) through response_url.
  await ack({ response_type: 'ephemeral', text: `Posting the burndown chart to ${where}…` });
  const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: true, text });
  try {
    const facts = await deps.users.lookup(command.team_id, command.user_id);
    await deps.services.reports.requireMember(team.id, { userId: command.user_id, isWorkspaceAdmin: facts.isAdmin });
    const result = await deps.reports.postBurndown(team.id);
    const text =
      result === 'uploaded'
        ? `Posted the burndown chart to ${where}.`
        : result === 'fallback'
          ? `Slack didn't accept the chart image just now, so I posted the summary to ${where} as text.`
          : result === 'retry'
            ? `Slack is having trouble right now, so nothing was posted to ${where}. Please try \`/burndown post\` again in a minute.`
            : `I couldn't post to ${where}. Invite me there with \`/invite @Rituals\`.`;
    await tell(text);
  } catch (error) {
    if (!isDomainError(error)) logger.error('/burndown post failed', error);
    await tell(isDomainError(error) ? domainErrorText(error) : 'Sorry, something went wrong while posting the burndown. Please try again.').catch(
      () => undefined,
    );
  }
}
