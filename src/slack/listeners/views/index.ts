import type { App, ViewSubmitAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { STANDUP, SUGGEST } from '../../ids.js';
import { handleAwaySubmission, handleStandupSubmission } from './standupSubmit.js';
import { handleSuggestSubmission } from './suggestSubmit.js';

export function register(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>({ callback_id: SUGGEST.callbackId, type: 'view_submission' }, (args) => handleSuggestSubmission(args, deps));
  app.view<ViewSubmitAction>({ callback_id: STANDUP.callbackId, type: 'view_submission' }, (args) => handleStandupSubmission(args, deps));
  app.view<ViewSubmitAction>({ callback_id: STANDUP.awayCallbackId, type: 'view_submission' }, (args) => handleAwaySubmission(args, deps));
}
