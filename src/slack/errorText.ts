/** Friendly text for domain error codes, shown to the person who hit them. */
import type { DomainError, GuardedAction } from '../domain/errors.js';
import { mentionChannel, mentionUser } from './ui/mrkdwn.js';

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

const isGuardedAction = (value: unknown): value is GuardedAction => typeof value === 'string' && Object.hasOwn(ACTION_TEXT, value);

/** "triage the inbox" for a refusal that names its action, else "do that". */
function actionText(error: DomainError): string {
  const action = error.details.action;
  return isGuardedAction(action) ? ACTION_TEXT[action] : 'do that';
}

/** "the Product Owner (@paula)", or without the mention when the team has none. */
function roleHolder(role: string, userId: unknown): string {
  return userId ? `${role} (${mentionUser(String(userId))})` : role;
}

export const NO_TEAM_TEXT =
  'No Rituals team is set up here yet. Run `/rituals setup` in your team channel to create one (it takes a minute).';

export function domainErrorText(error: DomainError): string {
  const po = roleHolder('the Product Owner', error.details.productOwnerId);
  const sm = roleHolder('the Scrum Master', error.details.scrumMasterId);
  const action = actionText(error);
  switch (error.code) {
    case 'team.not_found':
      return NO_TEAM_TEXT;
    case 'team.ambiguous':
      return 'Several teams could own this. Run the command in your team channel, or pick the team in the form.';
    case 'team.channel_taken':
      return 'That channel already belongs to another team: a channel can belong to one team only.';
    case 'team.not_allowed':
      return `Only ${roleHolder("this team's Product Owner", error.details.productOwnerId)}, ${roleHolder('Scrum Master', error.details.scrumMasterId)} or a workspace admin can ${action}.`;
    case 'triage.not_po':
    case 'backlog.not_po':
      return `Only ${po} can ${action}. You can still suggest items with \`/suggest\`.`;
    case 'item.not_found':
      return "I can't find that item. Check the id (like R-42) with `/backlog`.";
    case 'item.wrong_status':
      return `That item has moved on since: ${error.message}`;
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
      if (error.details.action) return `Only members of this team (and its Product Owner, Scrum Master and workspace admins) can ${action}.`;
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
      return error.message;
    case 'sprint.needs_confirmation':
      return 'That is more than 110% of the velocity: confirm to start the sprint anyway.';
    case 'poker.not_found':
      return 'That planning poker session no longer exists. Start a new one with `/poker R-42`.';
    case 'poker.not_member':
      return `Only members of this team can ${action}.`;
    case 'poker.not_facilitator':
      return `Only ${roleHolder('the facilitator', error.details.facilitatorId)} can ${action}.`;
    case 'poker.closed':
      return `That round is over: ${error.message}.`;
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
      return `Another team already watches ${error.details.channelId ? mentionChannel(String(error.details.channelId)) : 'one of these channels'}: a channel is watched by one team only.`;
    default:
      return error.message;
  }
}
