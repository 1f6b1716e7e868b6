/**
 * The whole storage model. One table per concept; every change of an item's state is a row in
 * item_events, which burndown, digests and metrics read. Times are epoch milliseconds (UTC);
 * calendar dates are ISO strings (YYYY-MM-DD) in the team's timezone.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const ITEM_TYPES = ['story', 'bug', 'task', 'tech-debt', 'epic'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const ITEM_STATUSES = ['inbox', 'backlog', 'icebox', 'rejected', 'in_sprint', 'done'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** command and shortcut are the official path; reaction, mention and nudge capture conversation. */
export const ITEM_SOURCES = ['command', 'shortcut', 'reaction', 'mention', 'nudge'] as const;
export type ItemSource = (typeof ITEM_SOURCES)[number];

export const MOSCOW = ['must', 'should', 'could', 'wont'] as const;
export type Moscow = (typeof MOSCOW)[number];

export const WORK_STATES = ['todo', 'in_progress', 'done'] as const;
export type WorkState = (typeof WORK_STATES)[number];

export const URGENCIES = ['low', 'normal', 'high', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];

const createdAt = () => integer('created_at', { mode: 'number' }).notNull();
const updatedAt = () => integer('updated_at', { mode: 'number' }).notNull();
// A row that belongs to a team, item or sprint goes with it (the tables are declared further down).
const ownedByTeam = () =>
  integer('team_id')
    .notNull()
    .references(() => teamsTable.id, { onDelete: 'cascade' });
const ownedByItem = () =>
  integer('item_id')
    .notNull()
    .references(() => itemsTable.id, { onDelete: 'cascade' });
const ownedBySprint = () =>
  integer('sprint_id')
    .notNull()
    .references(() => sprintsTable.id, { onDelete: 'cascade' });

/** A Scrum team: one team channel, several teams per Slack workspace. */
export const teamsTable = sqliteTable(
  'teams',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slackTeamId: text('slack_team_id').notNull(),
    name: text('name').notNull(),
    teamChannelId: text('team_channel_id').notNull(),
    triageChannelId: text('triage_channel_id'),
    stakeholderChannelId: text('stakeholder_channel_id'),
    productOwnerId: text('product_owner_id'),
    scrumMasterId: text('scrum_master_id'),
    /** Prefix of human item ids, e.g. "R" for R-42. */
    itemPrefix: text('item_prefix').notNull().default('R'),
    nextItemNumber: integer('next_item_number').notNull().default(1),
    sprintLengthDays: integer('sprint_length_days').notNull().default(14),
    timezone: text('timezone').notNull().default('UTC'),
    /** "HH:MM" in each member's own timezone. */
    standupTime: text('standup_time').notNull().default('09:30'),
    /** ISO weekdays, 1 = Monday ... 7 = Sunday, comma separated. */
    standupDays: text('standup_days').notNull().default('1,2,3,4,5'),
    standupWindowMinutes: integer('standup_window_minutes').notNull().default(180),
    standupReminderMinutes: integer('standup_reminder_minutes').notNull().default(60),
    /** "HH:MM" in the team timezone. */
    burndownTime: text('burndown_time').notNull().default('17:00'),
    burndownDays: text('burndown_days').notNull().default('1,2,3,4,5'),
    digestDay: integer('digest_day').notNull().default(5),
    digestTime: text('digest_time').notNull().default('16:00'),
    captureReaction: text('capture_reaction').notNull().default('inbox_tray'),
    /** JSON array of ISO dates on which nobody is prompted. */
    holidays: text('holidays').notNull().default('[]'),
    /** JSON array of Definition of Ready rule keys. */
    readyChecklist: text('ready_checklist').notNull().default('["details","estimated","no_open_question"]'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('teams_channel_uq').on(t.slackTeamId, t.teamChannelId)],
);

