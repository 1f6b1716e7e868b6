/** The App Home tab: your suggestions and their status; the PO's inbox and backlog health; sprint lines. */
import type { HomeView, KnownBlock } from '@slack/types';
import type { HomeData, HomePoTeam, HomeSuggestion, HomeTeam } from '../../../domain/home.js';
import { isWaitingForAnswer } from '../../../domain/triage.js';
import { truncate } from '../../../domain/suggestion.js';
import { TRIAGE } from '../../ids.js';
import { escapeMrkdwn } from '../../ui/mrkdwn.js';
import { capBlocks, context, divider, header, plain, section } from '../../ui/blocks.js';
import { formatAge, plural } from '../../ui/format.js';
import { itemRef, itemTitleMrkdwn } from '../../ui/itemLabels.js';
import { buildCurrentSprintSection, buildStandupHomeSection, buildWatchHomeBlocks } from './sections.js';

const HOME_BLOCKS = 100;

/** How a suggestion stands, in a few words. */
export function suggestionStatus({ item, team, mergedInto }: HomeSuggestion): string {
  switch (item.status) {
    case 'inbox':
      return isWaitingForAnswer(item) ? ':question: The PO asked you a question: answer it from my DM' : ':inbox_tray: In the inbox, waiting for triage';
    case 'backlog':
      return ':white_check_mark: Accepted into the product backlog';
    case 'icebox':
      return ':ice_cube: In the icebox (maybe later)';
    case 'in_sprint':
      return ':runner: In the current sprint';
    case 'done':
      return ':tada: Done';
    case 'rejected':
      if (mergedInto) return `:link: Merged into *${itemRef(team, mergedInto)}* ${escapeMrkdwn(truncate(mergedInto.title, 150))}`;
      return `:no_entry: Rejected${item.rejectReason ? `: ${escapeMrkdwn(truncate(item.rejectReason, 300))}` : ''}`;
  }
}

/** A team's sprint line and standup status (away dates, open impediments). */
function teamSection({ team, sprint, away, impediments }: HomeTeam): KnownBlock[] {
  const blocks = sprint
    ? buildCurrentSprintSection({ summary: sprint })
    : [section(`*${escapeMrkdwn(team.name)}*: no sprint running. Plan one with \`/plan\`.`)];
  return [...blocks, ...buildStandupHomeSection({ teamName: team.name, away, impediments })];
}

function poSection(po: HomePoTeam, now: number): KnownBlock[] {
  const { team, inboxCount, oldestInboxAt, answered, health } = po;
  const inbox =
    inboxCount === 0
      ? ':white_check_mark: Inbox empty.'
      : `:inbox_tray: *${inboxCount}* in the inbox · oldest waiting ${formatAge(now - (oldestInboxAt ?? now))}${answered > 0 ? ` · ${plural(answered, 'answered question')}` : ''}`;
  const deep =
    health.top === 0
      ? 'Backlog empty.'
      : `Backlog health (DEEP): of the top ${health.top}, *${health.readyAndEstimated}* ready and estimated (${health.ready} ready, ${health.estimated} estimated) · ${plural(health.total, 'item')} in all`;
  const block: KnownBlock = {
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(`*${escapeMrkdwn(team.name)}* (you are the Product Owner)\n${inbox}\n${deep}`, 3000) },
    ...(inboxCount > 0
      ? { accessory: { type: 'button', action_id: TRIAGE.actions.open, text: plain('Triage', 75), style: 'primary', value: String(team.id) } }
      : {}),
  };
  return [block, ...buildWatchHomeBlocks({ team, ...po.watch })];
}

/** For someone on no team yet: how to set one up, or join one. */
export const NO_TEAM_HOME_TEXT = [
  ":wave: *You're not on a Rituals team yet.*",
  "• *Set one up:* invite me to your team's channel (`/invite @Rituals`) and run `/rituals setup` there. It takes a minute: name, Product Owner, Scrum Master, members, sprint length and standup time.",
  "• *Join an existing team:* ask its Product Owner or Scrum Master to add you in `/rituals setup` in the team's channel.",
  '• Anyone can still suggest work with `/suggest`. `/rituals help` lists every command.',
].join('\n');

export function buildHomeView(data: HomeData): HomeView {
  const blocks: KnownBlock[] = [];
  if (data.teams.length === 0 && data.poTeams.length === 0) blocks.push(section(NO_TEAM_HOME_TEXT), divider());
  for (const team of data.teams.slice(0, 5)) blocks.push(...teamSection(team), divider());
  if (data.poTeams.length > 0) {
    blocks.push(header('Product Owner'), ...data.poTeams.slice(0, 10).flatMap((po) => poSection(po, data.now)), divider());
  }
  blocks.push(header('Your suggestions'));
  if (data.suggestions.length === 0) {
    blocks.push(
      section('You have not suggested anything yet. Use `/suggest`, the *Send to backlog* message shortcut, or react with :inbox_tray: to a message.'),
    );
  } else {
    for (const suggestion of data.suggestions) {
      blocks.push(section(`${itemTitleMrkdwn(suggestion.team, suggestion.item)}\n${suggestionStatus(suggestion)}`));
    }
    blocks.push(context(`Your ${data.suggestions.length} most recent suggestions. \`/backlog\` shows the whole ordered backlog.`));
  }
  return { type: 'home', blocks: capBlocks(blocks, HOME_BLOCKS, (hidden) => `${hidden} more not shown.`) };
}
