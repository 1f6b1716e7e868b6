/** Shadow-backlog watch: the nudge and the answers that replace it. */
import type { Team } from '../../../db/repositories/teams.js';
import type { WatchRequest } from '../../../db/repositories/watch.js';
import type { RequestFeature } from '../../../domain/requestFeatures.js';
import { WATCH } from '../../ids.js';
import { escapeMrkdwn } from '../../ui/mrkdwn.js';
import { context, plain, section } from '../../ui/blocks.js';
import type { SlackMessage } from '../../ui/message.js';

/** Each reason code in words: why the detector thought a message was (or was not) a request. */
export const REASON_TEXT: Record<RequestFeature, string> = {
  polite_ask: 'asks someone to do something (“can you…”)',
  any_chance: 'asks “any chance…”',
  is_possible: 'asks whether something is possible',
  wish: 'wishes for something (“it would be great if…”)',
  please: 'says please',
  need: 'says something is needed',
  deadline: 'names a deadline',
  work_verb: 'names work to do (add, fix, change…)',
  work_thing: 'names a part of the product',
  imperative: 'starts with what to do',
  ask_for_work: 'asks for work to be done',
  need_work: 'needs something built or changed',
  wish_work: 'wishes for something built or changed',
  addressed: 'is addressed to someone',
  thanks: 'thanks someone',
  status_update: 'reports work already done',
  in_progress: 'says what someone is doing',
  standup_answer: 'reads like a standup answer',
  social: 'is social chat',
  already_exists: 'mentions something that exists already',
  answer: 'answers a question',
  meeting_ask: 'is about a meeting or a review',
  info_question: 'asks for information',
  announcement: 'is an announcement',
  opinion: 'gives an opinion',
  short: 'is very short',
};

/** "asks for work to be done, names a deadline" (the strongest three). */
export function reasonsText(codes: string): string {
  const words = codes
    .split(',')
    .filter((code): code is RequestFeature => code in REASON_TEXT)
    .slice(0, 3)
    .map((code) => REASON_TEXT[code]);
  return words.length > 0 ? words.join(', ') : 'it reads like a request';
}

/** The ephemeral nudge to the author of a spotted request. */
export function buildNudgeMessage(team: Pick<Team, 'name'>, request: Pick<WatchRequest, 'id' | 'reasons'>): SlackMessage {
  const line = `This looks like a request for ${escapeMrkdwn(team.name)}. Requests go through the backlog so the PO can weigh them.`;
  const value = String(request.id);
  return {
    text: line,
    blocks: [
      section(`:inbox_tray: ${line}`),
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: WATCH.actions.send, text: plain('Send to backlog', 75), style: 'primary', value },
          { type: 'button', action_id: WATCH.actions.dismiss, text: plain('Not a request', 75), value },
          { type: 'button', action_id: WATCH.actions.optOut, text: plain("Don't ask me again", 75), value },
        ],
      },
      context(`Why I think so: ${reasonsText(request.reasons)}. Only you see this.`),
    ],
  };
}

export const DISMISSED_TEXT = "Got it, not a request. I won't ask about this message again.";
export const optedOutText = (team: Pick<Team, 'name'>) =>
  `OK, I won't nudge you about requests for ${escapeMrkdwn(team.name)} again. You can still use \`/suggest\` or the *Send to backlog* shortcut.`;
