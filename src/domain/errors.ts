/** Error codes the domain raises; the Slack edge turns each into friendly text (src/slack/copy.ts). */
export const DOMAIN_ERROR_CODES = [
  'team.not_found',
  'team.ambiguous',
  'team.channel_taken',
  'team.not_allowed',
  'item.not_found',
  'item.invalid',
  'item.wrong_status',
  'triage.not_po',
  'backlog.not_po',
  'sprint.locked',
  'sprint.none_active',
  'sprint.already_active',
  'sprint.not_allowed',
  'sprint.invalid',
  'sprint.not_member',
  'sprint.needs_confirmation',
  'sprint.not_ready',
  'poker.not_found',
  'poker.not_member',
  'poker.closed',
  'task.not_found',
  'retro.not_open',
  'poker.not_facilitator',
  'standup.invalid',
  'impediment.not_found',
  'standup.closed',
  'standup.not_member',
  'standup.not_yours',
  'standup.not_allowed',
  'report.not_member',
  'export.not_allowed',
  'watch.not_found',
  'watch.not_author',
  'watch.not_po',
  'team.watch_channel_taken',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/**
 * What a refused person tried to do: role checks carry it (details.action) so the refusal can say
 * "Only the Product Owner can triage the inbox" rather than "can do that".
 */
export type GuardedAction =
  | 'team.edit'
  | 'triage'
  | 'backlog.reorder'
  | 'backlog.edit'
  | 'backlog.icebox'
  | 'backlog.reject'
  | 'backlog.remove'
  | 'backlog.export'
  | 'backlog.revive'
  | 'backlog.ready_rules'
  | 'sprint.plan'
  | 'sprint.override_add'
  | 'sprint.remove'
  | 'sprint.defer'
  | 'sprint.close'
  | 'sprint.board'
  | 'retro.summary'
  | 'retro.answer'
  | 'poker.start'
  | 'poker.vote'
  | 'poker.reveal'
  | 'poker.revote'
  | 'poker.accept'
  | 'standup.run'
  | 'impediment.resolve'
  | 'report.post';

/**
 * What exactly was wrong: validation problems (a field and a rule it broke) and the reasons that
 * refine an error code ("item.wrong_status" because "item.already_triaged"). The Slack layer words
 * each one (src/slack/copy.ts); the domain only names them.
 */
export const ISSUE_CODES = [
  // Input that broke a rule this list does not name (e.g. a forged value of the wrong type).
  'input.invalid',
  // Backlog items: edits, triage, answers, state changes.
  'item.title_missing',
  'item.title_too_long',
  'item.type_missing',
  'item.wsjf_not_on_scale',
  'item.points_not_on_scale',
  'item.wsjf_incomplete',
  'item.ready_rule_unknown',
  'item.position_invalid',
  'item.reason_missing',
  'item.status_changed',
  'item.already_triaged',
  'item.not_estimable',
  'item.no_open_question',
  'item.not_requester',
  'item.merge_target_invalid',
  // Suggestions (every intake path).
  'suggestion.title_missing',
  'suggestion.title_too_long',
  'suggestion.details_too_long',
  'suggestion.needed_by_too_long',
  // Triage decisions.
  'triage.wsjf_not_on_scale',
  'triage.points_not_on_scale',
  'triage.note_too_long',
  'triage.moscow_missing',
  'triage.position_missing',
  'triage.reason_missing',
  'triage.merge_target_missing',
  'triage.question_missing',
  'triage.answer_missing',
  // Planning poker.
  'poker.not_a_card',
  'poker.round_ended',
  'poker.already_revealed',
  'poker.no_votes',
  'poker.session_ended',
  'poker.not_revealed',
  'poker.estimate_not_a_card',
  // Sprint planning, scope and board.
  'sprint.name_missing',
  'sprint.name_too_long',
  'sprint.goal_missing',
  'sprint.goal_too_long',
  'sprint.goal_not_one_sentence',
  'sprint.dates_missing',
  'sprint.dates_reversed',
  'sprint.too_long',
  'sprint.capacity_invalid',
  'sprint.item_gone',
  'sprint.items_gone',
  'sprint.items_missing',
  'sprint.items_need_po',
  'sprint.items_need_reason',
  'sprint.item_needs_po',
  'sprint.item_needs_reason',
  'sprint.reason_too_long',
  'sprint.item_already_in',
  'sprint.item_not_open',
  'sprint.item_not_unfinished',
  'sprint.item_not_waiting',
  'sprint.item_not_in_sprint',
  'sprint.removal_reason_missing',
  'sprint.tasks_missing',
  'sprint.task_too_long',
  'sprint.too_many_tasks',
  'sprint.not_found',
  // Retrospective answers.
  'retro.answer_missing',
  'retro.answer_too_long',
  // Standup answers and absence.
  'standup.did_missing',
  'standup.today_missing',
  'standup.answer_too_long',
  'standup.dates_invalid',
  'standup.dates_reversed',
  'standup.away_too_long',
  'standup.away_in_past',
  // Team setup.
  'setup.name_missing',
  'setup.name_too_long',
  'setup.team_channel_missing',
  'setup.triage_channel_invalid',
  'setup.stakeholder_channel_invalid',
  'setup.product_owner_missing',
  'setup.scrum_master_missing',
  'setup.members_missing',
  'setup.too_many_members',
  'setup.sprint_length_not_whole',
  'setup.sprint_length_out_of_range',
  'setup.standup_time_invalid',
  'setup.standup_days_missing',
  'setup.window_not_whole',
  'setup.window_out_of_range',
  'setup.reminder_not_whole',
  'setup.reminder_out_of_range',
  'setup.reminder_too_short',
  'setup.reminder_after_window',
  'setup.timezone_invalid',
  'setup.burndown_time_invalid',
  'setup.burndown_days_missing',
  'setup.digest_day_missing',
  'setup.digest_time_invalid',
  'setup.reaction_invalid',
  'setup.too_many_holidays',
  'setup.holidays_invalid',
  'setup.prefix_invalid',
  'setup.too_many_watched',
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];

const ISSUE_CODE_SET: ReadonlySet<string> = new Set(ISSUE_CODES);
export const isIssueCode = (value: unknown): value is IssueCode => typeof value === 'string' && ISSUE_CODE_SET.has(value);

/** Facts that go with a code: limits, dates, item refs, counts (values may be user text: escape them when shown). */
export type IssueDetails = Readonly<Record<string, string | number>>;

/** One problem with input: which field, which rule, and the facts the words need. */
export interface Issue {
  readonly code: IssueCode;
  /** The input field it concerns ('' when it concerns the whole input). */
  readonly field: string;
  readonly details: IssueDetails;
}

/** An issue on a field, for validation results built by hand. */
export const issue = (code: IssueCode, field = '', details: IssueDetails = {}): Issue => ({ code, field, details });

/** What an error carries besides its code: the reason that refines it, the field, and facts for its words. */
export interface ErrorDetails {
  readonly reason?: IssueCode;
  readonly field?: string;
  readonly action?: GuardedAction;
  readonly [fact: string]: string | number | undefined;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    /** Extra facts for the message shown to the person (e.g. who the PO is, or why it was refused). */
    readonly details: ErrorDetails = {},
  ) {
    // The message is the code and reason: logs stay free of words, and the Slack layer words it.
    super(details.reason ? `${code}: ${details.reason}` : code);
    this.name = 'DomainError';
  }
}

/** The error for input that broke a rule: the issue's code becomes the reason, its field and details travel along. */
export const invalid = (code: DomainErrorCode, { code: reason, field, details }: Issue): DomainError =>
  new DomainError(code, { ...details, reason, ...(field ? { field } : {}) });

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
