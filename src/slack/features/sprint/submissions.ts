/** Sprint modals' submissions: tasks, scope override, close, retrospective answers. */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { DomainError, isDomainError } from '../../../domain/errors.js';
import { teamTransaction } from '../../../domain/serviceKit.js';
import type { SlackDeps } from '../../deps.js';
import { domainErrorText } from '../../copy.js';
import { RETRO, SPRINT } from '../../ids.js';
import type { MetadataSeal } from '../../metadata.js';
import { readText, readValue } from '../../parse.js';
import { buildSprintBoardModal } from './screens.js';
import { actorOf } from '../../listenerSupport.js';

const refSchema = z.object({
  teamId: z.number().int().positive(),
  sprintId: z.number().int().positive().optional(),
  itemId: z.number().int().positive().optional(),
  /** The board modal under a pushed view, refreshed after the pushed view is submitted. */
  boardViewId: z.string().max(40).optional(),
});
export type SprintRef = z.infer<typeof refSchema>;
export const sealSprintRef = (seal: MetadataSeal, ref: SprintRef): string => seal.seal(ref);
export const openSprintRef = (seal: MetadataSeal, raw: string | undefined): SprintRef | null => seal.open(raw, refSchema);

const EXPIRED = 'This form could not be verified. Close it and try again.';
const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** Re-renders the board modal after a change (best effort: it is only a view). */
export async function refreshBoard(deps: SlackDeps, client: WebClient, viewId: string, teamId: number, viewer: string): Promise<void> {
  try {
    const summary = await deps.services.sprints.status(teamId);
    await client.views.update({
      view_id: viewId,
      view: buildSprintBoardModal({ summary, viewer, privateMetadata: sealSprintRef(deps.seal, { teamId }) }),
    });
  } catch (error) {
    deps.logger.debug('sprint board refresh skipped', error);
  }
}

export async function handleTasksSubmission(
  { ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  const ref = openSprintRef(deps.seal, view.private_metadata);
  if (!ref?.itemId) {
    await ack({ response_action: 'errors', errors: { [SPRINT.tasksBlock]: EXPIRED } });
    return;
  }
  const titles = text(readText(view.state.values, SPRINT.tasksBlock, SPRINT.action)).split('\n');
  try {
    await deps.services.sprintWork.addTasks(ref.itemId, titles, actorOf(body.user.id));
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await ack({ response_action: 'errors', errors: { [SPRINT.tasksBlock]: domainErrorText(error).slice(0, 150) } });
    return;
  }
  await ack();
  if (ref.boardViewId) await refreshBoard(deps, client, ref.boardViewId, ref.teamId, body.user.id);
}

export async function handleOverrideSubmission(
  { ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  const ref = openSprintRef(deps.seal, view.private_metadata);
  if (!ref?.itemId) {
    await ack({ response_action: 'errors', errors: { [SPRINT.overrideReasonBlock]: EXPIRED } });
    return;
  }
  const reason = text(readText(view.state.values, SPRINT.overrideReasonBlock, SPRINT.action)).trim();
  if (!reason) {
    await ack({ response_action: 'errors', errors: { [SPRINT.overrideReasonBlock]: 'Say why this cannot wait for the next sprint.' } });
    return;
  }
  try {
    await deps.services.sprints.addToActiveSprint(ref.itemId, actorOf(body.user.id), { override: reason });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await ack({ response_action: 'errors', errors: { [SPRINT.overrideReasonBlock]: domainErrorText(error).slice(0, 150) } });
    return;
  }
  await ack();
  deps.outbox.kick();
}

export async function handleCloseSubmission(
  { ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  const ref = openSprintRef(deps.seal, view.private_metadata);
  if (!ref?.sprintId) {
    await ack({ response_action: 'errors', errors: { [SPRINT.closeRetroBlock]: EXPIRED } });
    return;
  }
  const chosen = readValue(view.state.values, SPRINT.closeRetroBlock, SPRINT.action);
  const retro = Array.isArray(chosen) && chosen.some((o) => (o as { value?: string })?.value === 'retro');
  try {
    // One transaction, so the check and the close stay together as they did when both were synchronous.
    await teamTransaction(deps.repos, ref.teamId, async () => {
      const active = await deps.services.sprints.activeSprint(ref.teamId);
      // The modal was opened for one sprint: never close a different one.
      if (active?.id !== ref.sprintId) throw new DomainError('sprint.none_active');
      await deps.services.sprints.close(ref.teamId, actorOf(body.user.id), { retro });
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await ack({ response_action: 'errors', errors: { [SPRINT.closeRetroBlock]: domainErrorText(error).slice(0, 150) } });
    return;
  }
  await ack();
  deps.outbox.kick();
  // Stakeholders hear at once; the scheduled sweep would post it within a minute anyway (claimed once).
  await deps.reports.postSprintCloseDigest(ref.teamId, ref.sprintId).catch((error) => deps.logger.warn('sprint-close digest failed', error));
}

export async function handleRetroSubmission(
  { ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  const ref = openSprintRef(deps.seal, view.private_metadata);
  if (!ref?.sprintId) {
    await ack({ response_action: 'errors', errors: { [RETRO.blocks.wentWell]: EXPIRED } });
    return;
  }
  const answer = {
    wentWell: text(readText(view.state.values, RETRO.blocks.wentWell, RETRO.action)),
    toImprove: text(readText(view.state.values, RETRO.blocks.toImprove, RETRO.action)),
    tryNext: text(readText(view.state.values, RETRO.blocks.tryNext, RETRO.action)),
  };
  try {
    await deps.services.retro.answer(ref.sprintId, answer, actorOf(body.user.id));
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await ack({ response_action: 'errors', errors: { [RETRO.blocks.wentWell]: domainErrorText(error).slice(0, 150) } });
    return;
  }
  await ack();
  deps.outbox.kick();
}
