/** Planning poker: /poker, votes, reveal, revote and accept. */
import type { BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import type { Feature } from '../../feature.js';
import { COMMANDS, POKER } from '../../ids.js';
import { handlePokerFacilitation, handlePokerVote } from './actions.js';
import { handlePokerCommand } from './command.js';

export const poker: Feature = {
  commands: { [COMMANDS.poker]: handlePokerCommand },
  register(router, deps) {
    router.action<BlockAction<ButtonAction>>({ prefix: POKER.votePrefix }, (args) => handlePokerVote(args, deps));
    for (const id of [POKER.reveal, POKER.revote, POKER.accept]) {
      router.action<BlockAction<ButtonAction | StaticSelectAction>>(id, (args) => handlePokerFacilitation(args, deps));
    }
  },
};
