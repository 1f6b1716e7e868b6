/** callback_id, action_id and block_id values shared by view builders, listeners and tests. */
import type { TriageDecisionKind } from '../domain/triage.js';

export const COMMANDS = {
  suggest: '/suggest',
  rituals: '/rituals',
  triage: '/triage',
  backlog: '/backlog',
  plan: '/plan',
  poker: '/poker',
  sprint: '/sprint',
  standup: '/standup',
  burndown: '/burndown',
} as const;

export const SHORTCUTS = {
  sendToBacklog: 'send_to_backlog',
  suggestGlobal: 'suggest_global',
} as const;

export const SUGGEST = {
  callbackId: 'suggest_submit',
  blocks: {
    team: 'team',
    title: 'title',
    details: 'details',
    type: 'type',
    neededBy: 'needed_by',
    urgency: 'urgency',
  },
  /** Every input element uses this action_id inside its own block. */
  action: 'value',
} as const;

export const INFO_MODAL_CALLBACK = 'info';

/** The value of the "Not set" choice of optional selects (a select can't be cleared otherwise). */
export const NOT_SET_VALUE = 'none';

export const STANDUP = {
  callbackId: 'standup_answer',
  awayCallbackId: 'standup_away',
  actions: {
    open: 'standup_open',
    resolve: 'standup_resolve_impediment',
    awayOpen: 'standup_away_open',
    back: 'standup_back',
  },
  blocks: {
    did: 'did',
    today: 'today',
    blockers: 'blockers',
    /** One block per sprint item: item_<id>. */
    itemPrefix: 'item_',
    awayFrom: 'away_from',
    awayTo: 'away_to',
  },
  /** Every input element uses this action_id inside its own block. */
  action: 'value',
} as const;

export const PLAN = {
  callbackId: 'plan_submit',
  confirmCallbackId: 'plan_confirm',
  blocks: {
    name: 'plan_name',
    goal: 'plan_goal',
    start: 'plan_start',
    end: 'plan_end',
    capacity: 'plan_capacity',
    total: 'plan_total',
    override: 'plan_override',
    poker: 'plan_poker',
  },
  /** Each candidate's section block is `plan_item:<item id>`. */
  candidatePrefix: 'plan_item:',
  action: 'value',
  selectAction: 'plan_select',
  pokerAction: 'plan_poker',
} as const;

export const POKER = {
  /** Vote buttons are `poker_vote:<card>` (action ids are unique within a block). */
  votePrefix: 'poker_vote:',
  reveal: 'poker_reveal',
  revote: 'poker_revote',
  accept: 'poker_accept',
} as const;

export const SPRINT = {
  boardCallbackId: 'sprint_board',
  itemMenu: 'sprint_item_menu',
  taskMenu: 'sprint_task_menu',
  tasksCallbackId: 'sprint_tasks_submit',
  tasksBlock: 'sprint_tasks',
  overrideOpen: 'sprint_override_open',
  overrideCallbackId: 'sprint_override_submit',
  overrideReasonBlock: 'sprint_override_reason',
  defer: 'sprint_defer',
  closeOpen: 'sprint_close_open',
  closeCallbackId: 'sprint_close_submit',
  closeRetroBlock: 'sprint_close_retro',
  action: 'value',
} as const;

export const RETRO = {
  open: 'retro_open',
  callbackId: 'retro_submit',
  blocks: { wentWell: 'retro_went_well', toImprove: 'retro_to_improve', tryNext: 'retro_try_next' },
  action: 'value',
} as const;
export const SETUP = {
  callbackId: 'team_setup_submit',
  blocks: {
    name: 'setup_name',
    teamChannel: 'setup_team_channel',
    triageChannel: 'setup_triage_channel',
    stakeholderChannel: 'setup_stakeholder_channel',
    productOwner: 'setup_po',
    scrumMaster: 'setup_sm',
    members: 'setup_members',
    sprintLength: 'setup_sprint_length',
    standupTime: 'setup_standup_time',
    standupDays: 'setup_standup_days',
    standupWindow: 'setup_standup_window',
    standupReminder: 'setup_standup_reminder',
    timezone: 'setup_timezone',
    burndownTime: 'setup_burndown_time',
    burndownDays: 'setup_burndown_days',
    digestDay: 'setup_digest_day',
    digestTime: 'setup_digest_time',
    captureReaction: 'setup_capture_reaction',
    holidays: 'setup_holidays',
    itemPrefix: 'setup_item_prefix',
    watchChannels: 'setup_watch_channels',
  },
  action: 'value',
} as const;

