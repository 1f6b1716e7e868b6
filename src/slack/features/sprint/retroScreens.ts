/** The async retrospective: the DM invitation, the answer modal and the channel summary. */
import type { KnownBlock, ModalView } from '@slack/types';
import type { RetroAnswer } from '../../../db/repositories/retro.js';
import type { Sprint } from '../../../db/repositories/sprints.js';
import type { Team } from '../../../db/repositories/teams.js';
import { RETRO_ANSWER_MAX } from '../../../domain/retro.js';
import { truncate } from '../../../domain/suggestion.js';
import { RETRO } from '../../ids.js';
import { escapeMrkdwn } from '../../ui/mrkdwn.js';
import { context, header, plain, section } from '../../ui/blocks.js';
import type { SlackMessage } from '../../ui/message.js';

const QUESTIONS = [
  { key: 'wentWell', block: RETRO.blocks.wentWell, label: 'What went well?' },
  { key: 'toImprove', block: RETRO.blocks.toImprove, label: 'What should we improve?' },
  { key: 'tryNext', block: RETRO.blocks.tryNext, label: 'What will we try next sprint?' },
] as const;

export function buildRetroInviteMessage(team: Team, sprint: Sprint): SlackMessage {
  return {
    text: `Retrospective for ${escapeMrkdwn(sprint.name)}: three short questions.`,
    blocks: [
      section(
        `:speech_balloon: *${escapeMrkdwn(sprint.name)}* of *${escapeMrkdwn(team.name)}* is closed. How did it go? Three short questions; answers are summarised in the team channel without names.`,
      ),
      {
        type: 'actions',
        block_id: `retro_invite:${sprint.id}`,
        elements: [{ type: 'button', action_id: RETRO.open, style: 'primary', text: plain('Answer the retrospective', 75), value: String(sprint.id) }],
      },
    ],
  };
}

export function buildRetroModal({ sprint, privateMetadata }: { sprint: Sprint; privateMetadata: string }): ModalView {
  return {
    type: 'modal',
    callback_id: RETRO.callbackId,
    private_metadata: privateMetadata,
    title: plain(`Retro: ${sprint.name}`, 24),
    submit: plain('Send', 24),
    close: plain('Later', 24),
    blocks: QUESTIONS.map((q) => ({
      type: 'input',
      block_id: q.block,
      optional: true,
      label: plain(q.label),
      element: { type: 'plain_text_input', action_id: RETRO.action, multiline: true, max_length: RETRO_ANSWER_MAX },
    })),
  };
}

/** Answers grouped by question, anonymous, each group within one section's limit. */
export function buildRetroSummaryMessage({ sprint, answers, expected }: { sprint: Sprint; answers: RetroAnswer[]; expected: number }): SlackMessage {
  const blocks: KnownBlock[] = [header(`Retrospective: ${sprint.name}`)];
  for (const q of QUESTIONS) {
    const lines = answers
      .map((a) => a[q.key].trim())
      .filter(Boolean)
      .map((text) => `• ${escapeMrkdwn(truncate(text.replace(/\s+/g, ' '), 400))}`);
    blocks.push(section(truncate(`*${q.label}*\n${lines.join('\n') || '_nothing yet_'}`, 3000)));
  }
  blocks.push(context(`${answers.length} of ${expected} answered.`));
  return { text: `Retrospective for ${escapeMrkdwn(sprint.name)}: ${answers.length} of ${expected} answered`, blocks };
}
