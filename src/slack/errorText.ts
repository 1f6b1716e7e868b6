/** Friendly text for domain error codes, shown to the person who hit them. */
import type { DomainError } from '../domain/errors.js';
import { mentionChannel, mentionUser } from './mrkdwn.js';

export const NO_TEAM_TEXT =
  'No Rituals team is set up here yet. Run `/rituals setup` in your team channel to create one (it takes a minute).';

export function domainErrorText(error: DomainError): string {
  const po = error.details.productOwnerId ? mentionUser(String(error.details.productOwnerId)) : 'the Product Owner';
  switch (error.code) {
    case 'team.not_found':
      return NO_TEAM_TEXT;
    case 'team.ambiguous':
      return 'Several teams could own this. Run the command in your team channel, or pick the team in the form.';
    case 'team.channel_taken':
      return 'That channel already belongs to another team: a channel can belong to one team only.';
    case 'team.not_allowed':
      return "Only this team's Product Owner, Scrum Master or a workspace admin can change its settings.";
    case 'triage.not_po':
    case 'backlog.not_po':
      return `Only the Product Owner (${po}) can do that. You can still suggest items with \`/suggest\`.`;
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
      return 'Only the Scrum Master or the Product Owner can do that.';
    case 'standup.closed':
      return "Today's standup summary has closed, so answers can't be added or changed any more.";
    case 'standup.not_member':
      return "You're not a member of this team, so you have no standup here. Ask your Scrum Master to add you in `/rituals setup`.";
    case 'standup.not_yours':
      return 'That standup prompt belongs to someone else.';
    case 'standup.not_allowed':
      return 'Only the Scrum Master (or a workspace admin) can do that.';
    case 'impediment.not_found':
      return "I can't find that impediment any more.";
    case 'sprint.not_member':
      return 'Only members of this team (and its Product Owner and Scrum Master) can do that.';
    case 'sprint.not_ready':
      return error.message;
    case 'sprint.needs_confirmation':
      return 'That is more than 110% of the velocity: confirm to start the sprint anyway.';
    case 'poker.not_found':
      return 'That planning poker session no longer exists. Start a new one with `/poker R-42`.';
    case 'poker.not_member':
      return 'Only members of this team can vote in its planning poker.';
    case 'poker.not_facilitator':
      return `Only the facilitator${error.details.facilitatorId ? ` (${mentionUser(String(error.details.facilitatorId))})` : ''} can do that.`;
    case 'poker.closed':
      return `That round is over: ${error.message}.`;
    case 'task.not_found':
      return 'That task no longer exists. Reopen `/sprint` to see the current board.';
    case 'retro.not_open':
      return 'There is no closed sprint to run a retrospective on.';
    case 'report.not_member':
      return "Only the team's members can post its burndown to the team channel. `/burndown` shows it to you privately.";
    case 'export.not_allowed': {
      const sm = error.details.scrumMasterId ? mentionUser(String(error.details.scrumMasterId)) : 'the Scrum Master';
      return `Only the Product Owner (${po}) and the Scrum Master (${sm}) can export the backlog. \`/backlog\` shows it to everyone.`;
    }
    case 'watch.not_found':
      return 'That request is no longer on record (its team may have been removed).';
    case 'watch.not_author':
      return 'Only the person who wrote that message can answer this.';
    case 'watch.not_po':
      return `Only the Product Owner (${po}) can capture spotted requests from here. Anyone can use the message's *Send to backlog* shortcut.`;
    case 'team.watch_channel_taken':
      return `Another team already watches ${error.details.channelId ? mentionChannel(String(error.details.channelId)) : 'one of these channels'}: a channel is watched by one team only.`;
    default:
      return error.message;
  }
}
