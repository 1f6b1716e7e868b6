/** Reports: /burndown (the scheduled digest and burndown posts go out through reportPoster). */
import type { Feature } from '../../feature.js';
import { COMMANDS } from '../../ids.js';
import { handleBurndownCommand } from './command.js';

export const reports: Feature = {
  commands: { [COMMANDS.burndown]: handleBurndownCommand },
};
