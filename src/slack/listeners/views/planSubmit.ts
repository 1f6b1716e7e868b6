/** The planning modal: live running total (block_actions), submission, and the over-velocity confirmation. */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { isDomainError } from '../../../domain/errors.js';
import type { PlanField, PlanInput } from '../../../domain/sprints.js';
import type { SlackDeps } from '../../deps.js';
import { domainErrorText } from '../../errorText.js';
import { PLAN } from '../../ids.js';
import type { MetadataSeal } from '../../metadata.js';
import { readText, readValue, type StateValues } from '../../parse.js';
import { buildInfoModal } from '../../views/suggestModal.js';
import { buildPlanConfirmModal, buildPlanModal, type PlanFormValues } from '../../views/planModal.js';
import { actorOf } from '../sprintSupport.js';

const originSchema = z.object({ teamId: z.number().int().positive() });
export const sealPlanOrigin = (seal: MetadataSeal, origin: z.infer<typeof originSchema>): string => seal.seal(origin);

const pendingSchema = z.object({
  teamId: z.number().int().positive(),
  name: z.string().max(100),
  goal: z.string().max(300),
  startDate: z.string().max(10),
  endDate: z.string().max(10),
  capacityPoints: z.number().nullable(),
  itemIds: z.array(z.number().int().positive()).max(100),
  overrideReason: z.string().max(600).nullable(),
});

const FIELD_BLOCKS: Record<PlanField, string> = {
  name: PLAN.blocks.name,
  goal: PLAN.blocks.goal,
  dates: PLAN.blocks.end,
  capacity: PLAN.blocks.capacity,
  items: PLAN.blocks.override,
  override: PLAN.blocks.override,
};

const EXPIRED = 'This form could not be verified. Close it and run /plan again.';

/** The form as typed so far. */
export function readPlanForm(values: StateValues): PlanFormValues & { itemIds: number[] } {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const capacityRaw = str(readValue(values, PLAN.blocks.capacity)).trim();
  const capacity = capacityRaw === '' ? null : Number(capacityRaw);
  // A forged payload can send anything as state: only a plain object has blocks to read.
  const blocks = values && typeof values === 'object' ? values : {};
  const itemIds = Object.entries(blocks)
    .filter(([blockId]) => blockId.startsWith(PLAN.candidatePrefix))
    .filter(([blockId]) => {
      const selected = readValue(values, blockId, PLAN.selectAction);
      return Array.isArray(selected) && selected.length > 0;
    })
    .map(([blockId]) => Number(blockId.slice(PLAN.candidatePrefix.length)))
    .filter((id) => Number.isInteger(id) && id > 0);
  return {
    name: str(readText(values, PLAN.blocks.name)),
    goal: str(readText(values, PLAN.blocks.goal)),
    startDate: str(readValue(values, PLAN.blocks.start)),
    endDate: str(readValue(values, PLAN.blocks.end)),
    // NaN (not a number) reaches checkPlan, which explains the problem inline.
    capacity,
    overrideReason: str(readText(values, PLAN.blocks.override)),
    itemIds,
  };
}

/** A candidate checkbox or a date changed: recompute the running total and working days, update the modal in place. */
export async function handlePlanSelection(
  { ack, body, client, logger }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  await ack();
  const view = body.view;
  const origin = view ? deps.seal.open(view.private_metadata, originSchema) : null;
  if (!view || !origin) return;
  const form = readPlanForm(view.state.values as StateValues);
  let ctx;
  try {
    ctx = deps.services.sprints.planningContext(origin.teamId, actorOf(body.user.id), { startDate: form.startDate, endDate: form.endDate });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await client.views.update({ view_id: view.id, view: buildInfoModal('Plan a sprint', domainErrorText(error)) }).catch(() => undefined);
    return;
  }
  const values: Partial<PlanFormValues> = { ...form, capacity: Number.isNaN(form.capacity ?? 0) ? null : form.capacity };
  try {
    await client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: buildPlanModal({ ctx, privateMetadata: view.private_metadata, selected: new Set(form.itemIds), values }),
    });
  } catch (error) {
    // hash_conflict: a newer selection already updated the view; that update wins.
    logger.debug('plan views.update skipped', error);
  }
}

export async function handlePlanSubmission(
  { ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  const origin = deps.seal.open(view.private_metadata, originSchema);
  if (!origin) {
    await ack({ response_action: 'errors', errors: { [PLAN.blocks.goal]: EXPIRED } });
    return;
  }
  const form = readPlanForm(view.state.values as StateValues);
  const actor = actorOf(body.user.id);
  const input: PlanInput = {
    teamId: origin.teamId,
    name: form.name,
    goal: form.goal,
    startDate: form.startDate,
    endDate: form.endDate,
    capacityPoints: form.capacity,
    itemIds: form.itemIds,
    overrideReason: form.overrideReason.trim() || null,
    confirmOverVelocity: false,
  };
  let check;
  try {
    check = deps.services.sprints.checkPlan(input, actor);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await ack({ response_action: 'errors', errors: { [PLAN.blocks.goal]: domainErrorText(error).slice(0, 150) } });
    return;
  }
  const errors = Object.entries(check.errors);
  if (errors.length > 0) {
    const byBlock: Record<string, string> = {};
    for (const [field, message] of errors) byBlock[FIELD_BLOCKS[field as PlanField]] ??= message;
    await ack({ response_action: 'errors', errors: byBlock });
    return;
  }
  if (check.overcommitted && check.baseline !== null) {
    const pending = pendingSchema.parse({ ...input, confirmOverVelocity: undefined });
    await ack({
      response_action: 'push',
      view: buildPlanConfirmModal({
        privateMetadata: deps.seal.seal(pending),
        total: check.total,
        baseline: check.baseline,
        usesVelocity: deps.services.sprints.velocityHistory(origin.teamId).length > 0,
      }),
    });
    return;
  }
  await startSprint(input, actor, ack, deps);
}

export async function handlePlanConfirmation(
  { ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  const pending = deps.seal.open(view.private_metadata, pendingSchema);
  if (!pending) {
    await ack({ response_action: 'update', view: buildInfoModal('Plan a sprint', EXPIRED) });
    return;
  }
  await startSprint({ ...pending, confirmOverVelocity: true }, actorOf(body.user.id), ack, deps, true);
}

async function startSprint(
  input: PlanInput,
  actor: ReturnType<typeof actorOf>,
  ack: SlackViewMiddlewareArgs<ViewSubmitAction>['ack'],
  deps: SlackDeps,
  confirmed = false,
): Promise<void> {
  try {
    deps.services.sprints.start(input, actor);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const text = domainErrorText(error).slice(0, 150);
    if (confirmed) {
      await ack({ response_action: 'update', view: buildInfoModal('Plan a sprint', domainErrorText(error)) });
    } else {
      const field = (error.details.field as PlanField | undefined) ?? 'goal';
      await ack({ response_action: 'errors', errors: { [FIELD_BLOCKS[field] ?? PLAN.blocks.goal]: text } });
    }
    return;
  }
  // Closes the whole stack (the confirmation and the planning modal under it).
  await ack(confirmed ? { response_action: 'clear' } : undefined);
  deps.outbox.kick();
}
