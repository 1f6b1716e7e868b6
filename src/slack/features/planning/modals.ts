/** The /plan modal: sprint fields, velocity history, the top of the backlog with a running total. */
import type { KnownBlock, ModalView } from '@slack/types';
import type { PlanCandidate, PlanningContext } from '../../../domain/sprints.js';
import { GOAL_MAX, NAME_MAX, REASON_MAX } from '../../../domain/sprints.js';
import { truncate } from '../../../domain/suggestion.js';
import { isOvercommitted, OVERCOMMIT_RATIO } from '../../../domain/velocity.js';
import { defaultSprintName, READY_RULE_TEXT } from '../../copy.js';
import { PLAN } from '../../ids.js';
import { escapeMrkdwn, mentionUser } from '../../ui/mrkdwn.js';
import { context, option, plain } from '../../ui/blocks.js';
import { plural, pts } from '../../ui/format.js';
import { itemRef } from '../../ui/itemLabels.js';

export interface PlanFormValues {
  name: string;
  goal: string;
  startDate: string;
  endDate: string;
  capacity: number | null;
  overrideReason: string;
}

export interface PlanModalInput {
  ctx: PlanningContext;
  privateMetadata: string;
  selected: ReadonlySet<number>;
  /** Values typed so far (on views.update); defaults from ctx otherwise. */
  values?: Partial<PlanFormValues>;
  /**
   * How often the poker menu was used in this modal: part of its block id, so after each pick
   * the menu shows its placeholder again (Slack keeps a picked option while the id stays).
   */
  pokerPicks?: number;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** "Velocity 20 pts: mean of Sprint 3 (18), Sprint 2 (22) ..." or the no-history note. */
export function velocityLine(ctx: Pick<PlanningContext, 'velocity' | 'history'>): string {
  if (ctx.velocity === null) return 'No closed sprints yet, so no velocity: set a capacity you believe in.';
  const history = ctx.history.map((s) => `${escapeMrkdwn(s.name)}: ${fmt(s.completedPoints)} of ${fmt(s.committedPoints)}`).join(' · ');
  return `*Velocity ${pts(ctx.velocity)}* (mean completed over the last ${plural(ctx.history.length, 'sprint')}): ${history}`;
}

/** The running total against capacity and velocity, with the over-commitment warning. */
export function totalLine(total: number, capacity: number | null, velocity: number | null, count: number): string {
  const parts = [`*Selected: ${plural(count, 'item')}, ${pts(total)}*`];
  if (capacity !== null) parts.push(`capacity ${pts(capacity)}`);
  if (velocity !== null) parts.push(`velocity ${pts(velocity)}`);
  let line = parts.join(' · ');
  const baseline = velocity ?? capacity;
  if (isOvercommitted(total, baseline)) {
    line += `\n:warning: That is more than ${Math.round(OVERCOMMIT_RATIO * 100)}% of ${velocity !== null ? 'velocity' : 'capacity'}: you'll be asked to confirm.`;
  } else if (capacity !== null && total > capacity) {
    line += '\n:warning: Over capacity.';
  }
  return line;
}

/** Points, readiness and flags of a candidate (emoji codes; user text passed through escapeText). */
function candidateFacts(candidate: PlanCandidate, escapeText: (text: string) => string): string {
  const { item, readiness } = candidate;
  const points = item.storyPoints === null ? 'not estimated' : pts(item.storyPoints);
  const ready = candidate.selectable
    ? ':white_check_mark: Ready'
    : `:warning: Not Ready: ${escapeText(readiness.missingRules.map((rule) => READY_RULE_TEXT[rule]).join(', ') || 'not estimated')}`;
  const flag = item.needsReprioritisation ? ' · :arrows_counterclockwise: returned, to re-prioritise' : '';
  return `${points} · ${ready}${flag}`;
}

/**
 * One backlog candidate. Rows the viewer may pick are input blocks (a checkbox that dispatches, so
 * the total follows), so a refusal about the item shows right under it. A not-Ready item can only
 * be picked by the PO ("Select (PO override)"); everyone else sees it without a checkbox.
 */
function candidateRow(ctx: PlanningContext, candidate: PlanCandidate, index: number, selected: ReadonlySet<number>): KnownBlock {
  const { item } = candidate;
  const blockId = `${PLAN.candidatePrefix}${item.id}`;
  if (!candidate.selectable && !ctx.mayOverride) {
    const title = `${index + 1}. *${itemRef(ctx.team, item)}* ${escapeMrkdwn(truncate(item.title, 150))}`;
    const text = `${title}\n${candidateFacts(candidate, escapeMrkdwn)}\n_Only the Product Owner can include it._`;
    return { type: 'section', block_id: blockId, text: { type: 'mrkdwn', text: truncate(text, 3000) } };
  }
  const choice = option(candidate.selectable ? 'Select' : 'Select (PO override)', String(item.id));
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    dispatch_action: true,
    label: plain(`${index + 1}. ${itemRef(ctx.team, item)} ${truncate(item.title, 150)}`, 2000),
    hint: plain(
      candidateFacts(candidate, (text) => text),
      2000,
    ),
    element: {
      type: 'checkboxes',
      action_id: PLAN.selectAction,
      options: [choice],
      ...(selected.has(item.id) ? { initial_options: [choice] } : {}),
    },
  };
}

export const sumSelected = (ctx: PlanningContext, selected: ReadonlySet<number>): number =>
  Math.round(ctx.candidates.filter((c) => selected.has(c.item.id)).reduce((s, c) => s + (c.item.storyPoints ?? 0), 0) * 10) / 10;

