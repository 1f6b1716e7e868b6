/** Every notification kind's renderer, in one registry. */
import { intakeRenderers } from './intakeRenderers.js';
import { standupRenderers } from './standupRenderers.js';
import { sprintRenderers } from './sprintRenderers.js';
import { triageRenderers } from './triageRenderers.js';
import type { RendererRegistry } from './types.js';
import { watchRenderers } from './watchRenderers.js';

export const renderers: RendererRegistry = {
  ...intakeRenderers,
  ...standupRenderers,
  ...sprintRenderers,
  ...triageRenderers,
  ...watchRenderers,
};
