/**
 * App Home's sections about other capabilities: the team's current sprint, its standup (away dates,
 * open impediments) and, for a Product Owner, the shadow-backlog watch.
 */
import type { KnownBlock } from '@slack/types';
import type { Impediment } from '../../../db/repositories/impediments.js';
import type { Team } from '../../../db/repositories/teams.js';
import type { WatchRequest } from '../../../db/repositories/watch.js';
import { localDate } from '../../../domain/localTime.js';
import type { WatchHealth } from '../../../domain/shadowWatch.js';
import type { SprintSummary } from '../../../domain/sprints.js';
import { STANDUP, WATCH } from '../../ids.js';
import { button, context, header, plain, section } from '../../ui/blocks.js';
import { shortDate } from '../../ui/dates.js';
import { plural } from '../../ui/format.js';
import { impedimentBlocks } from '../../ui/impediments.js';
import { mentionChannel, mentionUser, mrkdwnLink } from '../../ui/mrkdwn.js';
import { sprintHeadline } from '../../ui/sprintHeadline.js';
import { intakeShareText, watchHealthLines } from '../../ui/watchHealth.js';

export interface CurrentSprintInput {
  summary: SprintSummary | null;
}

/** App Home's "current sprint" section (filled in by the lead): goal, progress, days left. */
export function buildCurrentSprintSection({ summary }: CurrentSprintInput): KnownBlock[] {
  if (!summary) return [section('*Current sprint:* none. Plan one with `/plan`.')];
  const { byState } = summary;
  return [
    section(sprintHeadline(summary)),
    context(
      `${byState.todo.length} to do · ${byState.in_progress.length} in progress · ${byState.done.length} done${summary.scopeAdded.length + summary.scopeRemoved.length > 0 ? ` · ${plural(summary.scopeAdded.length + summary.scopeRemoved.length, 'scope change')}` : ''}`,
    ),
  ];
}

/**
 * The "Standup" section of App Home (whoever builds App Home includes these blocks): the person's
 * away status with buttons to set or end an absence, and the team's open impediments.
 */
export function buildStandupHomeSection({
  teamName,
  away,
  impediments,
}: {
  teamName: string;
  away: { from: string; to: string } | null;
  impediments: Impediment[];
}): KnownBlock[] {
  const status = away
    ? `:palm_tree: You are away ${away.from === away.to ? `on ${away.from}` : `from ${away.from} to ${away.to}`}: no standup prompts then.`
    : ':speech_balloon: You get the standup prompt on standup days.';
  const blocks: KnownBlock[] = [
    header(`Standup · ${teamName}`),
    section(status),
    {
      // No fixed block_id: App Home shows this once per team the person belongs to.
      type: 'actions',
      elements: [button('Set away dates', STANDUP.actions.awayOpen, 'away'), ...(away ? [button("I'm back", STANDUP.actions.back, 'back')] : [])],
    },
  ];
  if (impediments.length > 0) {
    blocks.push(section(`*Open impediments* (${impediments.length})`), ...impediments.slice(0, 10).flatMap(impedimentBlocks));
    if (impediments.length > 10) blocks.push(context(`${impediments.length - 10} more: \`/standup impediments\``));
  }
  return blocks;
}

/** The PO's App Home block: the last 7 days and the ignored requests, each with a Capture button. */
export function buildWatchHomeBlocks(input: { team: Team; health: WatchHealth; ignored: WatchRequest[]; watching: boolean }): KnownBlock[] {
  const { team, health, ignored } = input;
  if (!input.watching && health.spotted === 0) {
    const intake = `Backlog intake, last 7 days: ${intakeShareText(health.intake)}.`;
    return [context(`${intake} Shadow-backlog watch is off: pick channels to watch in \`/rituals setup\`.`)];
  }
  const blocks: KnownBlock[] = [section(`*Shadow backlog, last 7 days*\n${watchHealthLines(health).join('\n')}`)];
  const tz = team.timezone;
  for (const request of ignored) {
    const where = request.permalink ? mrkdwnLink(request.permalink, 'A request') : `A request in ${mentionChannel(request.channelId)}`;
    let date = '';
    try {
      date = shortDate(localDate(request.spottedAt, tz));
    } catch {
      date = new Date(request.spottedAt).toISOString().slice(0, 10);
    }
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `${where} by ${mentionUser(request.authorId)} on ${date}, nobody sent it to the backlog.` },
      accessory: { type: 'button', action_id: WATCH.actions.capture, text: plain('Capture', 75), value: String(request.id) },
    });
  }
  return blocks;
}
