/** Planning poker: starting a session (command or planning modal), votes, reveal, re-vote, accept. */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs, StaticSelectAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Team } from '../../../db/repositories/teams.js';
import type { PokerState } from '../../../domain/poker.js';
import type { AppLogger } from '../../../logger.js';
import type { SlackDeps } from '../../deps.js';
import { POKER } from '../../ids.js';
import { mentionChannel, mentionUser } from '../../ui/mrkdwn.js';
import { itemRef } from '../../ui/itemLabels.js';
import { buildPokerMessage } from './messages.js';
import { actorOf, ephemeral, errorText } from '../../listenerSupport.js';

type Logger = AppLogger | AllMiddlewareArgs['logger'];

/**
 * Starts a session and posts its voting message in the team channel. Returns what to tell the
 * person who started it (an error or where the session is).
 */
export async function startPoker(deps: SlackDeps, client: WebClient, team: Team, itemNumber: number, userId: string, logger: Logger): Promise<string> {
  let state: PokerState;
  try {
    state = await deps.services.poker.start(team.id, itemNumber, actorOf(userId));
  } catch (error) {
    return errorText(error);
  }
  try {
    const posted = await client.chat.postMessage({ channel: state.session.channelId, ...buildPokerMessage(state), unfurl_links: false });
    if (posted.ts) await deps.services.poker.setMessage(state.session.id, posted.ts);
  } catch (error) {
    logger.warn('could not post the poker message', error);
    return `I couldn't post the poker session in ${mentionChannel(state.session.channelId)}. Invite me there with \`/invite @Rituals\` and try again.`;
  }
  return `Planning poker on *${itemRef(team, state.item)}* is open in ${mentionChannel(state.session.channelId)}. You facilitate: reveal when everyone has voted.`;
}

/** One message update in flight per session; `again` asks it for one more round when the state changed meanwhile. */
interface MessageRefresh {
  again: boolean;
  done: Promise<void>;
}
// Per app (keyed by its poker service), so apps sharing a process (tests) never share session ids.
const refreshing = new WeakMap<object, Map<number, MessageRefresh>>();

/**
 * Brings the session's channel message up to date. Updates are serialized per session and each one
 * re-reads the state right before chat.update: a slow update can no longer land after a newer one
 * (e.g. a vote's "voted" view overwriting the reveal). Calls made while one is in flight coalesce
 * into a single follow-up update; every caller's promise settles once the message shows its change.
 */
function refresh(deps: SlackDeps, client: WebClient, sessionId: number, logger: Logger): Promise<void> {
  const sessions = refreshing.get(deps.services.poker) ?? new Map<number, MessageRefresh>();
  refreshing.set(deps.services.poker, sessions);
  const running = sessions.get(sessionId);
  if (running) {
    running.again = true;
    return running.done;
  }
  const entry: MessageRefresh = { again: true, done: Promise.resolve() };
  sessions.set(sessionId, entry);
  entry.done = (async () => {
    try {
      while (entry.again) {
        entry.again = false;
        const state = await deps.services.poker.state(sessionId);
        if (!state.session.messageTs) return;
        try {
          await client.chat.update({ channel: state.session.channelId, ts: state.session.messageTs, ...buildPokerMessage(state) });
        } catch (error) {
          logger.warn('chat.update failed for the poker message', error);
        }
      }
    } catch (error) {
      logger.warn('could not read the poker session to update its message', error);
    } finally {
      sessions.delete(sessionId);
    }
  })();
  return entry.done;
}

const channelOf = (body: BlockAction) => body.channel?.id ?? body.container?.channel_id;

/** A card button: records the vote, shows who has voted (never what), tells the voter their vote. */
export async function handlePokerVote(
  { ack, body, action, client, logger }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  await ack();
  const [sessionId, round, card] = (action.value ?? '').split(':');
  let state: PokerState;
  try {
    state = await deps.services.poker.vote(Number(sessionId), Number(round), card ?? '', actorOf(body.user.id));
  } catch (error) {
    await ephemeral(client, channelOf(body), body.user.id, { text: errorText(error) }, logger);
    return;
  }
  await refresh(deps, client, state.session.id, logger);
  const shown = card === 'coffee' ? ':coffee: (break, please)' : `*${card}*`;
  await ephemeral(
    client,
    channelOf(body),
    body.user.id,
    {
      text: `You voted ${shown} on ${itemRef(state.team, state.item)} (round ${state.session.round}). Only you see this; votes stay hidden until ${mentionUser(state.session.facilitatorId)} reveals them. Vote again to change it.`,
    },
    logger,
  );
}

/** Reveal, re-vote (buttons) and accept (select): facilitator only, checked by the domain. */
export async function handlePokerFacilitation(
  { ack, body, action, client, logger }: SlackActionMiddlewareArgs<BlockAction<ButtonAction | StaticSelectAction>> & AllMiddlewareArgs,
  deps: SlackDeps,
): Promise<void> {
  await ack();
  const actor = actorOf(body.user.id);
  let state: PokerState;
  try {
    if (action.action_id === POKER.accept && action.type === 'static_select') {
      const [sessionId, points] = action.selected_option.value.split(':');
      state = await deps.services.poker.accept(Number(sessionId), Number(points), actor);
    } else if (action.type === 'button' && action.action_id === POKER.revote) {
      state = await deps.services.poker.revote(Number(action.value), actor);
    } else if (action.type === 'button') {
      state = await deps.services.poker.reveal(Number(action.value), actor);
    } else {
      return;
    }
  } catch (error) {
    await ephemeral(client, channelOf(body), body.user.id, { text: errorText(error) }, logger);
    return;
  }
  await refresh(deps, client, state.session.id, logger);
}
