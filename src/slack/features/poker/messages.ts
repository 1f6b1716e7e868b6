/** The planning poker message in the team channel: who has voted (never what) until the reveal. */
import type { KnownBlock } from '@slack/types';
import type { PokerState } from '../../../domain/poker.js';
import { NUMERIC_CARDS, POKER_DECK, type PokerStats } from '../../../domain/pokerStats.js';
import { truncate } from '../../../domain/suggestion.js';
import { POKER } from '../../ids.js';
import { escapeMrkdwn, mentionUser } from '../../ui/mrkdwn.js';
import { context, divider, header, option, plain, section } from '../../ui/blocks.js';
import { pts } from '../../ui/format.js';
import { itemRef, itemTitleMrkdwn, TYPE_LABELS } from '../../ui/itemLabels.js';
import type { SlackMessage } from '../../ui/message.js';

const CARD_LABEL: Record<string, string> = { '?': '?', coffee: ':coffee:' };
const cardLabel = (card: string) => CARD_LABEL[card] ?? card;
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** "Average 4.3 · Median 5 · Spread 5 (3 to 8)" plus the consensus flag. */
export function statsLine(stats: PokerStats): string {
  if (stats.numericCount === 0) return ':grey_question: No numeric votes: talk it over and re-vote.';
  const parts = [
    `*Average* ${fmt(stats.average!)}`,
    `*Median* ${fmt(stats.median!)}`,
    `*Spread* ${fmt(stats.spread!)} (${fmt(stats.min!)} to ${fmt(stats.max!)})`,
  ];
  if (stats.unsureCount > 0) parts.push(`${stats.unsureCount} unsure`);
  if (stats.coffeeCount > 0) parts.push(`${stats.coffeeCount} :coffee:`);
  const verdict = stats.consensus
    ? ':white_check_mark: Consensus'
    : ':warning: *No consensus*: the highest and lowest voters explain their reasoning, then re-vote.';
  return `${parts.join(' · ')}\n${verdict}`;
}

export function buildPokerMessage(state: PokerState): SlackMessage {
  const { session, item, team, votes, stats } = state;
  const ref = itemRef(team, item);
  const blocks: KnownBlock[] = [
    header(`Planning poker: ${ref}`),
    section(`${itemTitleMrkdwn(team, item)}\n${TYPE_LABELS[item.type]} · currently ${item.storyPoints === null ? 'not estimated' : pts(item.storyPoints)}`),
    section(
      item.details.trim()
        ? `*Details and acceptance criteria*\n${escapeMrkdwn(truncate(item.details.trim(), 2800))}`
        : '_No details or acceptance criteria yet: ask before you vote._',
    ),
    context(`Facilitator: ${mentionUser(session.facilitatorId)} · round ${session.round}`),
    divider(),
  ];
  if (session.status === 'voting') {
    blocks.push(
      section(
        votes.length === 0
          ? 'No votes yet. Votes stay hidden until the facilitator reveals them.'
          : `*Voted (${votes.length}):* ${votes.map((v) => mentionUser(v.userId)).join(' ')}\nVotes stay hidden until the facilitator reveals them.`,
      ),
      {
        type: 'actions',
        block_id: `poker_cards:${session.id}:${session.round}`,
        elements: POKER_DECK.map((card) => ({
          type: 'button' as const,
          action_id: `${POKER.votePrefix}${card}`,
          text: plain(cardLabel(card), 75),
          value: `${session.id}:${session.round}:${card}`,
        })),
      },
      {
        type: 'actions',
        block_id: `poker_facilitate:${session.id}:${session.round}`,
        elements: [{ type: 'button', action_id: POKER.reveal, style: 'primary', text: plain('Reveal votes', 75), value: String(session.id) }],
      },
    );
  } else if (stats) {
    const lines = votes.map((v) => `${mentionUser(v.userId)}: *${cardLabel(v.vote)}*`);
    blocks.push(section(`*Votes, round ${session.round}*\n${lines.join('\n') || 'No votes.'}`), section(statsLine(stats)));
    if (session.status === 'revealed') {
      const suggested = stats.suggested;
      const options = NUMERIC_CARDS.map((card) => option(pts(card), `${session.id}:${card}`));
      const initial = suggested === null ? undefined : options.find((o) => o.value === `${session.id}:${suggested}`);
      blocks.push({
        type: 'actions',
        block_id: `poker_result:${session.id}:${session.round}`,
        elements: [
          {
            type: 'static_select',
            action_id: POKER.accept,
            placeholder: plain('Accept an estimate', 150),
            options,
            ...(initial ? { initial_option: initial } : {}),
          },
          { type: 'button', action_id: POKER.revote, text: plain('Re-vote', 75), value: String(session.id) },
        ],
      });
      blocks.push(context('Only the facilitator can accept an estimate or start a new round.'));
    } else if (session.status === 'accepted' && session.finalEstimate !== null) {
      blocks.push(section(`:white_check_mark: *Estimate accepted: ${pts(session.finalEstimate)}*, saved on ${ref}.`));
    }
  }
  if (session.status === 'cancelled') blocks.push(context('This session was replaced by a newer one.'));
  const text =
    session.status === 'accepted'
      ? `Planning poker on ${ref}: estimate accepted, ${pts(session.finalEstimate ?? 0)}`
      : `Planning poker on ${ref}: ${escapeMrkdwn(truncate(item.title, 150))}`;
  return { text, blocks };
}
