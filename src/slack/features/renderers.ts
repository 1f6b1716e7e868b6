/** Every notification kind's renderer, in one registry. */
import { intakeRenderers } from './intake/renderers.js';
import { standupRenderers } from './standup/renderers.js';
import { sprintRenderers } from './sprint/renderers.js';
import { triageRenderers } from './triage/renderers.js';
import type { RendererRegistry } from '../outbox/types.js';
import { watchRenderers } from './watch/renderers.js';

export const renderers: RendererRegistry = {
  ...intakeRenderers,
  ...standupRenderers,
  ...sprintRenderers,
  ...triageRenderers,
  ...watchRenderers,
};
