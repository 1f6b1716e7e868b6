/** Sprint surfaces: the /sprint board modal, status, start/close/scope messages, App Home's sprint line. */
import type { Button, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Item } from '../../../db/repositories/items.js';
import type { Sprint } from '../../../db/repositories/sprints.js';
import type { Task } from '../../../db/repositories/tasks.js';
import type { Team } from '../../../db/repositories/teams.js';
import type { WorkState } from '../../../db/schema.js';
import { formatItemRef } from '../../../domain/itemRef.js';
import { formatShortDate } from '../../ui/dates.js';
import type { ScopeChange, SprintSummary } from '../../../domain/sprints.js';
import { truncate } from '../../../domain/suggestion.js';
import { SPRINT } from '../../ids.js';
import { escapeMrkdwn, mentionUser } from '../../ui/mrkdwn.js';
import { capBlocks, context, divider, header, option, plain, section } from '../../ui/blocks.js';
import { plural, pts } from '../../ui/format.js';
import { itemModal, itemRef, itemTitleMrkdwn } from '../../ui/itemLabels.js';
import type { SlackMessage } from '../../ui/message.js';
import { dateRange, daysLeftText, formatPoints, sprintHeadline } from '../../ui/sprintHeadline.js';

export const WORK_STATE_LABELS: Record<WorkState, string> = { todo: 'To do', in_progress: 'In progress', done: 'Done' };
const WORK_STATE_ICONS: Record<WorkState, string> = { todo: ':white_circle:', in_progress: ':large_blue_circle:', done: ':white_check_mark:' };
const STATES: WorkState[] = ['todo', 'in_progress', 'done'];
const itemPts = (item: Pick<Item, 'storyPoints'>) => (item.storyPoints === null ? 'unestimated' : pts(item.storyPoints));

function scopeChangeLines(summary: SprintSummary): string[] {
  const ref = (c: ScopeChange) => (c.itemNumber === null ? `item #${c.itemId}` : `*${formatItemRef(summary.team.itemPrefix, c.itemNumber)}*`);
  return [
    ...summary.scopeAdded.map((c) => `+${pts(c.points)} ${ref(c)} added by ${mentionUser(c.actorId)}: ${escapeMrkdwn(truncate(c.reason, 200))}`),
    ...summary.scopeRemoved.map((c) => `-${pts(c.points)} ${ref(c)} removed by ${mentionUser(c.actorId)}: ${escapeMrkdwn(truncate(c.reason, 200))}`),
  ];
}

function itemLine(team: Team, item: Item): string {
  const who = item.assigneeId ? ` · ${mentionUser(item.assigneeId)}` : '';
  return `${WORK_STATE_ICONS[item.workState ?? 'todo']} ${itemTitleMrkdwn(team, item)} · ${itemPts(item)}${who}`;
}

/** /sprint status: goal, days left, done/remaining points, items by state, scope changes. */
export function buildSprintStatusMessage(summary: SprintSummary): SlackMessage {
  const blocks: KnownBlock[] = [header(`${summary.sprint.name}: status`), section(sprintHeadline(summary))];
  for (const state of STATES) {
    const items = summary.byState[state];
    const lines = items.map((item) => itemLine(summary.team, item));
    blocks.push(section(`*${WORK_STATE_LABELS[state]} (${items.length})*\n${lines.join('\n') || '_none_'}`));
  }
  const changes = scopeChangeLines(summary);
  if (changes.length > 0) blocks.push(section(`*Scope changes*\n${changes.join('\n')}`));
  if (summary.refusedAttempts > 0) blocks.push(context(`:lock: ${plural(summary.refusedAttempts, 'attempt')} to add work mid-sprint refused.`));
  return {
    text: truncate(
      `${summary.sprint.name}: ${pts(summary.donePoints)} done, ${formatPoints(summary.remainingPoints)} remaining, ${daysLeftText(summary)}`,
      3000,
    ),
    blocks: capBlocks(blocks, 50, (n) => `${n} more sections not shown.`),
  };
}

const menuValue = (kind: 'i' | 't', id: number, action: string) => `${kind}:${id}:${action}`;

function stateOptions(kind: 'i' | 't', id: number, current: WorkState): PlainTextOption[] {
  return STATES.filter((s) => s !== current).map((s) => option(`Move to ${WORK_STATE_LABELS[s]}`, menuValue(kind, id, s)));
}

