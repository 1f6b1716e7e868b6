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
