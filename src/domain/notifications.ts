/**
 * What the domain asks to be told to people. Stored in the outbox as data (ids, not text) in the
 * same transaction as the change, and rendered by the Slack edge when sent.
 */
export type Notification =
  | { kind: 'suggestion.receipt'; itemId: number; userId: string }
  | { kind: 'suggestion.triage_notice'; itemId: number; channelId: string }
  | {
      kind: 'capture.thread_reply';
      itemId: number;
      channelId: string;
      threadTs: string;
      capturedBy: string;
      alreadyCaptured: boolean;
    }
  | { kind: 'triage.outcome'; itemId: number; userId: string; eventId?: number }
  | { kind: 'triage.outcome_thread'; itemId: number; channelId: string; threadTs: string; eventId?: number }
  | { kind: 'triage.question'; itemId: number; userId: string; question: string; askedBy: string }
  | { kind: 'triage.answer_notice'; itemId: number; userId: string }
  | { kind: 'generic.dm'; userId: string; text: string }
  | { kind: 'generic.channel'; channelId: string; text: string; threadTs?: string }
  | { kind: 'standup.prompt'; promptId: number }
  | { kind: 'standup.reminder'; promptId: number }
  | { kind: 'standup.parent'; runId: number }
  | { kind: 'standup.parent_update'; runId: number }
  | { kind: 'standup.answer'; promptId: number }
  | { kind: 'standup.answer_update'; promptId: number }
  | { kind: 'standup.impediment'; impedimentId: number; userId: string }
  | { kind: 'standup.impediment_resolved'; impedimentId: number; userId: string }
  | { kind: 'sprint.started'; sprintId: number }
  | { kind: 'sprint.scope_changed'; sprintId: number; itemId: number; userId: string; change: 'added' | 'removed'; reason: string }
  | { kind: 'sprint.scope_deferred'; itemId: number; userId: string; productOwnerId: string }
  | { kind: 'sprint.closed'; sprintId: number; retro: boolean }
  | { kind: 'sprint.close_prompt'; sprintId: number }
  | { kind: 'retro.invite'; sprintId: number; userId: string }
  | { kind: 'retro.summary'; sprintId: number }
  | { kind: 'watch.nudge'; requestId: number };

export type NotificationKind = Notification['kind'];

/** A notification to queue, with the key that makes it happen at most once. */
export interface OutgoingNotification {
  dedupeKey: string;
  notification: Notification;
}
