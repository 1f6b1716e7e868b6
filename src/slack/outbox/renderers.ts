/** Every notification kind's renderer, in one registry. */
import { intakeRenderers } from './intakeRenderers.js';
import { triageRenderers } from './triageRenderers.js';
import type { RendererRegistry } from './types.js';

export const renderers: RendererRegistry = {
  ...intakeRenderers,
  ...triageRenderers,
};
