import type { App, ViewSubmitAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { BACKLOG, SETUP, SUGGEST, TRIAGE } from '../../ids.js';
import { handleEditSubmission, handleReadySubmission, handleRemoveSubmission } from './backlogSubmit.js';
import { handleAnswerSubmission, handleTriageSubmission } from './triageSubmit.js';
import { handleSetupSubmission } from './setupSubmit.js';
import { handleSuggestSubmission } from './suggestSubmit.js';

export function register(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>({ callback_id: SUGGEST.callbackId, type: 'view_submission' }, (args) => handleSuggestSubmission(args, deps));
  app.view<ViewSubmitAction>({ callback_id: SETUP.callbackId, type: 'view_submission' }, (args) => handleSetupSubmission(args, deps));
  app.view<ViewSubmitAction>({ callback_id: TRIAGE.callbackId, type: 'view_submission' }, (args) => handleTriageSubmission(args, deps));
  app.view<ViewSubmitAction>({ callback_id: TRIAGE.answerCallbackId, type: 'view_submission' }, (args) => handleAnswerSubmission(args, deps));
  app.view<ViewSubmitAction>({ callback_id: BACKLOG.editCallbackId, type: 'view_submission' }, (args) => handleEditSubmission(args, deps));
  app.view<ViewSubmitAction>({ callback_id: BACKLOG.removeCallbackId, type: 'view_submission' }, (args) => handleRemoveSubmission(args, deps));
  app.view<ViewSubmitAction>({ callback_id: BACKLOG.readyCallbackId, type: 'view_submission' }, (args) => handleReadySubmission(args, deps));
}
