/**
 * The words people read for what the domain says in codes: error codes, the issues that refine them,
 * validation problems, Definition of Ready rules. Every code has its text here, checked by the compiler
 * (records keyed by the code unions, a switch ending in assertNever): a new code without words does not build.
 * Facts from details can be user text: they are escaped for mrkdwn before they are shown.
 */
import type { DomainError, ErrorDetails, GuardedAction, Issue, IssueCode } from '../domain/errors.js';
import { STORY_POINTS, WSJF_SCALE } from '../domain/prioritisation.js';
import { SMALL_ENOUGH_POINTS, type ReadyRule } from '../domain/readiness.js';
import { RETRO_ANSWER_MAX } from '../domain/retro.js';
import { ANSWER_MAX } from '../domain/standup.js';
import { CAPACITY_MAX, GOAL_MAX, NAME_MAX, REASON_MAX } from '../domain/sprints.js';
import { TASK_TITLE_MAX, TASKS_PER_ITEM_MAX } from '../domain/sprintWork.js';
import { DETAILS_MAX, NEEDED_BY_MAX, TITLE_MAX } from '../domain/suggestion.js';
import {
  HOLIDAYS_MAX,
  MAX_WATCHED_CHANNELS,
  MEMBERS_MAX,
  SPRINT_LENGTH_DAYS,
  STANDUP_REMINDER_MINUTES,
  STANDUP_WINDOW_MINUTES,
  TEAM_NAME_MAX,
} from '../domain/teamSetup.js';
import { NOTE_MAX } from '../domain/triage.js';
import { escapeMrkdwn, mentionChannel, mentionUser } from './ui/mrkdwn.js';

/** Fails to compile when a switch over a union misses a member. */
export function assertNever(value: never): never {
  throw new Error(`no copy for ${String(value)}`);
}

/** A fact from details, escaped for mrkdwn ('' when absent). */
const fact = (details: Readonly<Record<string, string | number | undefined>>, key: string): string => escapeMrkdwn(String(details[key] ?? ''));

/** "it" or "them", "is" or "are", for a count of items. */
const itOrThem = (count: unknown) => (count === 1 ? { pronoun: 'it', verb: 'is' } : { pronoun: 'them', verb: 'are' });

/** What each guarded action is, as the end of "Only the Product Owner can …". */
export const ACTION_TEXT: Record<GuardedAction, string> = {
  'team.edit': "change this team's settings",
  triage: 'triage the inbox',
  'backlog.reorder': 'reorder the product backlog',
  'backlog.edit': 'edit backlog items',
  'backlog.icebox': 'move items to the icebox',
  'backlog.reject': 'reject backlog items',
  'backlog.remove': 'icebox or reject backlog items',
  'backlog.revive': 'revive items from the icebox',
  'backlog.ready_rules': 'change the Definition of Ready',
  'backlog.export': 'export the backlog',
  'sprint.plan': 'plan and start a sprint',
  'sprint.override_add': 'add work to the running sprint',
  'sprint.remove': 'take items out of the running sprint',
  'sprint.defer': 'flag items for the Product Owner during the sprint',
  'sprint.close': 'close the sprint',
  'sprint.board': 'move work on the sprint board',
  'retro.summary': 'post the retrospective summary',
  'retro.answer': "answer this team's retrospective",
  'poker.start': 'start planning poker',
  'poker.vote': 'vote in its planning poker',
  'poker.reveal': 'reveal the votes',
  'poker.revote': 'start a new round',
  'poker.accept': 'accept the estimate',
  'standup.run': "run today's standup",
  'impediment.resolve': "resolve this team's impediments",
  'report.post': 'post its burndown chart to the team channel',
};

/** Each Definition of Ready rule, as the checklist and the "Missing: …" notes say it. */
export const READY_RULE_TEXT: Record<ReadyRule, string> = {
  details: 'has details / acceptance criteria',
  estimated: 'estimated in story points',
  no_open_question: 'no open question',
  prioritised: 'has a MoSCoW priority',
  small_enough: `small enough for one sprint (${SMALL_ENOUGH_POINTS} points or less)`,
};

