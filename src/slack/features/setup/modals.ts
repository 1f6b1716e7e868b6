/** The /rituals setup modal: one form for the whole team configuration. */
import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Team } from '../../../db/repositories/teams.js';
import { MAX_WATCHED_CHANNELS } from '../../../domain/teamSetup.js';
import { SETUP } from '../../ids.js';
import { escapeMrkdwn } from '../../ui/mrkdwn.js';
import { context, option, plain } from '../../ui/blocks.js';

export const WEEKDAY_LABELS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const weekdayOptions = (): PlainTextOption[] => WEEKDAY_LABELS.map((label, i) => option(label, String(i + 1)));
const daysOf = (csv: string): PlainTextOption[] =>
  csv
    .split(',')
    .map((day) => Number(day))
    .filter((day) => day >= 1 && day <= 7)
    .map((day) => option(WEEKDAY_LABELS[day - 1]!, String(day)));

export interface SetupModalInput {
  privateMetadata: string;
  /** The team being edited, or null for a new one. */
  team: Team | null;
  members: string[];
  /** Pre-filled team channel for a new team (where the command ran). */
  channelId: string;
  /** The person's own timezone, a sensible default for a new team. */
  defaultTimezone?: string | null;
  /** Channels the shadow-backlog watch reads now. */
  watchChannelIds?: string[];
}

/** A text input; `hint` goes under the field, everything else in `extra` onto the element. */
const text = (blockId: string, label: string, initial: string, { hint, ...extra }: Record<string, unknown> = {}, optional = false): KnownBlock =>
  ({
    type: 'input',
    block_id: blockId,
    optional,
    label: plain(label),
    ...(hint ? { hint } : {}),
    element: { type: 'plain_text_input', action_id: SETUP.action, ...(initial ? { initial_value: initial } : {}), ...extra },
  }) as KnownBlock;

const days = (blockId: string, label: string, csv: string): KnownBlock => {
  const initial = daysOf(csv);
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element: {
      type: 'multi_static_select',
      action_id: SETUP.action,
      options: weekdayOptions(),
      ...(initial.length > 0 ? { initial_options: initial } : {}),
    },
  };
};

