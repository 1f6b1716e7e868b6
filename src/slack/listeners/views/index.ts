import type { ViewSubmitAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import type { ListenerRouter } from '../../router.js';
import { BACKLOG, PLAN, RETRO, SETUP, SPRINT, STANDUP, SUGGEST, TRIAGE } from '../../ids.js';
import { handleEditSubmission, handleReadySubmission, handleRemoveSubmission } from './backlogSubmit.js';
import { handlePlanConfirmation, handlePlanSubmission } from './planSubmit.js';
import { handleSetupSubmission } from './setupSubmit.js';
import { handleCloseSubmission, handleOverrideSubmission, handleRetroSubmission, handleTasksSubmission } from './sprintSubmit.js';
import { handleAwaySubmission, handleStandupSubmission } from './standupSubmit.js';
import { handleAnswerSubmission, handleTriageSubmission } from './triageSubmit.js';
import { handleSuggestSubmission } from './suggestSubmit.js';

export function register(router: ListenerRouter, deps: SlackDeps): void {
  router.view<ViewSubmitAction>(SUGGEST.callbackId, (args) => handleSuggestSubmission(args, deps));
  router.view<ViewSubmitAction>(STANDUP.callbackId, (args) => handleStandupSubmission(args, deps));
  router.view<ViewSubmitAction>(STANDUP.awayCallbackId, (args) => handleAwaySubmission(args, deps));
  router.view<ViewSubmitAction>(PLAN.callbackId, (args) => handlePlanSubmission(args, deps));
  router.view<ViewSubmitAction>(PLAN.confirmCallbackId, (args) => handlePlanConfirmation(args, deps));
  router.view<ViewSubmitAction>(SPRINT.tasksCallbackId, (args) => handleTasksSubmission(args, deps));
  router.view<ViewSubmitAction>(SPRINT.overrideCallbackId, (args) => handleOverrideSubmission(args, deps));
  router.view<ViewSubmitAction>(SPRINT.closeCallbackId, (args) => handleCloseSubmission(args, deps));
  router.view<ViewSubmitAction>(RETRO.callbackId, (args) => handleRetroSubmission(args, deps));
  router.view<ViewSubmitAction>(SETUP.callbackId, (args) => handleSetupSubmission(args, deps));
  router.view<ViewSubmitAction>(TRIAGE.callbackId, (args) => handleTriageSubmission(args, deps));
  router.view<ViewSubmitAction>(TRIAGE.answerCallbackId, (args) => handleAnswerSubmission(args, deps));
  router.view<ViewSubmitAction>(BACKLOG.editCallbackId, (args) => handleEditSubmission(args, deps));
  router.view<ViewSubmitAction>(BACKLOG.removeCallbackId, (args) => handleRemoveSubmission(args, deps));
  router.view<ViewSubmitAction>(BACKLOG.readyCallbackId, (args) => handleReadySubmission(args, deps));
}