export const teamMembersTable = sqliteTable(
  'team_members',
  {
    teamId: ownedByTeam(),
    userId: text('user_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] })],
);

/** Cache of users.info: timezone and admin flag. */
export const slackUsersTable = sqliteTable(
  'slack_users',
  {
    slackTeamId: text('slack_team_id').notNull(),
    userId: text('user_id').notNull(),
    tz: text('tz'),
    isAdmin: integer('is_admin', { mode: 'boolean' }).notNull().default(false),
    fetchedAt: integer('fetched_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.slackTeamId, t.userId] })],
);

export const sprintsTable = sqliteTable(
  'sprints',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: ownedByTeam(),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    goal: text('goal').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    status: text('status', { enum: ['active', 'closed'] }).notNull(),
    capacityPoints: real('capacity_points'),
    committedPoints: real('committed_points').notNull().default(0),
    completedPoints: real('completed_points'),
    startedBy: text('started_by').notNull(),
    startedAt: integer('started_at').notNull(),
    closedBy: text('closed_by'),
    closedAt: integer('closed_at'),
  },
  (t) => [
    uniqueIndex('sprints_team_number_uq').on(t.teamId, t.number),
    // At most one active sprint per team, enforced by the database.
    uniqueIndex('sprints_one_active_uq').on(t.teamId).where(sql`status = 'active'`),
  ],
);

/**
 * Backlog items at every stage: inbox suggestion, backlog, sprint, done. Their titles are also
 * indexed in the FTS5 table items_title_fts (migration triage-title-search; see items repository).
 */
export const itemsTable = sqliteTable(
  'items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: ownedByTeam(),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    details: text('details').notNull().default(''),
    type: text('type', { enum: ITEM_TYPES }).notNull().default('story'),
    status: text('status', { enum: ITEM_STATUSES }).notNull().default('inbox'),
    source: text('source', { enum: ITEM_SOURCES }).notNull(),
    /** Who needs it: the suggester, or the author of a captured message. */
    requesterId: text('requester_id').notNull(),
    /** Who put it in the inbox (differs from the requester for captures). */
    suggestedById: text('suggested_by_id').notNull(),
    neededBy: text('needed_by').notNull().default(''),
    urgency: text('urgency', { enum: URGENCIES }),
    permalink: text('permalink'),
    sourceChannelId: text('source_channel_id'),
    sourceTs: text('source_ts'),
    /** Idempotency key of the submission or capture that created it. */
    intakeKey: text('intake_key'),
    moscow: text('moscow', { enum: MOSCOW }),
    businessValue: integer('business_value'),
    timeCriticality: integer('time_criticality'),
    riskReduction: integer('risk_reduction'),
    jobSize: integer('job_size'),
    storyPoints: real('story_points'),
    /** Order in the product backlog: lower comes first. Sparse, re-spaced when needed. */
    rank: real('rank'),
    openQuestion: text('open_question'),
    questionAnswer: text('question_answer'),
    rejectReason: text('reject_reason'),
    mergedIntoId: integer('merged_into_id'),
    needsReprioritisation: integer('needs_reprioritisation', { mode: 'boolean' }).notNull().default(false),
    sprintId: integer('sprint_id').references(() => sprintsTable.id),
    workState: text('work_state', { enum: WORK_STATES }),
    assigneeId: text('assignee_id'),
    triagedAt: integer('triaged_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('items_team_number_uq').on(t.teamId, t.number),
    uniqueIndex('items_intake_key_uq').on(t.teamId, t.intakeKey),
    uniqueIndex('items_source_msg_uq').on(t.teamId, t.sourceChannelId, t.sourceTs),
    index('items_team_status_rank_idx').on(t.teamId, t.status, t.rank),
    // "By priority": the last backlog item of each MoSCoW class, one seek each.
    index('items_team_status_moscow_rank_idx').on(t.teamId, t.status, t.moscow, t.rank),
    // The triage queue (oldest inbox item first) without sorting the whole inbox.
    index('items_team_status_created_idx').on(t.teamId, t.status, t.createdAt),
    index('items_requester_idx').on(t.requesterId),
  ],
);

/** The one log of every change to an item: created, status, field, rank, estimate, scope... */
export const itemEventsTable = sqliteTable(
  'item_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: ownedByTeam(),
    itemId: ownedByItem(),
    sprintId: integer('sprint_id'),
    actorId: text('actor_id').notNull(),
    /** e.g. created, status, field, rank, merged, asked, answered, estimate, scope_added, scope_removed, work_state, task */
    kind: text('kind').notNull(),
    field: text('field'),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    reason: text('reason'),
    /** Story points of the item at the time of the event (for burndown). */
    points: real('points'),
    at: integer('at').notNull(),
  },
  (t) => [
    index('item_events_item_idx').on(t.itemId, t.at),
    index('item_events_sprint_idx').on(t.sprintId, t.at),
    index('item_events_team_kind_idx').on(t.teamId, t.kind, t.at),
  ],
);

/** Items others ask about ("+1") after a merge: the requester is linked to the surviving item. */
export const itemFollowersTable = sqliteTable(
  'item_followers',
  {
    itemId: ownedByItem(),
    userId: text('user_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.userId] })],
);

export const tasksTable = sqliteTable(
  'tasks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: ownedByItem(),
    title: text('title').notNull(),
    assigneeId: text('assignee_id'),
    state: text('state', { enum: WORK_STATES }).notNull().default('todo'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('tasks_item_idx').on(t.itemId)],
);

/** Attempts to add work to a locked sprint: refused ones are a shadow-backlog signal. */
export const scopeAttemptsTable = sqliteTable('scope_attempts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  teamId: ownedByTeam(),
  sprintId: ownedBySprint(),
  itemId: integer('item_id'),
  userId: text('user_id').notNull(),
  outcome: text('outcome', { enum: ['refused', 'overridden'] }).notNull(),
  reason: text('reason'),
  at: integer('at').notNull(),
});

export const pokerSessionsTable = sqliteTable('poker_sessions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  teamId: ownedByTeam(),
  itemId: ownedByItem(),
  facilitatorId: text('facilitator_id').notNull(),
  channelId: text('channel_id').notNull(),
  messageTs: text('message_ts'),
  round: integer('round').notNull().default(1),
  status: text('status', { enum: ['voting', 'revealed', 'accepted', 'cancelled'] }).notNull(),
  finalEstimate: real('final_estimate'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const pokerVotesTable = sqliteTable(
  'poker_votes',
  {
    sessionId: integer('session_id')
      .notNull()
      .references(() => pokerSessionsTable.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    userId: text('user_id').notNull(),
    vote: text('vote').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.round, t.userId] })],
);

export const retroAnswersTable = sqliteTable(
  'retro_answers',
  {
    sprintId: ownedBySprint(),
    userId: text('user_id').notNull(),
    wentWell: text('went_well').notNull().default(''),
    toImprove: text('to_improve').notNull().default(''),
    tryNext: text('try_next').notNull().default(''),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sprintId, t.userId] })],
);

