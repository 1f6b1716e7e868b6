/** The suggestion modal, shared by /suggest and the "Send to backlog" shortcut. */
import type { KnownBlock, ModalView } from '@slack/types';
import type { Team } from '../../../db/repositories/teams.js';
import { ITEM_TYPES, URGENCIES, type ItemType } from '../../../db/schema.js';
import { DETAILS_MAX, NEEDED_BY_MAX, TITLE_MAX, truncate } from '../../../domain/suggestion.js';
import { SUGGEST } from '../../ids.js';
import { escapeMrkdwn, mentionUser, mrkdwnLink } from '../../ui/mrkdwn.js';
import { context, option, plain } from '../../ui/blocks.js';
import { TYPE_LABELS, URGENCY_LABELS } from '../../ui/itemLabels.js';

export interface SuggestModalInput {
  /** Sealed private_metadata (origin of the suggestion). */
  privateMetadata: string;
  /** Set when the channel did not decide the team: the person picks one. */
  teamChoices?: Pick<Team, 'id' | 'name'>[];
  teamName?: string;
  title?: string;
  details?: string;
  type?: ItemType;
  /** For captured messages: whose message it was and where. */
  capturedFrom?: { authorId: string; permalink: string | null };
}

export function buildSuggestModal(input: SuggestModalInput): ModalView {
  const blocks: KnownBlock[] = [];
  if (input.capturedFrom) {
    const source = input.capturedFrom.permalink ? mrkdwnLink(input.capturedFrom.permalink, 'this message') : 'this message';
    blocks.push(context(`:inbox_tray: Sending ${source} by ${mentionUser(input.capturedFrom.authorId)} to the inbox. They will be recorded as the requester.`));
  }
  if (input.teamChoices && input.teamChoices.length > 0) {
    blocks.push({
      type: 'input',
      block_id: SUGGEST.blocks.team,
      label: plain('Team'),
      element: {
        type: 'static_select',
        action_id: SUGGEST.action,
        placeholder: plain('Whose backlog?'),
        options: input.teamChoices.slice(0, 100).map((team) => option(team.name, String(team.id))),
      },
    });
  } else if (input.teamName) {
    blocks.push(context(`Goes to the *${escapeMrkdwn(input.teamName)}* inbox; the Product Owner triages it.`));
  }
  blocks.push(
    {
      type: 'input',
      block_id: SUGGEST.blocks.title,
      label: plain('Title'),
      element: {
        type: 'plain_text_input',
        action_id: SUGGEST.action,
        max_length: TITLE_MAX,
        placeholder: plain('e.g. Login times out after 5 minutes on mobile'),
        ...(input.title ? { initial_value: truncate(input.title, TITLE_MAX) } : {}),
      },
    },
    {
      type: 'input',
      block_id: SUGGEST.blocks.details,
      optional: true,
      label: plain('Details'),
      hint: plain('What is the problem or need? Acceptance criteria if you know them.'),
      element: {
        type: 'plain_text_input',
        action_id: SUGGEST.action,
        multiline: true,
        max_length: DETAILS_MAX,
        ...(input.details ? { initial_value: truncate(input.details, DETAILS_MAX) } : {}),
      },
    },
    {
      type: 'input',
      block_id: SUGGEST.blocks.type,
      label: plain('Type'),
      element: {
        type: 'static_select',
        action_id: SUGGEST.action,
        options: ITEM_TYPES.map((type) => option(TYPE_LABELS[type], type)),
        initial_option: option(TYPE_LABELS[input.type ?? 'story'], input.type ?? 'story'),
      },
    },
    {
      type: 'input',
      block_id: SUGGEST.blocks.neededBy,
      optional: true,
      label: plain('Who needs it, and why?'),
      element: {
        type: 'plain_text_input',
        action_id: SUGGEST.action,
        max_length: NEEDED_BY_MAX,
        placeholder: plain('e.g. Support team: 20 tickets a week about this'),
      },
    },
    {
      type: 'input',
      block_id: SUGGEST.blocks.urgency,
      optional: true,
      label: plain('Urgency'),
      element: {
        type: 'static_select',
        action_id: SUGGEST.action,
        placeholder: plain('Optional'),
        options: URGENCIES.map((urgency) => option(URGENCY_LABELS[urgency], urgency)),
      },
    },
  );
  return {
    type: 'modal',
    callback_id: SUGGEST.callbackId,
    private_metadata: input.privateMetadata,
    title: plain('Suggest an item', 24),
    submit: plain('Send to inbox', 24),
    close: plain('Cancel', 24),
    blocks,
  };
}