/** The /sprint board: every item (and its tasks) with a menu to move it, assign yourself, add tasks. */
export function buildSprintBoardModal({ summary, viewer, privateMetadata }: { summary: SprintSummary; viewer: string; privateMetadata: string }): ModalView {
  const { team } = summary;
  const blocks: KnownBlock[] = [section(sprintHeadline(summary)), divider()];
  const tasksByItem = new Map<number, Task[]>();
  for (const task of summary.tasks) tasksByItem.set(task.itemId, [...(tasksByItem.get(task.itemId) ?? []), task]);
  if (summary.items.length === 0) blocks.push(section('_The sprint backlog is empty._'));
  for (const item of summary.items) {
    const state = item.workState ?? 'todo';
    const options = [
      ...stateOptions('i', item.id, state),
      item.assigneeId === viewer ? option('Unassign me', menuValue('i', item.id, 'unassign')) : option('Assign to me', menuValue('i', item.id, 'assign')),
      option('Break into tasks', menuValue('i', item.id, 'tasks')),
    ];
    blocks.push({
      type: 'section',
      block_id: `sprint_item:${item.id}`,
      text: { type: 'mrkdwn', text: truncate(itemLine(team, item), 3000) },
      accessory: { type: 'overflow', action_id: SPRINT.itemMenu, options },
    });
    for (const task of tasksByItem.get(item.id) ?? []) {
      const who = task.assigneeId ? ` · ${mentionUser(task.assigneeId)}` : '';
      blocks.push({
        type: 'section',
        block_id: `sprint_task:${task.id}`,
        text: { type: 'mrkdwn', text: truncate(`      ${WORK_STATE_ICONS[task.state]} ${escapeMrkdwn(task.title)}${who}`, 3000) },
        accessory: {
          type: 'overflow',
          action_id: SPRINT.taskMenu,
          options: [
            ...stateOptions('t', task.id, task.state),
            task.assigneeId === viewer ? option('Unassign me', menuValue('t', task.id, 'unassign')) : option('Assign to me', menuValue('t', task.id, 'assign')),
          ],
        },
      });
    }
  }
  blocks.push(
    context('Use each menu to move work along, assign yourself or break an item into tasks. Scope is locked: `/sprint add R-42` explains the options.'),
  );
  return {
    type: 'modal',
    callback_id: SPRINT.boardCallbackId,
    private_metadata: privateMetadata,
    title: plain(summary.sprint.name, 24),
    close: plain('Close', 24),
    blocks: capBlocks(blocks, 100, (n) => `${n} more rows not shown: use /sprint status for the full list.`),
  };
}

/** The modal that breaks an item into tasks (one per line). */
export function buildTasksModal({ team, item, privateMetadata }: { team: Team; item: Item; privateMetadata: string }): ModalView {
  return itemModal({ callbackId: SPRINT.tasksCallbackId, privateMetadata, titleVerb: 'Tasks for', submit: 'Add tasks', team, item }, [
    {
      type: 'input',
      block_id: SPRINT.tasksBlock,
      label: plain('Tasks, one per line'),
      element: { type: 'plain_text_input', action_id: SPRINT.action, multiline: true, max_length: 3000 },
    },
  ]);
}

/** The override modal: the PO or SM adds an item to the locked sprint, with a reason. */
export function buildScopeOverrideModal({
  team,
  item,
  sprint,
  privateMetadata,
}: {
  team: Team;
  item: Item;
  sprint: Sprint;
  privateMetadata: string;
}): ModalView {
  return {
    type: 'modal',
    callback_id: SPRINT.overrideCallbackId,
    private_metadata: privateMetadata,
    title: plain('Change sprint scope', 24),
    submit: plain('Add to sprint', 24),
    close: plain('Cancel', 24),
    blocks: [
      section(
        `:rotating_light: Add ${itemTitleMrkdwn(team, item)} (${itemPts(item)}) to *${escapeMrkdwn(sprint.name)}*, whose scope is locked?\nThis is recorded as a scope change and shown in the burndown and the digest.`,
      ),
      {
        type: 'input',
        block_id: SPRINT.overrideReasonBlock,
        label: plain('Why can it not wait for the next sprint?'),
        element: {
          type: 'plain_text_input',
          action_id: SPRINT.action,
          max_length: 500,
          placeholder: plain('e.g. Emergency: payments are failing for EU customers'),
        },
      },
    ],
  };
}