/** One standup per team per day: the parent message in the team channel. */
export const standupRunsTable = sqliteTable(
  'standup_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: ownedByTeam(),
    date: text('date').notNull(),
    channelId: text('channel_id').notNull(),
    parentTs: text('parent_ts'),
    /** Digest of what the channel message shows now: an update that would show the same is skipped. */
    shownDigest: text('shown_digest'),
    closesAt: integer('closes_at').notNull(),
    closedAt: integer('closed_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('standup_runs_team_date_uq').on(t.teamId, t.date)],
);

/** One prompt per (team, member, date), claimed before it is sent. */
export const standupPromptsTable = sqliteTable(
  'standup_prompts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: ownedByTeam(),
    userId: text('user_id').notNull(),
    date: text('date').notNull(),
    dueAt: integer('due_at').notNull(),
    sentAt: integer('sent_at'),
    remindAt: integer('remind_at'),
    remindedAt: integer('reminded_at'),
    answeredAt: integer('answered_at'),
    did: text('did'),
    today: text('today'),
    blockers: text('blockers'),
    answerTs: text('answer_ts'),
  },
  (t) => [uniqueIndex('standup_prompts_uq').on(t.teamId, t.userId, t.date)],
);

export const absencesTable = sqliteTable('absences', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  teamId: ownedByTeam(),
  userId: text('user_id').notNull(),
  fromDate: text('from_date').notNull(),
  toDate: text('to_date').notNull(),
  createdAt: createdAt(),
});