export const TRIAGE = {
  callbackId: 'triage_decide',
  answerCallbackId: 'triage_answer_submit',
  blocks: {
    decision: 'triage_decision',
    type: 'triage_type',
    moscow: 'triage_moscow',
    businessValue: 'triage_business_value',
    timeCriticality: 'triage_time_criticality',
    riskReduction: 'triage_risk_reduction',
    jobSize: 'triage_job_size',
    storyPoints: 'triage_points',
    position: 'triage_position',
    text: 'triage_text',
    mergeTarget: 'triage_merge_target',
    mergeRef: 'triage_merge_ref',
    answer: 'triage_answer',
    nav: 'triage_nav',
  },
  action: 'value',
  actions: {
    decision: 'triage_decision_pick',
    skip: 'triage_skip',
    /** Opens /triage from a button (triage-channel notice, App Home, answer notice); value = team id. */
    open: 'triage_open',
    /** Opens the answer modal from the requester's DM; value = item id. */
    answerOpen: 'triage_answer_open',
  },
} as const;

export const BACKLOG = {
  callbackId: 'backlog_view',
  iceboxCallbackId: 'backlog_icebox',
  editCallbackId: 'backlog_edit',
  removeCallbackId: 'backlog_remove',
  readyCallbackId: 'backlog_ready',
  blocks: {
    title: 'backlog_edit_title',
    details: 'backlog_edit_details',
    type: 'backlog_edit_type',
    moscow: 'backlog_edit_moscow',
    businessValue: 'backlog_edit_business_value',
    timeCriticality: 'backlog_edit_time_criticality',
    riskReduction: 'backlog_edit_risk_reduction',
    jobSize: 'backlog_edit_job_size',
    storyPoints: 'backlog_edit_points',
    position: 'backlog_edit_position',
    removeChoice: 'backlog_remove_choice',
    removeReason: 'backlog_remove_reason',
    readyRules: 'backlog_ready_rules',
    nav: 'backlog_nav',
    poActions: 'backlog_po_actions',
  },
  action: 'value',
  actions: {
    /** Previous/Next; value = 0-based page. */
    page: 'backlog_page',
    /** The per-item overflow menu; option value = "<verb>:<item id>". */
    item: 'backlog_item',
    sortWsjf: 'backlog_sort_wsjf',
    openIcebox: 'backlog_open_icebox',
    openReady: 'backlog_open_ready',
    /** Icebox list: bring an item back; value = item id. */
    revive: 'backlog_revive',
  },
} as const;

export const BACKLOG_PAGE_SIZE = 20;

/** Shadow-backlog watch: the nudge's buttons (value = watch request id) and the PO's capture button. */
export const WATCH = {
  actions: {
    send: 'watch_send',
    dismiss: 'watch_dismiss',
    optOut: 'watch_opt_out',
    capture: 'watch_capture',
  },
} as const;

/** The team buttons offered when a command can't tell which team it is about (e.g. a stakeholder in a DM). */
export const TEAM_PICK_PREFIX = 'team_pick:';

/** What the triage text field means for a decision: its id changes with the meaning, so a reason never turns into a note. */
export const TRIAGE_TEXT_KIND: Record<TriageDecisionKind, 'note' | 'reason' | 'question'> = {
  accept: 'note',
  icebox: 'note',
  merge: 'note',
  reject: 'reason',
  ask: 'question',
};

/**
 * The input block ids of one triage card: `<base>:<item id>.<card>`, and the text field also
 * `:<note|reason|question>`. Slack keeps typed input across updates while a block id stays the
 * same, so every card shown (the session's card counter) gets its own ids and nothing typed for
 * one item shows up on the next; switching the decision keeps the card's ids.
 */
export function triageCardBlocks(itemId: number, card: number, decision: TriageDecisionKind) {
  const id = (base: string) => `${base}:${itemId}.${card}`;
  return {
    decision: id(TRIAGE.blocks.decision),
    type: id(TRIAGE.blocks.type),
    moscow: id(TRIAGE.blocks.moscow),
    businessValue: id(TRIAGE.blocks.businessValue),
    timeCriticality: id(TRIAGE.blocks.timeCriticality),
    riskReduction: id(TRIAGE.blocks.riskReduction),
    jobSize: id(TRIAGE.blocks.jobSize),
    storyPoints: id(TRIAGE.blocks.storyPoints),
    position: id(TRIAGE.blocks.position),
    text: `${id(TRIAGE.blocks.text)}:${TRIAGE_TEXT_KIND[decision]}`,
    mergeTarget: id(TRIAGE.blocks.mergeTarget),
    mergeRef: id(TRIAGE.blocks.mergeRef),
  };
}
export type TriageCardBlocks = ReturnType<typeof triageCardBlocks>;
