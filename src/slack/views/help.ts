/** /rituals help: one line per command. */
const COMMAND_HELP: [string, string][] = [
  ['/suggest [title]', 'Suggest an item for the backlog inbox (anyone).'],
  ['Suggest to backlog', 'Global shortcut (the ⚡ menu): the suggestion form from anywhere.'],
  ['Send to backlog', "Message shortcut (the message's ⋯ menu): capture any message as a suggestion."],
  [':inbox_tray: reaction', 'React to a message to capture it straight into the inbox.'],
  ['@Rituals add <text>', 'Capture text from any channel the bot is in; in a thread, `@Rituals add` captures its first message.'],
  ['/standup [away FROM TO | back | impediments | run]', 'Answer or edit your daily standup; mark yourself away; list and resolve impediments; (SM) prompt the team now.'],
  ['/plan', 'Plan the next sprint: goal, dates, capacity vs velocity, Ready items from the top of the backlog (team).'],
  ['/poker R-42', 'Planning poker on an item in the team channel; the facilitator reveals and accepts the estimate.'],
  ['/sprint', 'The sprint board: move items and tasks, assign yourself, break items into tasks (team).'],
  ['/sprint status', 'Goal, days left, points done and remaining, items by state.'],
  ['/sprint add R-42', 'Scope is locked mid-sprint: keep it in the backlog, or PO/SM override with a reason.'],
  ['/sprint close', 'Close the sprint (SM or PO): velocity recorded, unfinished work back to the top of the backlog.'],
  ['/rituals setup', "Create this channel's team, or change it (team's PO, SM or a workspace admin)."],
  ['/triage', 'Product Owner: work through the inbox, oldest first (accept, icebox, reject, merge, ask).'],
  ['/backlog', 'The ordered product backlog with readiness; the PO reorders and edits it here.'],
  ['/backlog icebox', 'The "maybe later" list; the PO can revive items from it.'],
  ['/backlog ready', "The team's Definition of Ready (the PO edits it)."],
  ['/backlog export', 'The backlog, inbox and icebox as a CSV file, sent to you in a DM (PO and SM).'],
  ['App Home', 'Open Rituals in the sidebar: your suggestions and their status; the PO sees the inbox and backlog health.'],
  ['/burndown', "The active sprint's burndown, only to you (summary and a text sparkline: Slack can't show a private image)."],
  ['/burndown post', 'Post the burndown chart to the team channel (team members). It is also posted every working day at 17:00 team time.'],
  ['/rituals help', 'This list.'],
];

export function buildHelpText(): string {
  return ['*Rituals commands*', ...COMMAND_HELP.map(([command, line]) => `• \`${command}\`: ${line}`)].join('\n');
}