export const impedimentsTable = sqliteTable('impediments', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  teamId: ownedByTeam(),
  reporterId: text('reporter_id').notNull(),
  text: text('text').notNull(),
  standupDate: text('standup_date'),
  openedAt: integer('opened_at').notNull(),
  resolvedAt: integer('resolved_at'),
  resolvedBy: text('resolved_by'),
});

/** Exactly-once claims for scheduled posts: (team, kind, period) is claimed before posting. */
export const scheduledPostsTable = sqliteTable(
  'scheduled_posts',
  {
    teamId: ownedByTeam(),
    kind: text('kind').notNull(),
    period: text('period').notNull(),
    claimedAt: integer('claimed_at').notNull(),
    doneAt: integer('done_at'),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.kind, t.period] })],
);

export const EVENT_INBOX_STATES = ['pending', 'done', 'failed'] as const;
export type EventInboxState = (typeof EVENT_INBOX_STATES)[number];

/**
 * Events API deliveries, written before Slack gets its ack and worked from here, so an acked event
 * survives a crash. event_id is also the one record of "seen": a redelivery of a known id is acked
 * and dropped. A pending row is free to claim when lease_until is null or past (a crashed worker's
 * lease runs out; a retry waits out its backoff the same way).
 */
export const eventInboxTable = sqliteTable(
  'event_inbox',
  {
    eventId: text('event_id').primaryKey(),
    /** JSON of the whole envelope as received (event_callback). */
    body: text('body').notNull(),
    receivedAt: integer('received_at').notNull(),
    state: text('state', { enum: EVENT_INBOX_STATES }).notNull().default('pending'),
    /** Claims so far (each run, including one cut short by a crash). */
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: integer('lease_until'),
    /** The instance (host:pid:random) holding the lease. */
    claimedBy: text('claimed_by'),
    doneAt: integer('done_at'),
    lastError: text('last_error'),
  },
  (t) => [index('event_inbox_claim_idx').on(t.state, t.leaseUntil, t.receivedAt)],
);

/**
 * Transactional outbox: notifications written in the same transaction as the change that caused
 * them, then rendered, sent and retried by the dispatcher. dedupe_key makes each one happen once.
 */
export const outboxTable = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dedupeKey: text('dedupe_key').notNull(),
    /** What to send, e.g. suggestion.receipt; the Slack edge renders it when it is sent. */
    kind: text('kind').notNull(),
    /** JSON parameters of the notification (ids, not rendered text). */
    payload: text('payload').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    /** JSON of the Slack response fields worth keeping (ts, channel). */
    result: text('result'),
    /** The team it is sent for: its workspace's bot token sends it. Null on rows queued before workspaces had tokens of their own. */
    teamId: integer('team_id').references(() => teamsTable.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    sentAt: integer('sent_at'),
  },
  (t) => [uniqueIndex('outbox_dedupe_uq').on(t.dedupeKey), index('outbox_due_idx').on(t.status, t.nextAttemptAt)],
);

/** Channels a team watches for requests made outside the backlog (shadow-backlog watch); one team per channel. */
export const watchedChannelsTable = sqliteTable(
  'watched_channels',
  {
    slackTeamId: text('slack_team_id').notNull(),
    channelId: text('channel_id').notNull(),
    teamId: ownedByTeam(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.slackTeamId, t.channelId] }), index('watched_channels_team_idx').on(t.teamId)],
);

/** spotted (not nudged: daily limit), nudged, sent (to the backlog), dismissed ("Not a request"), opted_out. */
export const WATCH_OUTCOMES = ['spotted', 'nudged', 'sent', 'dismissed', 'opted_out'] as const;
export type WatchOutcome = (typeof WATCH_OUTCOMES)[number];

