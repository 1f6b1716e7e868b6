import type { App, ViewSubmitAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { PLAN, RETRO, SPRINT, STANDUP, SUGGEST } from '../../ids.js';
import { handlePlanConfirmation, handlePlanSubmission } from './planSubmit.js';
import { handleCloseSubmission, handleOverrideSubmission, handleRetroSubmission, handleTasksSubmission } from './sprintSubmit.js';
import { handleAwaySubmission, handleStandupSubmission } from './standupSubmit.js';
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
}
