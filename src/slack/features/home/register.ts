/** The App Home tab. */
import type { Feature } from '../../feature.js';
import { handleAppHomeOpened } from './appHomeOpened.js';

export const home: Feature = {
  register(router, deps) {
    router.event('app_home_opened', (args) => handleAppHomeOpened(args, deps));
  },
};
