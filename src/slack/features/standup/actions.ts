/** Standup buttons: open the answer form, resolve an impediment, set or end an absence. */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { isDomainError } from '../../../domain/errors.js';
import { localDate } from '../../../domain/localTime.js';
import type { AnswerTarget } from '../../../domain/standup.js';
import type { SlackDeps } from '../../deps.js';
import { domainErrorText } from '../../copy.js';
import { workspaceOf } from '../../middleware/teamContext.js';
import { openForm, openInteractionForm, respondOf } from '../../openForm.js';
import { buildAwayModal, buildImpedimentDm, buildImpedimentList, buildStandupModal } from './screens.js';
import { sealStandupTarget } from './submissions.js';
import { buildInfoModal } from '../../ui/infoModal.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

const NOT_ANSWERED = { did: null, today: null, blockers: null, answeredAt: null };

/** Opens the answer modal for a prompt or a day's standup (or a modal explaining why not). */
export async function openStandupModal(
  {
    client,
    logger,
    triggerId,
    target,
    userId,
    respond,
    retry,
  }: {
    client: WebClient;
    logger: AllMiddlewareArgs['logger'];
    triggerId: string;
    target: AnswerTarget;
    userId: string;
    respond?: RespondFn | undefined;
    retry: string;
  },
  deps: SlackDeps,
): Promise<void> {
  let view;
  try {
    const form = await deps.services.standup.answerForm({ ...target, userId });
    view = buildStandupModal({
      privateMetadata: sealStandupTarget(deps.seal, target),
      teamName: form.team.name,
      date: form.date,
      prompt: form.prompt ?? NOT_ANSWERED,
      previousToday: form.previousToday,
      team: form.team,
      items: form.items,
      itemsAreUnassigned: form.itemsAreUnassigned,
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    view = buildInfoModal('Daily standup', domainErrorText(error));
  }
  await openForm({ client, logger, triggerId, view, userId, respond, retry, what: 'the standup form' });
}

export async function handleOpenStandup({ ack, body, action, client, logger, respond }: ButtonArgs, deps: SlackDeps): Promise<void> {
  await ack();
  const promptId = Number(action.value);
  if (!Number.isInteger(promptId)) return;
  const retry = 'press *Write my update* again';
  const triggerId = body.trigger_id;
  await openStandupModal({ client, logger, triggerId, target: { promptId }, userId: body.user.id, respond: respondOf({ body, respond }), retry }, deps);
}

export async function handleResolveImpediment({ ack, body, action, client, respond, logger }: ButtonArgs, deps: SlackDeps): Promise<void> {
  await ack();
  const impedimentId = Number(action.value);
  if (!Number.isInteger(impedimentId)) return;
  const userId = body.user.id;
  const facts = await deps.users.lookup(workspaceOf(body), userId);
  let result;
  try {
    result = await deps.services.standup.resolveImpediment({ impedimentId, actor: { userId, isWorkspaceAdmin: facts.isAdmin } });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (body.channel?.id) await client.chat.postEphemeral({ channel: body.channel.id, user: userId, text: domainErrorText(error) }).catch(() => undefined);
    return;
  }
  deps.outbox.kick();
  const team = await deps.repos.teams.findById(result.impediment.teamId);
  if (!team) return;
  const container = body.container as { type?: string; is_ephemeral?: boolean; channel_id?: string; message_ts?: string } | undefined;
  try {
    if (container?.type === 'message' && container.is_ephemeral) {
      // The /standup impediments list: show what is still open.
      const list = buildImpedimentList(team.name, await deps.services.standup.listOpenImpediments(team.id));
      await respond({ replace_original: true, text: list.text, ...(list.blocks ? { blocks: list.blocks } : {}) });
    } else if (container?.type === 'message' && container.channel_id?.startsWith('D') && container.message_ts) {
      // The Scrum Master's DM: show it resolved, in place. (Thread answers are re-rendered by the outbox.)
      await client.chat.update({ channel: container.channel_id, ts: container.message_ts, ...buildImpedimentDm(team.name, result.impediment) });
    }
  } catch (error) {
    logger.warn('could not update the message of a resolved impediment', error);
  }
}

export async function handleAwayOpen({ ack, body, client, logger, respond }: ButtonArgs, deps: SlackDeps): Promise<void> {
  await ack();
  const tz = (await deps.repos.slackUsers.find(body.team?.id ?? '', body.user.id))?.tz ?? 'UTC';
  let today;
  try {
    today = localDate(deps.clock().getTime(), tz);
  } catch {
    today = localDate(deps.clock().getTime(), 'UTC');
  }
  await openInteractionForm({ client, logger, body, respond }, buildAwayModal(deps.seal.seal({ kind: 'away' }), today), {
    retry: 'press the button again, or use `/standup away`',
    what: 'the away form',
  });
}

export async function handleBack({ ack, body, client, logger }: ButtonArgs, deps: SlackDeps): Promise<void> {
  await ack();
  try {
    const changed = await deps.services.standup.back({ slackTeamId: workspaceOf(body), userId: body.user.id });
    deps.outbox.kick();
    const text = changed > 0 ? ":wave: Welcome back: you'll get standup prompts again." : "You weren't marked away; nothing changed.";
    await client.chat.postMessage({ channel: body.user.id, text });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await client.chat.postMessage({ channel: body.user.id, text: domainErrorText(error) }).catch((e: unknown) => logger.warn('DM failed', e));
  }
}