/** The refusal of a mid-sprint add, with the offer to keep it in the product backlog (and the override for PO/SM). */
export function buildScopeLockedMessage({
  team,
  item,
  sprint,
  attempts,
  mayOverride,
  mayDefer = true,
}: {
  team: Team;
  item: Item;
  sprint: Sprint;
  attempts: number;
  mayOverride: boolean;
  /** Only people on the team may flag the item for the PO; others are told how to ask. */
  mayDefer?: boolean;
}): SlackMessage {
  const text = `${itemRef(team, item)} can't join ${sprint.name}: the sprint has started and its scope is locked.`;
  const elements: Button[] = mayDefer
    ? [{ type: 'button', action_id: SPRINT.defer, text: plain('Keep it in the product backlog', 75), value: String(item.id) }]
    : [];
  if (mayOverride)
    elements.push({ type: 'button', action_id: SPRINT.overrideOpen, style: 'danger', text: plain('Override (emergency)…', 75), value: String(item.id) });
  return {
    text,
    blocks: [
      section(
        `:lock: ${itemTitleMrkdwn(team, item)} can't join *${escapeMrkdwn(sprint.name)}*: the sprint has started and its scope is locked, so the team can keep its focus on the goal.\nPut it in the product backlog instead: the Product Owner will consider it for the next sprint (ends ${sprint.endDate}).`,
      ),
      ...(elements.length > 0 ? [{ type: 'actions' as const, block_id: `scope_locked:${item.id}`, elements }] : []),
      ...(mayDefer
        ? []
        : [context(`To ask for it, \`/suggest\` it or talk to the Product Owner${team.productOwnerId ? ` (${mentionUser(team.productOwnerId)})` : ''}.`)]),
      context(
        `${plural(attempts, 'mid-sprint request')} refused this sprint.${mayOverride ? ' As PO or SM you may override for a real emergency, with a reason.' : ` Only the Product Owner${team.productOwnerId ? ` (${mentionUser(team.productOwnerId)})` : ''} or the Scrum Master${team.scrumMasterId ? ` (${mentionUser(team.scrumMasterId)})` : ''} can override.`}`,
      ),
    ],
  };
}

/** The sprint-start message in the team channel. */
export function buildSprintStartMessage(summary: SprintSummary): SlackMessage {
  const { sprint, team } = summary;
  const upcoming = summary.phase === 'upcoming';
  const lines = summary.items.map((item) => `• ${itemTitleMrkdwn(team, item)} · ${itemPts(item)}`);
  const blocks: KnownBlock[] = [
    header(upcoming ? `${sprint.name} is planned to start on ${formatShortDate(sprint.startDate)}` : `${sprint.name} has started`),
    section(
      `*Goal:* ${escapeMrkdwn(sprint.goal)}\n*Dates:* ${dateRange(sprint)}\n*Committed:* ${plural(summary.items.length, 'item')}, ${pts(sprint.committedPoints)}${sprint.capacityPoints !== null ? ` (capacity ${formatPoints(sprint.capacityPoints)})` : ''}`,
    ),
  ];
  // Split the item list over sections so a long sprint stays within the 3000-character limit.
  for (let i = 0; i < lines.length; i += 20) blocks.push(section(lines.slice(i, i + 20).join('\n')));
  blocks.push(context(`Planned by ${mentionUser(sprint.startedBy)}. Scope is now locked. \`/sprint\` shows the board; \`/sprint status\` the progress.`));
  const headline = upcoming ? `${sprint.name} is planned to start on ${formatShortDate(sprint.startDate)}.` : `${sprint.name} has started.`;
  return { text: truncate(`${headline} Goal: ${escapeMrkdwn(sprint.goal)}`, 3000), blocks: capBlocks(blocks, 50, (n) => `${n} more sections.`) };
}

/** A scope change announced in the team channel. */
export function buildScopeChangeMessage({
  team,
  sprint,
  item,
  userId,
  change,
  reason,
}: {
  team: Team;
  sprint: Sprint;
  item: Item;
  userId: string;
  change: 'added' | 'removed';
  reason: string;
}): SlackMessage {
  const sign = change === 'added' ? '+' : '-';
  const line = `:rotating_light: *Scope change in ${escapeMrkdwn(sprint.name)}:* ${itemTitleMrkdwn(team, item)} ${change === 'added' ? 'added to' : 'removed from'} the sprint by ${mentionUser(userId)} (${sign}${itemPts(item)}).\n*Why:* ${escapeMrkdwn(truncate(reason, 500))}`;
  return { text: truncate(`Scope change: ${itemRef(team, item)} ${change} (${sign}${itemPts(item)})`, 3000), blocks: [section(line)] };
}