export const NO_TEAM_TEXT = 'No Rituals team is set up here yet. Run `/rituals setup` in your team channel to create one (it takes a minute).';

/** The title of a captured message that has no text to take one from. */
export const CAPTURED_MESSAGE_TITLE = 'Captured message';

/** The name /plan suggests for a team's next sprint. */
export const defaultSprintName = (number: number): string => `Sprint ${number}`;

const statusText = (issue: Issue) => fact(issue.details, 'status').replace('_', ' ');
const minutesRange = (label: string, { min, max }: { min: number; max: number }) => `${label}: ${min} to ${max} minutes.`;

/** The words of every issue code: validation problems and the reasons that refine an error. */
const ISSUE_TEXT: { readonly [C in IssueCode]: (issue: Issue) => string } = {
  'input.invalid': () => 'Check this value: it is not one the form offers.',
  'item.title_missing': () => 'Give the item a title.',
  'item.title_too_long': () => `Keep the title to ${TITLE_MAX} characters.`,
  'item.type_missing': () => 'Pick a type.',
  'item.wsjf_not_on_scale': () => `WSJF inputs: one of ${WSJF_SCALE.join(', ')}.`,
  'item.points_not_on_scale': () => `Story points: one of ${STORY_POINTS.join(', ')}.`,
  'item.wsjf_incomplete': () => 'Fill all four WSJF inputs, or none.',
  'item.ready_rule_unknown': () => 'unknown Definition of Ready rule',
  'item.position_invalid': () => 'position must be 1 or more',
  'item.reason_missing': () => 'a reason is required',
  'item.status_changed': (issue) => `it is ${statusText(issue)} now`,
  'item.already_triaged': (issue) => `it was already triaged (${statusText(issue)})`,
  'item.not_estimable': () => 'it is done, rejected or merged',
  'item.no_open_question': () => 'there is no open question on it',
  'item.not_requester': () => 'Only the person who asked for this item can answer.',
  'item.merge_target_invalid': () => 'Pick an open item other than this one to merge into.',
  'suggestion.title_missing': () => 'Give the suggestion a title.',
  'suggestion.title_too_long': () => `Keep the title to ${TITLE_MAX} characters or fewer.`,
  'suggestion.details_too_long': () => `Keep the details to ${DETAILS_MAX} characters or fewer.`,
  'suggestion.needed_by_too_long': () => `Keep this to ${NEEDED_BY_MAX} characters or fewer.`,
  'triage.wsjf_not_on_scale': () => `One of ${WSJF_SCALE.join(', ')}.`,
  'triage.points_not_on_scale': () => `One of ${STORY_POINTS.join(', ')}.`,
  'triage.note_too_long': () => `Keep it to ${NOTE_MAX} characters.`,
  'triage.moscow_missing': () => 'Pick a MoSCoW priority.',
  'triage.position_missing': () => 'Pick where it goes.',
  'triage.reason_missing': () => 'Say why it is rejected: the requester is told.',
  'triage.merge_target_missing': () => 'Pick the item to merge into, or type its id like R-12.',
  'triage.question_missing': () => 'Write the question for the requester.',
  'triage.answer_missing': () => 'Write your answer.',
  'poker.not_a_card': () => 'not a card of the deck',
  'poker.round_ended': () => 'voting on this round has ended',
  'poker.already_revealed': () => 'this round is already revealed',
  'poker.no_votes': () => 'nobody has voted yet',
  'poker.session_ended': () => 'this session has ended',
  'poker.not_revealed': () => 'reveal the votes before accepting an estimate',
  'poker.estimate_not_a_card': () => 'the estimate must be a card of the deck',
  'sprint.name_missing': () => 'Give the sprint a name.',
  'sprint.name_too_long': () => `Keep the name to ${NAME_MAX} characters or fewer.`,
  'sprint.goal_missing': () => 'Write the sprint goal: one sentence that says why this sprint matters.',
  'sprint.goal_too_long': () => `Keep the goal to one sentence of ${GOAL_MAX} characters or fewer.`,
  'sprint.goal_not_one_sentence': () => 'Keep the goal to one sentence: one objective the whole sprint serves.',
  'sprint.dates_missing': () => 'Pick a start and an end date.',
  'sprint.dates_reversed': () => 'The sprint must end on or after its start date.',
  'sprint.too_long': () => 'Keep a sprint to a month or less.',
  'sprint.capacity_invalid': () => `Capacity is a number of story points between 0 and ${CAPACITY_MAX}.`,
  'sprint.item_gone': () => 'No longer in the product backlog: reopen /plan to see the current backlog.',
  'sprint.items_gone': () => 'Some selected items are no longer in the product backlog. Reopen /plan to see the current backlog.',
  'sprint.items_missing': () => 'Select at least one item from the product backlog.',
  'sprint.items_need_po': ({ details }) => {
    const { pronoun, verb } = itOrThem(details.count);
    return `${fact(details, 'refs')} ${verb} not Ready or not estimated. Only the Product Owner can include ${pronoun}, with a reason.`;
  },
  'sprint.items_need_reason': ({ details }) => {
    const { pronoun, verb } = itOrThem(details.count);
    return `${fact(details, 'refs')} ${verb} not Ready or not estimated: give a reason to include ${pronoun} anyway.`;
  },
  'sprint.item_needs_po': () => 'Not Ready or not estimated. Only the Product Owner can include it, with a reason.',
  'sprint.item_needs_reason': () => 'Not Ready or not estimated: give the override reason below to include it anyway.',
  'sprint.reason_too_long': () => `Keep the reason to ${REASON_MAX} characters or fewer.`,
  'sprint.item_already_in': () => 'it is already in this sprint',
  'sprint.item_not_open': () => 'only open items can join a sprint',
  'sprint.item_not_unfinished': () => 'it is not an unfinished item of this sprint',
  'sprint.item_not_waiting': () => 'it is not waiting in the backlog or inbox',
  'sprint.item_not_in_sprint': () => 'it is not in the current sprint',
  'sprint.removal_reason_missing': () => 'Say why the item leaves the sprint.',
  'sprint.tasks_missing': () => 'Write at least one task, one per line.',
  'sprint.task_too_long': () => `Keep each task to ${TASK_TITLE_MAX} characters or fewer.`,
  'sprint.too_many_tasks': () => `An item can have at most ${TASKS_PER_ITEM_MAX} tasks: split the item instead.`,
  'sprint.not_found': () => 'sprint not found',
  'retro.answer_missing': () => 'Answer at least one of the three questions.',
  'retro.answer_too_long': () => `Keep each answer to ${RETRO_ANSWER_MAX} characters or fewer.`,
  'standup.did_missing': () => 'Say what you did since last time (a word is enough).',
  'standup.today_missing': () => 'Say what you will do today.',
  'standup.answer_too_long': () => `Keep it under ${ANSWER_MAX} characters.`,
  'standup.dates_invalid': () => 'Dates look like 2026-12-24 (year-month-day), e.g. `/standup away 2026-12-24 2027-01-02`.',
  'standup.dates_reversed': ({ details }) => `The end date ${fact(details, 'until')} is before the start date ${fact(details, 'from')}.`,
  'standup.away_too_long': () => 'That is more than a year; mark at most a year at a time.',
  'standup.away_in_past': ({ details }) => `${fact(details, 'until')} is in the past (today is ${fact(details, 'today')}).`,
  'setup.name_missing': () => 'Give the team a name.',
  'setup.name_too_long': () => `Keep the name to ${TEAM_NAME_MAX} characters.`,
  'setup.team_channel_missing': () => 'Pick the team channel.',
  'setup.triage_channel_invalid': () => 'Pick a triage channel.',
  'setup.stakeholder_channel_invalid': () => 'Pick a stakeholder channel.',
  'setup.product_owner_missing': () => 'Pick the Product Owner.',
  'setup.scrum_master_missing': () => 'Pick the Scrum Master.',
  'setup.members_missing': () => 'Add the team members.',
  'setup.too_many_members': () => `At most ${MEMBERS_MAX} members.`,
  'setup.sprint_length_not_whole': () => 'Sprint length: a whole number of days.',
  'setup.sprint_length_out_of_range': () => `Sprint length: ${SPRINT_LENGTH_DAYS.min} to ${SPRINT_LENGTH_DAYS.max} days.`,
  'setup.standup_time_invalid': () => 'Standup time: use 24-hour HH:MM, e.g. 09:30.',
  'setup.standup_days_missing': () => 'Pick at least one day for standups.',
  'setup.window_not_whole': () => 'Response window: a whole number of minutes.',
  'setup.window_out_of_range': () => minutesRange('Response window', STANDUP_WINDOW_MINUTES),
  'setup.reminder_not_whole': () => 'Reminder: a whole number of minutes.',
  'setup.reminder_out_of_range': () => minutesRange('Reminder', { min: 0, max: STANDUP_WINDOW_MINUTES.max }),
  'setup.reminder_too_short': () => `Reminder: 0 (no reminder) or at least ${STANDUP_REMINDER_MINUTES.min} minutes.`,
  'setup.reminder_after_window': ({ details }) =>
    `Reminder: it must come before the response window ends (under ${fact(details, 'windowMinutes')} minutes), or 0 for none.`,
  'setup.timezone_invalid': () => 'Use a timezone name like Europe/Berlin or America/New_York.',
  'setup.burndown_time_invalid': () => 'Burndown time: use 24-hour HH:MM, e.g. 09:30.',
  'setup.burndown_days_missing': () => 'Pick at least one day for the burndown.',
  'setup.digest_day_missing': () => 'Pick the digest day.',
  'setup.digest_time_invalid': () => 'Digest time: use 24-hour HH:MM, e.g. 09:30.',
  'setup.reaction_invalid': () => 'An emoji name like inbox_tray (without colons).',
  'setup.too_many_holidays': () => `At most ${HOLIDAYS_MAX} holidays.`,
  'setup.holidays_invalid': () => 'Holidays: one date per line as YYYY-MM-DD.',
  'setup.prefix_invalid': () => 'Item prefix: 1 to 8 letters, e.g. R or PAY.',
  'setup.too_many_watched': () => `Watch at most ${MAX_WATCHED_CHANNELS} channels.`,
};

