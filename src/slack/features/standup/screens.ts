/** Standup surfaces: the prompt DM, the answer modal, the channel parent and thread answer, impediments, App Home section. */
import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Impediment } from '../../../db/repositories/impediments.js';
import type { Item } from '../../../db/repositories/items.js';
import type { StandupPrompt } from '../../../db/repositories/standups.js';
import type { Team } from '../../../db/repositories/teams.js';
import type { WorkState } from '../../../db/schema.js';
import { formatShortDate } from '../../ui/dates.js';
import { ANSWER_MAX, type RunSummary } from '../../../domain/standup.js';
import { truncate } from '../../../domain/suggestion.js';
import { STANDUP } from '../../ids.js';
import { escapeMrkdwn, mentionUser, slackTime } from '../../ui/mrkdwn.js';
import { capBlocks, context, header, LIMITS, option, plain, section, button } from '../../ui/blocks.js';
import { plural } from '../../ui/format.js';
import { itemRef } from '../../ui/itemLabels.js';
import type { SlackMessage } from '../../ui/message.js';
import { impedimentBlocks } from '../../ui/impediments.js';

export const WORK_STATE_LABELS: Record<WorkState, string> = {
  todo: 'To do',
  in_progress: 'In progress',
  done: 'Done',
};

const quote = (text: string, max = 1500) => truncate(escapeMrkdwn(text), max).replace(/\n/g, '\n>');

/** The DM that asks for the day's update (or reminds about it). */
export function buildStandupPromptMessage({
  teamName,
  date,
  closesAt,
  promptId,
  reminder,
}: {
  teamName: string;
  date: string;
  closesAt: number;
  promptId: number;
  reminder: boolean;
}): SlackMessage {
  const day = formatShortDate(date);
  const line = reminder
    ? `:hourglass_flowing_sand: Reminder: your *${escapeMrkdwn(teamName)}* standup for ${day} is still open until ${slackTime(closesAt)}.`
    : `:wave: Time for the *${escapeMrkdwn(teamName)}* standup (${day}). It takes a minute; answers go to the team's thread.`;
  return {
    text: truncate(
      reminder ? `Reminder: your ${escapeMrkdwn(teamName)} standup is still open` : `Time for the ${escapeMrkdwn(teamName)} standup (${day})`,
      3000,
    ),
    blocks: [
      section(line),
      { type: 'actions', block_id: `standup_prompt_${promptId}`, elements: [button('Write my update', STANDUP.actions.open, String(promptId), 'primary')] },
      context(`You can edit your answer from this button until the summary closes at ${slackTime(closesAt)}.`),
    ],
  };
}

const workStateOptions: PlainTextOption[] = (Object.keys(WORK_STATE_LABELS) as WorkState[]).map((state) => option(WORK_STATE_LABELS[state], state));

export interface StandupModalInput {
  privateMetadata: string;
  teamName: string;
  date: string;
  prompt: Pick<StandupPrompt, 'did' | 'today' | 'blockers' | 'answeredAt'>;
  previousToday: { date: string; text: string } | null;
  team: Pick<Team, 'itemPrefix'>;
  items: Pick<Item, 'id' | 'number' | 'title' | 'workState'>[];
  itemsAreUnassigned: boolean;
}

const textInput = (
  blockId: string,
  label: string,
  initial: string | null,
  { optional = false, hint }: { optional?: boolean; hint?: string } = {},
): KnownBlock => ({
  type: 'input',
  block_id: blockId,
  optional,
  label: plain(label, 2000),
  ...(hint ? { hint: plain(hint, 2000) } : {}),
  element: {
    type: 'plain_text_input',
    action_id: STANDUP.action,
    multiline: true,
    max_length: ANSWER_MAX,
    ...(initial ? { initial_value: truncate(initial, ANSWER_MAX) } : {}),
  },
});