/**
 * A request the watch spotted in a watched channel. Privacy: ids, the score, reason codes and the
 * outcome only; never the message's text (it is read again from Slack if someone captures it).
 */
export const watchRequestsTable = sqliteTable(
  'watch_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: ownedByTeam(),
    channelId: text('channel_id').notNull(),
    ts: text('ts').notNull(),
    /** The thread's parent ts when the message is a reply. */
    threadTs: text('thread_ts'),
    authorId: text('author_id').notNull(),
    score: real('score').notNull(),
    /** Comma-separated reason codes (requestFeatures.ts). */
    reasons: text('reasons').notNull(),
    outcome: text('outcome', { enum: WATCH_OUTCOMES }).notNull(),
    permalink: text('permalink'),
    spottedAt: integer('spotted_at').notNull(),
    nudgedAt: integer('nudged_at'),
    decidedAt: integer('decided_at'),
    itemId: integer('item_id').references(() => itemsTable.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('watch_requests_message_uq').on(t.teamId, t.channelId, t.ts),
    index('watch_requests_team_spotted_idx').on(t.teamId, t.spottedAt),
    index('watch_requests_author_nudged_idx').on(t.teamId, t.authorId, t.nudgedAt),
  ],
);

/** People who said "Don't ask me again" to a team's nudges. */
export const watchOptOutsTable = sqliteTable(
  'watch_opt_outs',
  {
    teamId: ownedByTeam(),
    userId: text('user_id').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] })],
);

/**
 * Distribution mode: one row per "Add to Slack" install, a workspace's or (Enterprise Grid, org-wide)
 * an organisation's. Holds the bot token (and, with token rotation, its refresh token and expiry),
 * so the database file stays owner-only. Deleted when the app is uninstalled or its tokens revoked.
 */
export const slackInstallationsTable = sqliteTable(
  'slack_installations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** 'T:<team id>' for a workspace install, 'E:<enterprise id>' for an org-wide install. */
    installationKey: text('installation_key').notNull(),
    /** The workspace; null for an org-wide install. */
    slackTeamId: text('slack_team_id'),
    enterpriseId: text('enterprise_id'),
    isEnterpriseInstall: integer('is_enterprise_install', { mode: 'boolean' }).notNull().default(false),
    appId: text('app_id'),
    botToken: text('bot_token').notNull(),
    botUserId: text('bot_user_id').notNull(),
    botId: text('bot_id'),
    /** Comma-separated granted bot scopes. */
    botScopes: text('bot_scopes').notNull().default(''),
    /** Token rotation only: the refresh token and when the bot token expires (epoch seconds, as Slack says). */
    botRefreshToken: text('bot_refresh_token'),
    botTokenExpiresAt: integer('bot_token_expires_at'),
    installerUserId: text('installer_user_id'),
    enterpriseUrl: text('enterprise_url'),
    installedAt: integer('installed_at').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('slack_installations_key_uq').on(t.installationKey)],
);

/**
 * Distribution mode: the workspaces the app serves, with their Enterprise Grid organisation (so a
 * scheduled job finds an org-wide install's token) and when they uninstalled the app (their jobs stop,
 * and their data is deleted once DATA_RETENTION_DAYS have passed).
 */
export const slackWorkspacesTable = sqliteTable(
  'slack_workspaces',
  {
    slackTeamId: text('slack_team_id').primaryKey(),
    enterpriseId: text('enterprise_id'),
    uninstalledAt: integer('uninstalled_at'),
    updatedAt: updatedAt(),
  },
  (t) => [index('slack_workspaces_enterprise_idx').on(t.enterpriseId)],
);

/** OAuth state of each "Add to Slack" click, usable once and for 10 minutes (a replayed state is refused). */
export const oauthStatesTable = sqliteTable('oauth_states', {
  state: text('state').primaryKey(),
  /** JSON of the install options the flow started with. */
  installOptions: text('install_options').notNull(),
  createdAt: createdAt(),
});
