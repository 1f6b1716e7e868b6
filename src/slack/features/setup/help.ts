/** /rituals help: one line per command, subcommand and entry point. */
import type { SlashCommand } from '../../commandCatalog.js';

export interface HelpEntry {
  usage: string;
  text: string;
  /** The (command, subcommand) pairs the line explains; checked against commandCatalog in tests. */
  covers: readonly (readonly [SlashCommand, string])[];
}

export const HELP_ENTRIES: readonly HelpEntry[] = [
  { usage: '/suggest [title]', text: 'Suggest an item for the backlog inbox (anyone).', covers: [['/suggest', '']] },
  { usage: 'Suggest to backlog', text: 'Global shortcut (the ⚡ menu): the suggestion form from anywhere.', covers: [] },
  { usage: 'Send to backlog', text: "Message shortcut (the message's ⋯ menu): capture any message as a suggestion.", covers: [] },
  { usage: ':inbox_tray: reaction', text: 'React to a message to capture it straight into the inbox.', covers: [] },
  { usage: '@Rituals add <text>', text: 'Capture text from any channel the bot is in; in a thread, `@Rituals add` captures its first message.', covers: [] },
  {
    usage: '/standup',
    text: 'Answer or edit your standup for today (`/standup answer` does the same).',
    covers: [
      ['/standup', ''],
      ['/standup', 'answer'],
    ],
  },
  { usage: '/standup away FROM [TO]', text: 'No standup prompts on those dates, in all your teams.', covers: [['/standup', 'away']] },
  { usage: '/standup back', text: 'End your absence; prompts start again.', covers: [['/standup', 'back']] },
  { usage: '/standup impediments', text: 'Open impediments, with buttons to resolve them.', covers: [['/standup', 'impediments']] },
  { usage: '/standup run', text: 'Scrum Master (or a workspace admin): prompt the whole team now.', covers: [['/standup', 'run']] },
  { usage: '/plan', text: 'Plan the next sprint: goal, dates, capacity vs velocity, Ready items from the top of the backlog (team).', covers: [['/plan', '']] },
  { usage: '/poker R-42', text: 'Planning poker on an item in the team channel; the facilitator reveals and accepts the estimate.', covers: [['/poker', '']] },
  {
    usage: '/sprint',
    text: 'The sprint board: move items and tasks, assign yourself, break items into tasks (team; `/sprint board` too).',
    covers: [
      ['/sprint', ''],
      ['/sprint', 'board'],
    ],
  },
  { usage: '/sprint status', text: 'Goal, days left, points done and remaining, items by state, scope changes.', covers: [['/sprint', 'status']] },
  { usage: '/sprint add R-42', text: 'Scope is locked mid-sprint: keep it in the backlog, or PO/SM override with a reason.', covers: [['/sprint', 'add']] },
  {
    usage: '/sprint remove R-42 <reason>',
    text: 'PO or SM: take an item out of the running sprint (a recorded scope change).',
    covers: [['/sprint', 'remove']],
  },
  {
    usage: '/sprint close',
    text: 'Close the sprint (SM or PO): velocity recorded, unfinished work back to the top of the backlog.',
    covers: [['/sprint', 'close']],
  },
  { usage: '/sprint retro summary', text: "SM or PO: post the last sprint's retrospective summary now, whoever has answered.", covers: [['/sprint', 'retro']] },
  { usage: '/rituals setup', text: "Create this channel's team, or change it (team's PO, SM or a workspace admin).", covers: [['/rituals', 'setup']] },
  { usage: '/triage', text: 'Product Owner: work through the inbox, oldest first (accept, icebox, reject, merge, ask).', covers: [['/triage', '']] },
  { usage: '/backlog', text: 'The ordered product backlog with readiness; the PO reorders and edits it here.', covers: [['/backlog', '']] },
  { usage: '/backlog icebox', text: 'The "maybe later" list; the PO can revive items from it.', covers: [['/backlog', 'icebox']] },
  { usage: '/backlog ready', text: "The team's Definition of Ready (the PO edits it).", covers: [['/backlog', 'ready']] },
  { usage: '/backlog export', text: 'The backlog, inbox and icebox as a CSV file, sent to you in a DM (PO and SM).', covers: [['/backlog', 'export']] },
  { usage: 'App Home', text: 'Open Rituals in the sidebar: your suggestions and their status; the PO sees the inbox and backlog health.', covers: [] },
  {
    usage: '/burndown',
    text: "The active sprint's burndown, only to you (summary and a text sparkline: Slack can't show a private image).",
    covers: [['/burndown', '']],
  },
  {
    usage: '/burndown post',
    text: 'Post the burndown chart to the team channel (team members). It is also posted every working day at 17:00 team time.',
    covers: [['/burndown', 'post']],
  },
  {
    usage: '/standup help, /burndown help',
    text: 'More about those commands.',
    covers: [
      ['/standup', 'help'],
      ['/burndown', 'help'],
    ],
  },
  {
    usage: '/rituals help',
    text: 'This list (`/rituals` alone shows it too).',
    covers: [
      ['/rituals', 'help'],
      ['/rituals', ''],
    ],
  },
];

export function buildHelpText(): string {
  return ['*Rituals commands*', ...HELP_ENTRIES.map(({ usage, text }) => `• \`${usage}\`: ${text}`)].join('\n');
}