/** The answer modal: three questions, then a status selector per sprint item. */
export function buildStandupModal(input: StandupModalInput): ModalView {
  const blocks: KnownBlock[] = [context(`*${escapeMrkdwn(input.teamName)}* · ${formatShortDate(input.date)}`)];
  if (input.previousToday) {
    blocks.push(section(`*Last time (${formatShortDate(input.previousToday.date)}) you planned:*\n>${quote(input.previousToday.text)}`));
  }
  blocks.push(
    textInput(STANDUP.blocks.did, 'What did you do since last time?', input.prompt.did),
    textInput(STANDUP.blocks.today, 'What will you do today?', input.prompt.today),
    textInput(STANDUP.blocks.blockers, 'Anything blocking you?', input.prompt.blockers, {
      optional: true,
      hint: 'A blocker is tracked as an impediment and your Scrum Master is told.',
    }),
  );
  if (input.items.length > 0) {
    blocks.push({ type: 'divider' });
    blocks.push(context(input.itemsAreUnassigned ? 'Sprint items nobody has taken yet: update any you worked on.' : 'Your sprint items: update their status.'));
    for (const item of input.items) {
      const state = item.workState ?? 'todo';
      blocks.push({
        type: 'input',
        block_id: `${STANDUP.blocks.itemPrefix}${item.id}`,
        optional: true,
        label: plain(`${itemRef(input.team, item)} ${item.title}`, 2000),
        element: {
          type: 'static_select',
          action_id: STANDUP.action,
          options: workStateOptions,
          initial_option: option(WORK_STATE_LABELS[state], state),
        },
      });
    }
  }
  return {
    type: 'modal',
    callback_id: STANDUP.callbackId,
    private_metadata: input.privateMetadata,
    title: plain('Daily standup', 24),
    submit: plain(input.prompt.answeredAt !== null ? 'Save changes' : 'Post update', 24),
    close: plain('Cancel', 24),
    blocks: capBlocks(blocks, LIMITS.modalBlocks, (n) => `${n} more items are not shown.`),
  };
}

const names = (userIds: string[]) => userIds.map(mentionUser).join(', ');

/** "Standup, Tue 3 Dec: 4 of 6 answered" */
export const standupTitle = (summary: Pick<RunSummary, 'run' | 'answered' | 'expected'>) =>
  `Standup, ${formatShortDate(summary.run.date)}: ${summary.answered} of ${summary.expected} answered`;

/** The one parent message per team and day, updated in place. */
export function buildStandupParentMessage(summary: RunSummary): SlackMessage {
  const title = standupTitle(summary);
  const closed = summary.run.closedAt !== null;
  const blocks: KnownBlock[] = [header(title)];
  if (summary.blockers.length > 0) {
    const lines = summary.blockers.map(({ userId, text, impediment }) => {
      const resolved = impediment?.resolvedAt != null ? ' _(resolved)_' : '';
      return `• ${mentionUser(userId)}: ${truncate(escapeMrkdwn(text), 300)}${resolved}`;
    });
    blocks.push(section(`:rotating_light: *Blockers*\n${lines.join('\n')}`));
  }
  if (summary.olderImpediments.length > 0) {
    const lines = summary.olderImpediments.slice(0, 15).map((impediment) => {
      const since = impediment.standupDate ? formatShortDate(impediment.standupDate) : new Date(impediment.openedAt).toISOString().slice(0, 10);
      return `• ${mentionUser(impediment.reporterId)} since ${since}: ${truncate(escapeMrkdwn(impediment.text), 200)}`;
    });
    const more = summary.olderImpediments.length > 15 ? `\n…and ${summary.olderImpediments.length - 15} more (\`/standup impediments\`)` : '';
    blocks.push(section(`:construction: *Still open impediments*\n${lines.join('\n')}${more}`));
  }
  const by = (state: string) => summary.members.filter((m) => m.state === state).map((m) => m.userId);
  const waiting = by('waiting');
  const missing = by('missing');
  const away = [...by('away'), ...by('holiday')];
  const facts: string[] = [];
  if (closed) {
    // On a day off for some, "everyone answered" would overstate an ad-hoc answer.
    if (missing.length > 0) facts.push(`*Did not answer:* ${names(missing)}`);
    else if (by('off').length === 0) facts.push('*Everyone answered.*');
  } else if (waiting.length > 0) {
    facts.push(`*Waiting for:* ${names(waiting)}`);
  }
  if (away.length > 0) facts.push(`*Away:* ${names(away)}`);
  if (facts.length > 0) blocks.push(section(facts.join('\n')));
  blocks.push(context(closed ? 'Closed. Answers are in the thread.' : `Answers arrive in the thread · open until ${slackTime(summary.run.closesAt)}`));
  const textParts = [title];
  if (summary.blockers.length > 0) textParts.push(plural(summary.blockers.length, 'blocker'));
  return { text: textParts.join(' · '), blocks: capBlocks(blocks, LIMITS.messageBlocks, (n) => `${n} more`) };
}