/** The planning modal, built for its viewer: only the PO sees the override choices and reason. */
export function buildPlanModal({ ctx, privateMetadata, selected, values = {}, pokerPicks = 0 }: PlanModalInput): ModalView {
  const capacity = values.capacity !== undefined ? values.capacity : ctx.velocity;
  const total = sumSelected(ctx, selected);
  const count = ctx.candidates.filter((c) => selected.has(c.item.id)).length;
  const blocks: KnownBlock[] = [
    context(`Planning *${escapeMrkdwn(ctx.team.name)}*. ${velocityLine(ctx)}`),
    {
      type: 'input',
      block_id: PLAN.blocks.name,
      label: plain('Name'),
      element: {
        type: 'plain_text_input',
        action_id: PLAN.action,
        max_length: NAME_MAX,
        initial_value: truncate(values.name ?? defaultSprintName(ctx.number), NAME_MAX),
      },
    },
    {
      type: 'input',
      block_id: PLAN.blocks.goal,
      label: plain('Sprint goal'),
      hint: plain('One sentence: the one objective this sprint serves.'),
      element: {
        type: 'plain_text_input',
        action_id: PLAN.action,
        max_length: GOAL_MAX,
        placeholder: plain('e.g. Customers can reset their password without calling support'),
        ...(values.goal ? { initial_value: truncate(values.goal, GOAL_MAX) } : {}),
      },
    },
    {
      type: 'input',
      block_id: PLAN.blocks.start,
      dispatch_action: true,
      label: plain('Start date'),
      element: { type: 'datepicker', action_id: PLAN.action, initial_date: values.startDate ?? ctx.startDate },
    },
    {
      type: 'input',
      block_id: PLAN.blocks.end,
      dispatch_action: true,
      label: plain('End date'),
      element: { type: 'datepicker', action_id: PLAN.action, initial_date: values.endDate ?? ctx.endDate },
    },
    context(`${plural(ctx.workingDays, 'working day')} from ${ctx.startDate} to ${ctx.endDate} (weekends and team holidays don't count).`),
    {
      type: 'input',
      block_id: PLAN.blocks.capacity,
      optional: true,
      label: plain('Capacity (story points)'),
      hint: plain(ctx.velocity === null ? 'No velocity yet.' : `Defaults to the velocity, ${pts(ctx.velocity)}.`),
      element: {
        type: 'number_input',
        action_id: PLAN.action,
        is_decimal_allowed: true,
        min_value: '0',
        max_value: '1000',
        ...(capacity !== null ? { initial_value: fmt(capacity) } : {}),
      },
    },
    { type: 'divider' },
    {
      type: 'section',
      block_id: PLAN.blocks.total,
      text: { type: 'mrkdwn', text: totalLine(total, capacity, ctx.velocity, count) },
    },
  ];
  const shown = ctx.candidates.length;
  blocks.push(
    context(
      shown === 0
        ? 'The product backlog is empty: the Product Owner fills it with `/triage`.'
        : `Top ${shown} of ${ctx.backlogSize} product backlog items, in the Product Owner's order. Items must be Ready and estimated.`,
    ),
  );
  blocks.push(...ctx.candidates.map((candidate, index) => candidateRow(ctx, candidate, index, selected)));
  if (ctx.mayOverride) {
    blocks.push({
      type: 'input',
      block_id: PLAN.blocks.override,
      optional: true,
      label: plain('Override reason (Product Owner only)'),
      hint: plain(`Needed to include items that are not Ready or not estimated.`),
      element: {
        type: 'plain_text_input',
        action_id: PLAN.action,
        max_length: REASON_MAX,
        ...(values.overrideReason ? { initial_value: values.overrideReason } : {}),
      },
    });
  }
  const unestimated = ctx.candidates.filter((c) => c.item.storyPoints === null).slice(0, 100);
  if (unestimated.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: `${PLAN.blocks.poker}:${pokerPicks}`,
      elements: [
        {
          type: 'static_select',
          action_id: PLAN.pokerAction,
          placeholder: plain('Estimate an item with planning poker'),
          options: unestimated.map((c) => option(`${itemRef(ctx.team, c.item)} ${c.item.title}`, String(c.item.number))),
        },
      ],
    });
  }
  if (ctx.team.productOwnerId) blocks.push(context(`Product Owner: ${mentionUser(ctx.team.productOwnerId)}`));
  return {
    type: 'modal',
    callback_id: PLAN.callbackId,
    private_metadata: privateMetadata,
    title: plain(`Plan ${defaultSprintName(ctx.number)}`, 24),
    submit: plain('Start sprint', 24),
    close: plain('Cancel', 24),
    blocks,
  };
}

/** The confirmation pushed when the commitment is over 110% of velocity. */
export function buildPlanConfirmModal({
  privateMetadata,
  total,
  baseline,
  usesVelocity,
}: {
  privateMetadata: string;
  total: number;
  baseline: number;
  usesVelocity: boolean;
}): ModalView {
  const pct = Math.round((total / baseline) * 100);
  return {
    type: 'modal',
    callback_id: PLAN.confirmCallbackId,
    private_metadata: privateMetadata,
    title: plain('Over-committing?', 24),
    submit: plain('Start anyway', 24),
    close: plain('Back', 24),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `:warning: You are committing *${pts(total)}*, ${pct}% of the team's ${usesVelocity ? 'velocity' : 'capacity'} (${pts(baseline)}).\nTeams that over-commit usually carry work back to the backlog at the close. Start the sprint anyway?`,
        },
      },
    ],
  };
}
