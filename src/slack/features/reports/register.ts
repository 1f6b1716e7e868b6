/** Reports: /burndown (the scheduled digest and burndown posts go out through reportPoster). */
import { commandRoute, type Feature } from '../../feature.js';
import { commandTeam } from '../../middleware/teamContext.js';
import { COMMANDS } from '../../ids.js';
import { answerBurndownHelp, handleBurndownCommand } from './command.js';

export const reports: Feature = {
  commands: (deps) => ({ [COMMANDS.burndown]: commandRoute(answerBurndownHelp, commandTeam(deps), (args) => handleBurndownCommand(args, deps)) }),
};