/** One member's answer, posted in the parent's thread (and updated when edited). */
export function buildStandupAnswerMessage({
  prompt,
  impediment,
  edited,
}: {
  prompt: Pick<StandupPrompt, 'userId' | 'did' | 'today' | 'blockers'>;
  impediment: Pick<Impediment, 'id' | 'resolvedAt' | 'resolvedBy'> | undefined;
  edited: boolean;
}): SlackMessage {
  const blocks: KnownBlock[] = [
    section(`*${mentionUser(prompt.userId)}*${edited ? ' _(edited)_' : ''}\n*Since last time:* ${truncate(escapeMrkdwn(prompt.did ?? ''), 1300)}`),
    section(`*Today:* ${truncate(escapeMrkdwn(prompt.today ?? ''), 2900)}`),
  ];
  if (prompt.blockers) {
    const blocker = section(`:rotating_light: *Blocker:* ${truncate(escapeMrkdwn(prompt.blockers), 2800)}`);
    blocks.push(blocker);
    if (impediment && impediment.resolvedAt === null) {
      blocks.push({
        type: 'actions',
        block_id: `standup_impediment_${impediment.id}`,
        elements: [button('Mark resolved', STANDUP.actions.resolve, String(impediment.id))],
      });
    } else if (impediment?.resolvedBy) {
      blocks.push(context(`:white_check_mark: Resolved by ${mentionUser(impediment.resolvedBy)}`));
    }
  }
  return { text: truncate(`Standup update from ${mentionUser(prompt.userId)}`, 3000), blocks };
}

/** The Scrum Master's DM about a new (or reopened) blocker. */
export function buildImpedimentDm(teamName: string, impediment: Impediment): SlackMessage {
  const intro =
    impediment.resolvedAt === null
      ? `:rotating_light: New impediment in the *${escapeMrkdwn(teamName)}* standup`
      : `Impediment in the *${escapeMrkdwn(teamName)}* standup`;
  return {
    text: truncate(`Impediment from ${mentionUser(impediment.reporterId)}: ${escapeMrkdwn(impediment.text)}`, 3000),
    blocks: [section(intro), ...impedimentBlocks(impediment)],
  };
}

/** `/standup impediments`: every open impediment with a resolve button. */
export function buildImpedimentList(teamName: string, impediments: Impediment[]): SlackMessage {
  if (impediments.length === 0) return { text: `No open impediments in ${escapeMrkdwn(teamName)}. :tada:` };
  const blocks = [section(`*Open impediments, ${escapeMrkdwn(teamName)}* (${impediments.length})`), ...impediments.flatMap(impedimentBlocks)];
  return {
    text: `${plural(impediments.length, 'open impediment')} in ${escapeMrkdwn(teamName)}`,
    blocks: capBlocks(blocks, LIMITS.messageBlocks, (n) => `${n} more not shown; resolve some first.`),
  };
}

/** The absence modal: two date pickers. */
export function buildAwayModal(privateMetadata: string, today: string): ModalView {
  const picker = (blockId: string, label: string, optional: boolean): KnownBlock => ({
    type: 'input',
    block_id: blockId,
    optional,
    label: plain(label),
    element: { type: 'datepicker', action_id: STANDUP.action, initial_date: today },
  });
  return {
    type: 'modal',
    callback_id: STANDUP.awayCallbackId,
    private_metadata: privateMetadata,
    title: plain('Away from standups', 24),
    submit: plain('Save', 24),
    close: plain('Cancel', 24),
    blocks: [
      context('No standup prompts on these dates (both included); the standup shows you as away, not missing.'),
      picker(STANDUP.blocks.awayFrom, 'First day away', false),
      picker(STANDUP.blocks.awayTo, 'Last day away', true),
    ],
  };
}
