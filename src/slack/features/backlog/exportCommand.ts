/** /backlog export: the PO or SM gets the backlog, inbox and icebox as a CSV file in their DM. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Team } from '../../../db/repositories/teams.js';
import { isDomainError } from '../../../domain/errors.js';
import { localDate } from '../../../domain/localTime.js';
import type { SlackDeps } from '../../deps.js';
import { domainErrorText } from '../../copy.js';
import { sendFileToUser } from '../../fileDelivery.js';
import { backlogCsvFilename, buildBacklogCsv } from './csv.js';

export async function handleBacklogExport(
  { command, ack, respond, client, logger }: SlackCommandMiddlewareArgs & AllMiddlewareArgs,
  deps: SlackDeps,
  team: Team,
): Promise<void> {
  let exported;
  try {
    exported = await deps.services.exports.backlog(team.id, command.user_id);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await ack({ response_type: 'ephemeral', text: domainErrorText(error) });
    return;
  }
  const count = exported.items.length;
  await ack({
    response_type: 'ephemeral',
    text: `Preparing the export of ${count} item${count === 1 ? '' : 's'} (backlog, inbox and icebox): I'll send you the CSV file in a direct message.`,
  });
  // The upload is three Slack calls: after the ack, never inside Slack's 3 seconds.
  const today = localDate(deps.clock(), team.timezone);
  const reason = await sendFileToUser(client, command.user_id, {
    content: buildBacklogCsv(exported),
    filename: backlogCsvFilename(team.name, today),
    title: `${team.name} backlog, ${today}`,
    comment: `The backlog, inbox and icebox of ${team.name} as of ${today}: ${count} item${count === 1 ? '' : 's'}.`,
  });
  if (!reason) return;
  logger.warn(`backlog export upload for team ${team.id} failed: ${reason}`);
  await respond({
    response_type: 'ephemeral',
    text: `Sorry, I couldn't send you the export file (Slack said: ${reason}). Please try \`/backlog export\` again in a minute.`,
  }).catch((error) => logger.warn('could not tell the person that the export failed', error));
}
