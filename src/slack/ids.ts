/** callback_id, action_id and block_id values shared by view builders, listeners and tests. */
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
    timezone: 'setup_timezone',
    burndownTime: 'setup_burndown_time',
    burndownDays: 'setup_burndown_days',
    digestDay: 'setup_digest_day',
    digestTime: 'setup_digest_time',
    captureReaction: 'setup_capture_reaction',
    holidays: 'setup_holidays',
    itemPrefix: 'setup_item_prefix',
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
