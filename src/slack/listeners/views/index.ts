import type { App, ViewSubmitAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { BACKLOG, PLAN, RETRO, SETUP, SPRINT, STANDUP, SUGGEST, TRIAGE } from '../../ids.js';
import { handleEditSubmission, handleReadySubmission, handleRemoveSubmission } from './backlogSubmit.js';
import { handlePlanConfirmation, handlePlanSubmission } from './planSubmit.js';
import { handleSetupSubmission } from './setupSubmit.js';
import { handleCloseSubmission, handleOverrideSubmission, handleRetroSubmission, handleTasksSubmission } from './sprintSubmit.js';
import { handleAwaySubmission, handleStandupSubmission } from './standupSubmit.js';
import { handleAnswerSubmission, handleTriageSubmission } from './triageSubmit.js';
import { handleSuggestSubmission } from './suggestSubmit.js';

export function register(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>({ callback_id: SUGGEST.callbackId, type: 'view_submission' }, (args) => handleSuggestSubmission(args, deps));
  app.view<ViewSubmitAction>({ callback_id: STANDUP.callbackId, type: 'view_submission' }, (args) => handleStandupSubmission(args, deps));
  app.view<ViewSubmitAction>({ callback_id: STANDUP.awayCallbackId, type: 'view_submission' }, (args) => handleAwaySubmission(args, deps));
  app.view<ViewSubmitAction>({ callback_id: PLAN.callbackId, type: 'view_submission' }, (args) => handlePlanSubmission(args, deps));
  app.view<ViewSubmitAction>({ callback_id: PLAN.confirmCallbackId, type: 'view_submission' }, (args) => handlePlanConfirmation(args, deps));
  app.view<ViewSubmitAction>({ callback_id: SPRINT.tasksCallbackId, type: 'view_submission' }, (args) => handleTasksSubmission(args, deps));
  app.view<ViewSubmitAction>({ callback_id: SPRINT.overrideCallbackId, type: 'view_submission' }, (args) => handleOverrideSubmission(args, deps));
  app.view<ViewSubmitAction>({ callback_id: SPRINT.closeCallbackId, type: 'view_submission' }, (args) => handleCloseSubmission(args, deps));
  app.view<ViewSubmitAction>({ callback_id: RETRO.callbackId, type: 'view_submission' }, (args) => handleRetroSubmission(args, deps));
  app.view<ViewSubmitAction>({ callback_id: SETUP.callbackId, type: 'view_submission' }, (args) => handleSetupSubmission(args, deps));
  app.view<ViewSubmitAction>({ callback_id: TRIAGE.callbackId, type: 'view_submission' }, (args) => handleTriageSubmission(args, deps));
  app.view<ViewSubmitAction>({ callback_id: TRIAGE.answerCallbackId, type: 'view_submission' }, (args) => handleAnswerSubmission(args, deps));
  app.view<ViewSubmitAction>({ callback_id: BACKLOG.editCallbackId, type: 'view_submission' }, (args) => handleEditSubmission(args, deps));
  app.view<ViewSubmitAction>({ callback_id: BACKLOG.removeCallbackId, type: 'view_submission' }, (args) => handleRemoveSubmission(args, deps));
  app.view<ViewSubmitAction>({ callback_id: BACKLOG.readyCallbackId, type: 'view_submission' }, (args) => handleReadySubmission(args, deps));
}
