/** /backlog modals: the sealed state each carries, how each is rendered, and the PO's form submissions. */
import type { SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import type { Team } from '../../../db/repositories/teams.js';
import { itemEditSchema } from '../../../domain/backlog.js';
import { DomainError, isDomainError } from '../../../domain/errors.js';
import { teamTransaction } from '../../../domain/serviceKit.js';
import type { SlackDeps } from '../../deps.js';
import { domainErrorText } from '../../copy.js';
import type { WithSealedTeam } from '../../middleware/teamContext.js';
import { BACKLOG, BACKLOG_PAGE_SIZE } from '../../ids.js';
import { issuesToBlockErrors, readOptional, readText, readValue, readValues } from '../../parse.js';
import { buildBacklogModal, buildEditItemModal, buildIceboxModal, ICEBOX_SHOWN, buildReadyModal, buildRemoveItemModal } from './modals.js';
import { buildInfoModal } from '../../ui/infoModal.js';

export const backlogStateSchema = z.object({ teamId: z.number().int().positive(), page: z.number().int().min(0) });
export type BacklogState = z.infer<typeof backlogStateSchema>;
export const itemFormSchema = z.object({
  teamId: z.number().int().positive(),
  itemId: z.number().int().positive(),
  page: z.number().int().min(0),
  parentViewId: z.string().max(40).nullable(),
});
type ItemForm = z.infer<typeof itemFormSchema>;
export const readyFormSchema = z.object({ teamId: z.number().int().positive(), parentViewId: z.string().max(40).nullable() });

export async function backlogView(deps: SlackDeps, team: Team, userId: string, page: number): Promise<ModalView> {
  const result = await deps.services.backlog.page(team.id, page, BACKLOG_PAGE_SIZE);
  const isPo = await deps.services.backlog.isPo(team.id, userId);
  const rules = await deps.services.backlog.readyRules(team.id);
  return buildBacklogModal({
    privateMetadata: deps.seal.seal({ teamId: team.id, page: result.page }),
    team,
    ...result,
    isPo,
    rules,
  });
}

export async function iceboxView(deps: SlackDeps, team: Team, userId: string): Promise<ModalView> {
  const { items, total } = await deps.services.backlog.icebox(team.id, ICEBOX_SHOWN + 1);
  const isPo = await deps.services.backlog.isPo(team.id, userId);
  return buildIceboxModal({
    privateMetadata: deps.seal.seal({ teamId: team.id, page: 0 }),
    team,
    items,
    total,
    isPo,
  });
}

export async function readyView(deps: SlackDeps, team: Team, userId: string, parentViewId: string | null): Promise<ModalView> {
  const rules = await deps.services.backlog.readyRules(team.id);
  const isPo = await deps.services.backlog.isPo(team.id, userId);
  return buildReadyModal(deps.seal.seal({ teamId: team.id, parentViewId }), team, rules, isPo);
}

/** The PO's edit or icebox/reject form for one item (throws backlog.not_po for anyone else). */
export async function itemFormView(
  deps: SlackDeps,
  team: Team,
  userId: string,
  itemId: number,
  verb: 'edit' | 'remove',
  page: number,
  parentViewId: string | null,
): Promise<ModalView> {
  await deps.services.backlog.requirePo(team.id, userId, verb === 'edit' ? 'backlog.edit' : 'backlog.remove');
  const item = await deps.repos.items.findById(itemId);
  if (!item || item.teamId !== team.id) throw new DomainError('item.not_found');
  const metadata = deps.seal.seal({ teamId: team.id, itemId, page, parentViewId });
  if (verb === 'remove') return buildRemoveItemModal(metadata, team, item);
  const position = await deps.services.backlog.position(team.id, itemId);
  return buildEditItemModal(metadata, team, item, position);
}

/** Refreshes the backlog modal underneath a pushed form (best effort: it may have been closed). */
export async function refreshParent(deps: SlackDeps, client: WebClient, team: Team, userId: string, parentViewId: string | null, page: number): Promise<void> {
  if (!parentViewId) return;
  const view = await backlogView(deps, team, userId, page);
  await client.views.update({ view_id: parentViewId, view }).catch((error) => deps.logger.warn('views.update of the backlog failed', error));
}

const EDIT_BLOCKS: Record<string, string> = {
  title: BACKLOG.blocks.title,
  details: BACKLOG.blocks.details,
  type: BACKLOG.blocks.type,
  moscow: BACKLOG.blocks.moscow,
  businessValue: BACKLOG.blocks.businessValue,
  timeCriticality: BACKLOG.blocks.timeCriticality,
  riskReduction: BACKLOG.blocks.riskReduction,
  jobSize: BACKLOG.blocks.jobSize,
  storyPoints: BACKLOG.blocks.storyPoints,
};

const optionalNumber = (value: unknown): number | null => (value === null || value === undefined || value === '' ? null : Number(value));

type SubmitArgs<T> = WithSealedTeam<SlackViewMiddlewareArgs<ViewSubmitAction>, T>;

/** The answers to a backlog form whose sealed state is not ours or names no team of this workspace (see register.ts). */
export const EXPIRED_BACKLOG_FORM = 'This form could not be verified. Open /backlog again.';
export const EXPIRED_READY_FORM = 'This form could not be verified. Run /backlog ready again.';

export async function handleEditSubmission({ ack, body, view, client, context }: SubmitArgs<ItemForm>, deps: SlackDeps): Promise<void> {
  const { team, sealed: form } = context;
  const values = view.state.values;
  const raw = {
    title: readText(values, BACKLOG.blocks.title, BACKLOG.action),
    details: readText(values, BACKLOG.blocks.details, BACKLOG.action),
    type: readValue(values, BACKLOG.blocks.type, BACKLOG.action) ?? undefined,
    moscow: readOptional(values, BACKLOG.blocks.moscow, BACKLOG.action) ?? null,
    businessValue: optionalNumber(readOptional(values, BACKLOG.blocks.businessValue, BACKLOG.action)),
    timeCriticality: optionalNumber(readOptional(values, BACKLOG.blocks.timeCriticality, BACKLOG.action)),
    riskReduction: optionalNumber(readOptional(values, BACKLOG.blocks.riskReduction, BACKLOG.action)),
    jobSize: optionalNumber(readOptional(values, BACKLOG.blocks.jobSize, BACKLOG.action)),
    storyPoints: optionalNumber(readOptional(values, BACKLOG.blocks.storyPoints, BACKLOG.action)),
  };
  const rankText = String(readText(values, BACKLOG.blocks.position, BACKLOG.action)).trim();
  const rank = rankText === '' ? null : Number(rankText);
  const parsed = itemEditSchema.safeParse(raw);
  const errors = parsed.success ? {} : issuesToBlockErrors(parsed.error.issues, (field) => EDIT_BLOCKS[field], BACKLOG.blocks.title);
  if (rank !== null && (!Number.isInteger(rank) || rank < 1)) Object.assign(errors, { [BACKLOG.blocks.position]: 'A rank is a whole number, 1 or more.' });
  if (!parsed.success || Object.keys(errors).length > 0) {
    await ack({ response_action: 'errors', errors });
    return;
  }
  try {
    await teamTransaction(deps.repos, team.id, async () => {
      const item = await deps.services.backlog.edit(team.id, form.itemId, body.user.id, parsed.data);
      if (rank !== null && item.status === 'backlog') await deps.services.backlog.move(team.id, item.id, body.user.id, { kind: 'to', position: rank });
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await ack({ response_action: 'errors', errors: { [BACKLOG.blocks.title]: domainErrorText(error).slice(0, 150) } });
    return;
  }
  await ack();
  await refreshParent(deps, client, team, body.user.id, form.parentViewId, form.page);
}

export async function handleRemoveSubmission({ ack, body, view, client, context }: SubmitArgs<ItemForm>, deps: SlackDeps): Promise<void> {
  const { team, sealed: form } = context;
  const choice = readValue(view.state.values, BACKLOG.blocks.removeChoice, BACKLOG.action);
  const reason = String(readText(view.state.values, BACKLOG.blocks.removeReason, BACKLOG.action)).trim();
  if (choice === 'reject' && !reason) {
    await ack({ response_action: 'errors', errors: { [BACKLOG.blocks.removeReason]: 'Say why it is rejected: the requester is told.' } });
    return;
  }
  try {
    if (choice === 'reject') await deps.services.backlog.reject(team.id, form.itemId, body.user.id, reason);
    else await deps.services.backlog.toIcebox(team.id, form.itemId, body.user.id, reason || null);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await ack({ response_action: 'errors', errors: { [BACKLOG.blocks.removeChoice]: domainErrorText(error).slice(0, 150) } });
    return;
  }
  await ack();
  deps.outbox.kick();
  await refreshParent(deps, client, team, body.user.id, form.parentViewId, form.page);
}

export async function handleReadySubmission({ ack, body, view, client, context }: SubmitArgs<z.infer<typeof readyFormSchema>>, deps: SlackDeps): Promise<void> {
  const { team, sealed: form } = context;
  try {
    await deps.services.backlog.setReadyChecklist(team.id, body.user.id, readValues(view.state.values, BACKLOG.blocks.readyRules, BACKLOG.action));
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await ack({ response_action: 'errors', errors: { [BACKLOG.blocks.readyRules]: domainErrorText(error).slice(0, 150) } });
    return;
  }
  await ack();
  await refreshParent(deps, client, team, body.user.id, form.parentViewId, 0);
}

export const infoView = (text: string): ModalView => buildInfoModal('Product backlog', text);
