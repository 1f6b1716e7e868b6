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