/** The close summary posted to the team channel. */
export function buildSprintCloseMessage(summary: SprintSummary, returned: readonly Item[], retro: boolean): SlackMessage {
  const { sprint, team } = summary;
  const completed = sprint.completedPoints ?? summary.donePoints;
  const pct = summary.committedPoints > 0 ? ` (${Math.round((completed / summary.committedPoints) * 100)}%)` : '';
  const blocks: KnownBlock[] = [
    header(`${sprint.name} is closed`),
    section(
      `*Goal:* ${escapeMrkdwn(sprint.goal)}\n*Completed ${formatPoints(completed)} of the ${pts(summary.committedPoints)} committed${pct}.* Velocity recorded: ${pts(completed)}.`,
    ),
  ];
  const changes = scopeChangeLines(summary);
  if (changes.length > 0) blocks.push(section(`*Scope changes during the sprint*\n${changes.join('\n')}`));
  if (summary.refusedAttempts > 0)
    blocks.push(context(`:lock: ${plural(summary.refusedAttempts, 'mid-sprint request was', 'mid-sprint requests were')} kept out of the sprint.`));
  const done = summary.items.filter((item) => item.status === 'done');
  if (done.length > 0)
    blocks.push(section(truncate(`*Done (${done.length})*\n${done.map((item) => `• ${itemTitleMrkdwn(team, item)} · ${itemPts(item)}`).join('\n')}`, 3000)));
  if (returned.length > 0) {
    blocks.push(
      section(
        truncate(
          `*Back to the top of the product backlog (${returned.length})*, flagged for ${team.productOwnerId ? mentionUser(team.productOwnerId) : 'the Product Owner'} to re-prioritise:\n${returned.map((item) => `• ${itemTitleMrkdwn(team, item)} · ${itemPts(item)}`).join('\n')}`,
          3000,
        ),
      ),
    );
  }
  if (retro) blocks.push(context(':speech_balloon: Retrospective: everyone gets a DM with three questions; the summary comes here when all have answered.'));
  return { text: truncate(`${sprint.name} closed: ${formatPoints(completed)} of ${pts(summary.committedPoints)} completed`, 3000), blocks };
}

/** The end-date prompt to close the sprint. */
export function buildClosePromptMessage(team: Team, sprint: Sprint): SlackMessage {
  const who =
    [team.scrumMasterId, team.productOwnerId]
      .filter((id): id is string => Boolean(id))
      .map(mentionUser)
      .join(' and ') || 'Scrum Master';
  return {
    text: `${escapeMrkdwn(sprint.name)} ends today: time to close it.`,
    blocks: [
      section(
        `:checkered_flag: *${escapeMrkdwn(sprint.name)}* ends today (${sprint.endDate}). ${who}: close it to record the velocity and return unfinished work to the product backlog.`,
      ),
      {
        type: 'actions',
        block_id: `close_prompt:${sprint.id}`,
        elements: [{ type: 'button', action_id: SPRINT.closeOpen, style: 'primary', text: plain('Close sprint…', 75), value: String(sprint.id) }],
      },
    ],
  };
}

/** The close modal: what will happen, and whether to run the async retrospective. */
export function buildCloseModal({ summary, privateMetadata }: { summary: SprintSummary; privateMetadata: string }): ModalView {
  const unfinished = summary.items.filter((item) => item.status !== 'done');
  const retroOption = option('Run an async retrospective by DM', 'retro');
  return {
    type: 'modal',
    callback_id: SPRINT.closeCallbackId,
    private_metadata: privateMetadata,
    title: plain(`Close ${summary.sprint.name}`, 24),
    submit: plain('Close sprint', 24),
    close: plain('Cancel', 24),
    blocks: [
      section(sprintHeadline(summary)),
      section(
        unfinished.length === 0
          ? 'Everything is done. :tada:'
          : truncate(
              `*${plural(unfinished.length, 'unfinished item')}* will go back to the *top* of the product backlog for the Product Owner to re-prioritise (never carried over):\n${unfinished.map((item) => `• ${itemTitleMrkdwn(summary.team, item)}`).join('\n')}`,
              3000,
            ),
      ),
      {
        type: 'input',
        block_id: SPRINT.closeRetroBlock,
        optional: true,
        label: plain('Retrospective'),
        element: { type: 'checkboxes', action_id: SPRINT.action, options: [retroOption], initial_options: [retroOption] },
      },
    ],
  };
}
