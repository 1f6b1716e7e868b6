/** app_home_opened: publish the person's App Home (views.publish). */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { buildHomeView } from './screens.js';

export async function handleAppHomeOpened(
  { event, body, client, logger }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  if (event.tab !== 'home') return;
  const slackTeamId = (body as { team_id?: string }).team_id ?? '';
  const view = buildHomeView(await deps.services.home.forUser(slackTeamId, event.user));
  await client.views.publish({ user_id: event.user, view }).catch((error) => logger.warn('views.publish failed', error));
}