/** The words of one issue (a validation problem, or the reason an error gives). */
export const issueText = (issue: Issue): string => ISSUE_TEXT[issue.code](issue);

/** The words of an error's reason, or undefined when it gives none. */
function reasonText(details: ErrorDetails): string | undefined {
  const { reason, field, ...facts } = details;
  if (!reason) return undefined;
  const shown: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(facts)) if (value !== undefined) shown[key] = value;
  return issueText({ code: reason, field: field ?? '', details: shown });
}

/** "triage the inbox" for a refusal that names its action, else "do that". */
function actionText(details: ErrorDetails): string {
  const action = details.action;
  return action && Object.hasOwn(ACTION_TEXT, action) ? ACTION_TEXT[action] : 'do that';
}

/** "the Product Owner (@paula)", or without the mention when the team has none. */
function roleHolder(role: string, userId: unknown): string {
  return userId ? `${role} (${mentionUser(String(userId))})` : role;
}

/** The message for a domain error, for the person who hit it. */
export function domainErrorText(error: DomainError): string {
  const { details } = error;
  const po = roleHolder('the Product Owner', details.productOwnerId);
  const sm = roleHolder('the Scrum Master', details.scrumMasterId);
  const action = actionText(details);
  const reason = reasonText(details);
  const code = error.code;
  switch (code) {
    case 'team.not_found':
      return NO_TEAM_TEXT;
    case 'team.ambiguous':
      return 'Several teams could own this. Run the command in your team channel, or pick the team in the form.';
    case 'team.channel_taken':
      return 'That channel already belongs to another team: a channel can belong to one team only.';
    case 'team.not_allowed':
      return `Only ${roleHolder("this team's Product Owner", details.productOwnerId)}, ${roleHolder('Scrum Master', details.scrumMasterId)} or a workspace admin can ${action}.`;
    case 'triage.not_po':
    case 'backlog.not_po':
      return `Only ${po} can ${action}. You can still suggest items with \`/suggest\`.`;
    case 'item.not_found':
      return "I can't find that item. Check the id (like R-42) with `/backlog`.";
    case 'item.wrong_status':
      return reason ? `That item has moved on since: ${reason}` : 'That item has moved on since.';
    case 'item.invalid':
    case 'sprint.invalid':
    case 'standup.invalid':
      return reason ?? 'That is not valid: check what you entered and try again.';
    case 'sprint.locked':
      return 'The sprint has started, so its scope is locked. The item can go to the product backlog instead.';
    case 'sprint.none_active':
      return 'There is no active sprint. Plan one with `/plan`.';
    case 'sprint.already_active':
      return 'A sprint is already running. Close it with `/sprint close` before starting the next.';
    case 'sprint.not_allowed':
      return `Only ${sm} or ${po} can ${action}.`;
    case 'standup.closed':
      return "Today's standup summary has closed, so answers can't be added or changed any more.";
    case 'standup.not_member':
      if (details.action) return `Only members of this team (and its Product Owner, Scrum Master and workspace admins) can ${action}.`;
      return "You're not a member of this team, so you have no standup here. Ask your Scrum Master to add you in `/rituals setup`.";
    case 'standup.not_yours':
      return 'That standup prompt belongs to someone else.';
    case 'standup.not_allowed':
      return `Only ${sm} or a workspace admin can ${action}.`;
    case 'impediment.not_found':
      return "I can't find that impediment any more.";
    case 'sprint.not_member':
      return `Only members of this team (and its Product Owner and Scrum Master) can ${action}.`;
    case 'sprint.not_ready':
      return reason ?? 'Some selected items are not Ready or not estimated.';
    case 'sprint.needs_confirmation':
      return 'That is more than 110% of the velocity: confirm to start the sprint anyway.';
    case 'poker.not_found':
      return 'That planning poker session no longer exists. Start a new one with `/poker R-42`.';
    case 'poker.not_member':
      return `Only members of this team can ${action}.`;
    case 'poker.not_facilitator':
      return `Only ${roleHolder('the facilitator', details.facilitatorId)} can ${action}.`;
    case 'poker.closed':
      return reason ? `That round is over: ${reason}.` : 'That round is over.';
    case 'task.not_found':
      return 'That task no longer exists. Reopen `/sprint` to see the current board.';
    case 'retro.not_open':
      return 'There is no closed sprint to run a retrospective on.';
    case 'report.not_member':
      return `Only the team's members can ${action}. \`/burndown\` shows it to you privately.`;
    case 'export.not_allowed':
      return `Only ${po} and ${sm} can ${action}. \`/backlog\` shows it to everyone.`;
    case 'watch.not_found':
      return 'That request is no longer on record (its team may have been removed).';
    case 'watch.not_author':
      return 'Only the person who wrote that message can answer this.';
    case 'watch.not_po':
      return `Only ${po} can capture spotted requests from here. Anyone can use the message's *Send to backlog* shortcut.`;
    case 'team.watch_channel_taken':
      return `Another team already watches ${details.channelId ? mentionChannel(String(details.channelId)) : 'one of these channels'}: a channel is watched by one team only.`;
  }
  return assertNever(code);
}
