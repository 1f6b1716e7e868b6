/** Planning poker: /poker, votes, reveal, revote and accept. */
import type { BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import { commandRoute, type Feature } from '../../feature.js';
import { commandTeam } from '../../middleware/teamContext.js';
import { COMMANDS, POKER } from '../../ids.js';
import { handlePokerFacilitation, handlePokerVote } from './actions.js';
import { handlePokerCommand } from './command.js';

/** Planning's poker button starts a session with it. */
export { startPoker } from './actions.js';

export const poker: Feature = {
  commands: (deps) => ({ [COMMANDS.poker]: commandRoute(commandTeam(deps), (args) => handlePokerCommand(args, deps)) }),
  register(router, deps) {
    router.action<BlockAction<ButtonAction>>({ prefix: POKER.votePrefix }, (args) => handlePokerVote(args, deps));
    for (const id of [POKER.reveal, POKER.revote, POKER.accept]) {
      router.action<BlockAction<ButtonAction | StaticSelectAction>>(id, (args) => handlePokerFacilitation(args, deps));
    }
  },
};
