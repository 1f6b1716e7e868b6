/** Error codes the domain raises; the Slack edge turns each into friendly text. */
export type DomainErrorCode =
  | 'team.not_found'
  | 'team.ambiguous'
  | 'team.channel_taken'
  | 'team.not_allowed'
  | 'item.not_found'
  | 'item.invalid'
  | 'item.wrong_status'
  | 'triage.not_po'
  | 'backlog.not_po'
  | 'sprint.locked'
  | 'sprint.none_active'
  | 'sprint.already_active'
  | 'sprint.not_allowed'
  | 'sprint.invalid'
  | 'sprint.not_member'
  | 'sprint.needs_confirmation'
  | 'sprint.not_ready'
  | 'poker.not_found'
  | 'poker.not_member'
  | 'poker.closed'
  | 'task.not_found'
  | 'retro.not_open'
  | 'poker.not_facilitator'
  | 'standup.invalid'
  | 'impediment.not_found'
  | 'standup.closed'
  | 'standup.not_member'
  | 'standup.not_yours'
  | 'standup.not_allowed'
  | 'report.not_member'
  | 'export.not_allowed'
  | 'watch.not_found'
  | 'watch.not_author'
  | 'watch.not_po'
  | 'team.watch_channel_taken';

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

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message?: string,
    /** Extra facts for the message shown to the person (e.g. who the PO is). */
    readonly details: Record<string, string | number> = {},
  ) {
    super(message ?? code);
    this.name = 'DomainError';
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
