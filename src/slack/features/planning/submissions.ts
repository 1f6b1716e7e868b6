/** The planning modal: live running total (block_actions), submission, and the over-velocity confirmation. */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { isDomainError, type Issue } from '../../../domain/errors.js';
import type { PlanCheck, PlanField, PlanInput } from '../../../domain/sprints.js';
import type { SlackDeps } from '../../deps.js';
import { domainErrorText, issueText } from '../../copy.js';
import { PLAN } from '../../ids.js';
import type { MetadataSeal } from '../../metadata.js';
import { readText, readValue, type StateValues } from '../../parse.js';
import { buildPlanConfirmModal, buildPlanModal, type PlanFormValues } from './modals.js';
import { actorOf } from '../../listenerSupport.js';
import { buildInfoModal } from '../../ui/infoModal.js';

type Logger = AllMiddlewareArgs['logger'];

const originSchema = z.object({
  teamId: z.number().int().positive(),
  /** Picks in the poker menu so far (its block id changes with each, see buildPlanModal). */
  pokerPicks: z.number().int().min(0).max(10_000).default(0),
});
export type PlanOrigin = z.infer<typeof originSchema>;
export const sealPlanOrigin = (seal: MetadataSeal, origin: z.input<typeof originSchema>): string => seal.seal(origin);
export const openPlanOrigin = (seal: MetadataSeal, raw: unknown): PlanOrigin | null => seal.open(raw, originSchema);

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

/** The block of each field's problem; undefined: the first candidate row (where the list starts). */
const FIELD_BLOCKS: Record<PlanField, string | undefined> = {
  name: PLAN.blocks.name,
  goal: PLAN.blocks.goal,
  dates: PLAN.blocks.end,
  capacity: PLAN.blocks.capacity,
  items: undefined,
  override: PLAN.blocks.override,
};

const EXPIRED = 'This form could not be verified. Close it and run /plan again.';

/** The input blocks a submitted view has (errors can only be shown on those). */
function inputBlockIds(blocks: unknown): Set<string> {
  const ids = new Set<string>();
  if (!Array.isArray(blocks)) return ids;
  for (const block of blocks as unknown[]) {
    const { type, block_id: blockId } = (block ?? {}) as { type?: unknown; block_id?: unknown };
    if (type === 'input' && typeof blockId === 'string') ids.add(blockId);
  }
  return ids;
}

/** The block that shows a field's problem in this form: its own if the form has it, else the first candidate row, else the goal. */
function fieldBlock(field: PlanField, present: Set<string>): string {
  const own = FIELD_BLOCKS[field];
  if (own && present.has(own)) return own;
  return [...present].find((id) => id.startsWith(PLAN.candidatePrefix)) ?? PLAN.blocks.goal;
}

/**
 * Where each problem shows: an item's problem next to that item, the rest on their field. A
 * field the viewer's form lacks (members have no override reason) is said next to the items
 * concerned, or on the first candidate row, so nothing is lost and Slack never gets an unknown block.
 */
function planErrorsByBlock(check: Pick<PlanCheck, 'errors' | 'itemErrors'>, blocks: unknown): Record<string, string> {
  const present = inputBlockIds(blocks);
  const byBlock: Record<string, string> = {};
  let shownOnItems = false;
  for (const [id, problem] of Object.entries(check.itemErrors)) {
    const blockId = `${PLAN.candidatePrefix}${id}`;
    if (!present.has(blockId)) continue;
    byBlock[blockId] = issueText(problem).slice(0, 150);
    shownOnItems = true;
  }
  for (const [field, problem] of Object.entries(check.errors) as [PlanField, Issue][]) {
    const own = FIELD_BLOCKS[field];
    // Already said next to every item concerned (e.g. a member's refusal): nothing more to add.
    if ((field === 'override' || field === 'items') && shownOnItems && !(own && present.has(own))) continue;
    byBlock[fieldBlock(field, present)] ??= issueText(problem).slice(0, 150);
  }
  return byBlock;
}

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

/** Rebuilds the open planning modal for its viewer from what is typed in it (running total, working days). */
export async function refreshPlanModal(
  deps: SlackDeps,
  client: WebClient,
  {
    view,
    userId,
    origin,
    logger,
  }: { view: { id: string; hash: string; private_metadata: string; state: { values: unknown } }; userId: string; origin: PlanOrigin; logger: Logger },
): Promise<void> {
  const form = readPlanForm(view.state.values as StateValues);
  let ctx;
  try {
    ctx = await deps.services.sprints.planningContext(origin.teamId, actorOf(userId), { startDate: form.startDate, endDate: form.endDate });
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
      view: buildPlanModal({ ctx, privateMetadata: sealPlanOrigin(deps.seal, origin), selected: new Set(form.itemIds), values, pokerPicks: origin.pokerPicks }),
    });
  } catch (error) {
    // hash_conflict: a newer selection already updated the view; that update wins.
    logger.debug('plan views.update skipped', error);
  }
}

/** A candidate checkbox or a date changed: recompute the running total and working days, update the modal in place. */
export async function handlePlanSelection(
  { ack, body, client, logger }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  await ack();
  const view = body.view;
  const origin = view ? openPlanOrigin(deps.seal, view.private_metadata) : null;
  if (!view || !origin) return;
  await refreshPlanModal(deps, client, { view, userId: body.user.id, origin, logger });
}

export async function handlePlanSubmission({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs, deps: SlackDeps): Promise<void> {
  const origin = openPlanOrigin(deps.seal, view.private_metadata);
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
    check = await deps.services.sprints.checkPlan(input, actor);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await ack({ response_action: 'errors', errors: { [PLAN.blocks.goal]: domainErrorText(error).slice(0, 150) } });
    return;
  }
  if (Object.keys(check.errors).length > 0) {
    await ack({ response_action: 'errors', errors: planErrorsByBlock(check, view.blocks) });
    return;
  }
  if (check.overcommitted && check.baseline !== null) {
    const pending = pendingSchema.parse({ ...input, confirmOverVelocity: undefined });
    const usesVelocity = (await deps.services.sprints.velocityHistory(origin.teamId)).length > 0;
    await ack({
      response_action: 'push',
      view: buildPlanConfirmModal({
        privateMetadata: deps.seal.seal(pending),
        total: check.total,
        baseline: check.baseline,
        usesVelocity,
      }),
    });
    return;
  }
  await startSprint(input, actor, ack, deps, false, view.blocks);
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
  blocks: unknown = [],
): Promise<void> {
  try {
    await deps.services.sprints.start(input, actor);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (confirmed) {
      await ack({ response_action: 'update', view: buildInfoModal('Plan a sprint', domainErrorText(error)) });
    } else {
      const field = (error.details.field as PlanField | undefined) ?? 'goal';
      await ack({ response_action: 'errors', errors: { [fieldBlock(field, inputBlockIds(blocks))]: domainErrorText(error).slice(0, 150) } });
    }
    return;
  }
  // Closes the whole stack (the confirmation and the planning modal under it).
  await ack(confirmed ? { response_action: 'clear' } : undefined);
  deps.outbox.kick();
}
