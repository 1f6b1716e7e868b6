/** Buttons and menus of the sprint surfaces: the board, the scope-lock offer, the close prompt, the retro invite. */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, OverflowAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WorkState } from '../../../db/schema.js';
import { WORK_STATES } from '../../../db/schema.js';
import type { SlackDeps } from '../../deps.js';
import { openInteractionForm } from '../../openForm.js';
import { itemRef } from '../../ui/itemLabels.js';
import { buildRetroModal } from './retroScreens.js';
import { buildCloseModal, buildScopeOverrideModal, buildTasksModal } from './screens.js';
import { actorOf, ephemeral, errorText } from '../../listenerSupport.js';
import { openSprintRef, refreshBoard, sealSprintRef } from './submissions.js';
import { buildInfoModal } from '../../ui/infoModal.js';

const isWorkState = (value: string): value is WorkState => (WORK_STATES as readonly string[]).includes(value);
const channelOf = (body: BlockAction) => body.channel?.id ?? body.container?.channel_id;

/** An item's or a task's menu on the board: move, assign, break into tasks. */
export async function handleBoardMenu(
  { ack, body, action, client, logger }: SlackActionMiddlewareArgs<BlockAction<OverflowAction>> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  await ack();
  const view = body.view;
  const ref = view ? openSprintRef(deps.seal, view.private_metadata) : null;
  if (!view || !ref) return;
  const [kind, rawId, what = ''] = action.selected_option.value.split(':');
  const id = Number(rawId);
  const actor = actorOf(body.user.id);
  const work = deps.services.sprintWork;
  try {
    if (kind === 'i' && what === 'tasks') {
      const item = await deps.repos.items.findById(id);
      const team = await deps.repos.teams.findById(ref.teamId);
      if (!item || !team || item.teamId !== team.id) return;
      await openInteractionForm(
        { client, logger, body },
        buildTasksModal({ team, item, privateMetadata: sealSprintRef(deps.seal, { teamId: team.id, itemId: item.id, boardViewId: view.id }) }),
        { retry: 'pick *Break into tasks* again', push: true, what: 'the tasks form' },
      );
      return;
    }
    if (kind === 'i' && isWorkState(what)) await work.setItemState(id, what, actor, 'sprint');
    else if (kind === 'i' && what === 'assign') await work.assignItem(id, body.user.id, actor);
    else if (kind === 'i' && what === 'unassign') await work.assignItem(id, null, actor);
    else if (kind === 't' && isWorkState(what)) await work.setTaskState(id, what, actor);
    else if (kind === 't' && what === 'assign') await work.assignTask(id, body.user.id, actor);
    else if (kind === 't' && what === 'unassign') await work.assignTask(id, null, actor);
    else return;
  } catch (error) {
    const text = errorText(error);
    await openInteractionForm({ client, logger, body }, buildInfoModal('Sprint', text), {
      retry: 'try again',
      push: true,
      what: 'a board refusal',
      saying: text,
    });
    return;
  }
  await refreshBoard(deps, client, view.id, ref.teamId, body.user.id);
}

/** "Keep it in the product backlog": the offer after a refused mid-sprint add. */
export async function handleDefer(
  { ack, body, action, client, logger }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  await ack();
  try {
    const item = await deps.services.sprints.deferToBacklog(Number(action.value), actorOf(body.user.id));
    const team = (await deps.repos.teams.findById(item.teamId))!;
    const where = item.status === 'inbox' ? 'waits in the inbox for triage' : 'stays in the product backlog, flagged for the Product Owner';
    await ephemeral(
      client,
      channelOf(body),
      body.user.id,
      { text: `Thanks for protecting the sprint. *${itemRef(team, item)}* ${where}; the PO will consider it for the next sprint.` },
      logger,
    );
    deps.outbox.kick();
  } catch (error) {
    await ephemeral(client, channelOf(body), body.user.id, { text: errorText(error) }, logger);
  }
}

/** "Override (emergency)…": opens the reason modal; the domain re-checks PO/SM on submit. */
export async function handleOverrideOpen(
  { ack, body, action, client, logger, respond }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  await ack();
  const item = await deps.repos.items.findById(Number(action.value));
  const team = item ? await deps.repos.teams.findById(item.teamId) : undefined;
  const sprint = team ? await deps.services.sprints.activeSprint(team.id) : undefined;
  if (!item || !team || !sprint) {
    await ephemeral(client, channelOf(body), body.user.id, { text: 'There is no active sprint to add it to any more.' }, logger);
    return;
  }
  await openInteractionForm(
    { client, logger, body, respond },
    buildScopeOverrideModal({ team, item, sprint, privateMetadata: sealSprintRef(deps.seal, { teamId: team.id, itemId: item.id }) }),
    { retry: 'press *Override* again', what: 'the scope override' },
  );
}

/** "Close sprint…" on the end-date prompt: the close modal for the SM or PO. */
export async function handleCloseOpen(
  { ack, body, action, client, logger, respond }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  await ack();
  const sprint = await deps.repos.sprints.findById(Number(action.value));
  if (sprint?.status !== 'active') {
    await ephemeral(client, channelOf(body), body.user.id, { text: 'That sprint is already closed.' }, logger);
    return;
  }
  let view;
  try {
    const summary = await deps.services.sprints.closePreview(sprint.teamId, actorOf(body.user.id));
    view = buildCloseModal({ summary, privateMetadata: sealSprintRef(deps.seal, { teamId: sprint.teamId, sprintId: sprint.id }) });
  } catch (error) {
    await ephemeral(client, channelOf(body), body.user.id, { text: errorText(error) }, logger);
    return;
  }
  await openInteractionForm({ client, logger, body, respond }, view, { retry: 'press *Close sprint* again, or run `/sprint close`', what: 'the close form' });
}

/** "Answer the retrospective" in the DM. */
export async function handleRetroOpen(
  { ack, body, action, client, logger, respond }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  await ack();
  const sprint = await deps.repos.sprints.findById(Number(action.value));
  if (!sprint) return;
  await openInteractionForm(
    { client, logger, body, respond },
    buildRetroModal({ sprint, privateMetadata: sealSprintRef(deps.seal, { teamId: sprint.teamId, sprintId: sprint.id }) }),
    { retry: 'press *Answer the retrospective* again', what: 'the retro' },
  );
}