export function buildSetupModal(input: SetupModalInput): ModalView {
  const team = input.team;
  const conversation = (blockId: string, label: string, initial: string | null | undefined, optional = false): KnownBlock => ({
    type: 'input',
    block_id: blockId,
    optional,
    label: plain(label),
    element: {
      type: 'conversations_select',
      action_id: SETUP.action,
      filter: { include: ['public', 'private'], exclude_bot_users: true },
      ...(initial ? { initial_conversation: initial } : {}),
    },
  });
  const user = (blockId: string, label: string, initial: string | null | undefined): KnownBlock => ({
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element: { type: 'users_select', action_id: SETUP.action, ...(initial ? { initial_user: initial } : {}) },
  });
  const digestDay = String(team?.digestDay ?? 5);
  const holidays = team ? (JSON.parse(team.holidays) as string[]).join('\n') : '';
  const blocks: KnownBlock[] = [
    context(
      team
        ? `Editing *${escapeMrkdwn(team.name)}*. Only its Product Owner, Scrum Master or a workspace admin can save changes.`
        : 'A new Rituals team. A channel belongs to one team; a workspace can have several teams.',
    ),
    text(SETUP.blocks.name, 'Team name', team?.name ?? '', { max_length: 80 }),
    // A DM is no team channel: leave the field empty there.
    conversation(SETUP.blocks.teamChannel, 'Team channel', team?.teamChannelId ?? (input.channelId.startsWith('D') ? null : input.channelId)),
    conversation(SETUP.blocks.triageChannel, 'Triage channel (new suggestions)', team?.triageChannelId, true),
    conversation(SETUP.blocks.stakeholderChannel, 'Stakeholder channel (digest)', team?.stakeholderChannelId, true),
    user(SETUP.blocks.productOwner, 'Product Owner', team?.productOwnerId),
    user(SETUP.blocks.scrumMaster, 'Scrum Master', team?.scrumMasterId),
    {
      type: 'input',
      block_id: SETUP.blocks.members,
      label: plain('Team members'),
      hint: plain('Who answers the daily standup. Add the Product Owner or Scrum Master here only if they take part too.'),
      element: { type: 'multi_users_select', action_id: SETUP.action, ...(input.members.length > 0 ? { initial_users: input.members.slice(0, 100) } : {}) },
    },
    text(SETUP.blocks.sprintLength, 'Sprint length (days)', String(team?.sprintLengthDays ?? 14), { max_length: 2 }),
    text(SETUP.blocks.timezone, 'Team timezone', team?.timezone ?? input.defaultTimezone ?? 'UTC', {
      max_length: 64,
      placeholder: plain('e.g. Europe/Berlin'),
    }),
    text(SETUP.blocks.standupTime, 'Standup time (HH:MM, each member’s own timezone)', team?.standupTime ?? '09:30', { max_length: 5 }),
    days(SETUP.blocks.standupDays, 'Standup days', team?.standupDays ?? '1,2,3,4,5'),
    text(SETUP.blocks.standupWindow, 'Standup response window (minutes)', String(team?.standupWindowMinutes ?? 180), {
      max_length: 3,
      hint: plain('Answers are collected this long after the standup time; then the summary lists who did not answer. 15 to 720.'),
    }),
    text(SETUP.blocks.standupReminder, 'Standup reminder after (minutes, 0 = none)', String(team?.standupReminderMinutes ?? 60), {
      max_length: 3,
      hint: plain('One reminder DM to those who have not answered, this long after their prompt. Less than the window.'),
    }),
    text(SETUP.blocks.burndownTime, 'Burndown time (HH:MM, team timezone)', team?.burndownTime ?? '17:00', { max_length: 5 }),
    days(SETUP.blocks.burndownDays, 'Burndown days', team?.burndownDays ?? '1,2,3,4,5'),
    {
      type: 'input',
      block_id: SETUP.blocks.digestDay,
      label: plain('Stakeholder digest day'),
      element: {
        type: 'static_select',
        action_id: SETUP.action,
        options: weekdayOptions(),
        initial_option: option(WEEKDAY_LABELS[Number(digestDay) - 1] ?? 'Friday', digestDay),
      },
    },
    text(SETUP.blocks.digestTime, 'Digest time (HH:MM, team timezone)', team?.digestTime ?? '16:00', { max_length: 5 }),
    text(SETUP.blocks.captureReaction, 'Capture reaction (emoji name)', team?.captureReaction ?? 'inbox_tray', { max_length: 64 }),
    text(SETUP.blocks.holidays, 'Team holidays (one YYYY-MM-DD per line)', holidays, { multiline: true, max_length: 3000 }, true),
    text(SETUP.blocks.itemPrefix, 'Item id prefix (e.g. R for R-42)', team?.itemPrefix ?? '', { max_length: 8 }, true),
    {
      type: 'input',
      block_id: SETUP.blocks.watchChannels,
      optional: true,
      label: plain('Shadow-backlog watch: channels to watch'),
      hint: plain(
        'When someone asks for work in these channels, they get a private nudge to send it to the backlog. Only these channels are read; message text is not stored.',
        2000,
      ),
      element: {
        type: 'multi_conversations_select',
        action_id: SETUP.action,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        max_selected_items: MAX_WATCHED_CHANNELS,
        ...(input.watchChannelIds && input.watchChannelIds.length > 0 ? { initial_conversations: input.watchChannelIds.slice(0, MAX_WATCHED_CHANNELS) } : {}),
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: SETUP.callbackId,
    private_metadata: input.privateMetadata,
    title: plain(team ? 'Team settings' : 'Set up a team', 24),
    submit: plain('Save', 24),
    close: plain('Cancel', 24),
    blocks,
  };
}
