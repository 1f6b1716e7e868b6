/** Buttons and menus of the /backlog modals: paging, the PO's per-item menu, WSJF sort, icebox, DoR. */
import type { BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { Team } from '../../../db/repositories/teams.js';
import { isDomainError } from '../../../domain/errors.js';
import type { SlackDeps } from '../../deps.js';
import { domainErrorText } from '../../copy.js';
import type { WithSealedTeam } from '../../middleware/teamContext.js';
import { openInteractionForm } from '../../openForm.js';
import { backlogView, iceboxView, infoView, itemFormView, readyView } from './submissions.js';
import type { BacklogState } from './submissions.js';

/** Behind sealedTeam: the modal's sealed state (team, page) and its team are in the context. */
type ActionArgs = WithSealedTeam<SlackActionMiddlewareArgs<BlockAction>, BacklogState>;

function modalOf({ body, context }: ActionArgs): { team: Team; page: number; viewId: string; hash: string | undefined } | null {
  const view = body.view;
  return view ? { team: context.team, page: context.sealed.page, viewId: view.id, hash: view.hash } : null;
}

const firstAction = (body: BlockAction) => body.actions[0] as { value?: string; selected_option?: { value?: string } } | undefined;

/** Runs a change, then shows the result in place; a refusal (e.g. not the PO) is pushed on top. */
async function changeThenShow(args: ActionArgs, change: (team: Team, userId: string, page: number) => Promise<ModalView>): Promise<void> {
  const { ack, body, client, logger } = args;
  await ack();
  const ctx = modalOf(args);
  if (!ctx) return;
  try {
    const next = await change(ctx.team, body.user.id, ctx.page);
    await client.views.update({ view_id: ctx.viewId, view: next });
  } catch (error) {
    if (!isDomainError(error)) {
      logger.warn('backlog action failed', error);
      return;
    }
    const text = domainErrorText(error);
    await openInteractionForm({ client, logger, body }, infoView(text), { retry: 'try again', push: true, what: 'a backlog refusal', saying: text });
  }
}

export const handlePage = (args: ActionArgs, deps: SlackDeps) =>
  changeThenShow(args, (team, userId) => backlogView(deps, team, userId, Number(firstAction(args.body)?.value ?? 0) || 0));

export async function handleItemMenu(args: ActionArgs, deps: SlackDeps): Promise<void> {
  const [verb = '', id = ''] = (firstAction(args.body)?.selected_option?.value ?? '').split(':');
  const itemId = Number(id);
  if (verb === 'edit' || verb === 'remove') {
    const { ack, body, client, logger } = args;
    await ack();
    const ctx = modalOf(args);
    if (!ctx) return;
    let form: ModalView;
    try {
      form = await itemFormView(deps, ctx.team, body.user.id, itemId, verb, ctx.page, ctx.viewId);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      form = infoView(domainErrorText(error));
    }
    await openInteractionForm({ client, logger, body }, form, { retry: 'pick it in the item menu again', push: true, what: `the backlog ${verb} form` });
    return;
  }
  await changeThenShow(args, async (team, userId, page) => {
    if (verb === 'top' || verb === 'up' || verb === 'down') await deps.services.backlog.move(team.id, itemId, userId, { kind: verb });
    return backlogView(deps, team, userId, page);
  });
}

export const handleSortWsjf = (args: ActionArgs, deps: SlackDeps) =>
  changeThenShow(args, async (team, userId) => {
    await deps.services.backlog.sortByWsjf(team.id, userId);
    return backlogView(deps, team, userId, 0);
  });

export async function handleOpenIcebox(args: ActionArgs, deps: SlackDeps): Promise<void> {
  const { ack, body, client, logger } = args;
  await ack();
  const ctx = modalOf(args);
  if (!ctx) return;
  const view = await iceboxView(deps, ctx.team, body.user.id);
  await openInteractionForm({ client, logger, body }, view, { retry: 'press *Icebox* again', push: true, what: 'the icebox' });
}

export async function handleOpenReady(args: ActionArgs, deps: SlackDeps): Promise<void> {
  const { ack, body, client, logger } = args;
  await ack();
  const ctx = modalOf(args);
  if (!ctx) return;
  const view = await readyView(deps, ctx.team, body.user.id, ctx.viewId);
  await openInteractionForm({ client, logger, body }, view, { retry: 'press *Definition of Ready* again', push: true, what: 'the Definition of Ready' });
}

export const handleRevive = (args: ActionArgs, deps: SlackDeps) =>
  changeThenShow(args, async (team, userId) => {
    await deps.services.backlog.revive(team.id, Number(firstAction(args.body)?.value), userId);
    deps.outbox.kick();
    return iceboxView(deps, team, userId);
  });
