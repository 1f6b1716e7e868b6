/** /rituals help: one line per command. */
const COMMAND_HELP: [string, string][] = [
  ['/suggest [title]', 'Suggest an item for the backlog inbox (anyone).'],
  ['Send to backlog', "Message shortcut (the message's ⋯ menu): capture any message as a suggestion."],
  [':inbox_tray: reaction', 'React to a message to capture it straight into the inbox.'],
  ['@Rituals add <text>', 'Capture text from any channel the bot is in; in a thread, `@Rituals add` captures its first message.'],
  ['/rituals setup', "Create this channel's team, or change it (team's PO, SM or a workspace admin)."],
  ['/triage', 'Product Owner: work through the inbox, oldest first (accept, icebox, reject, merge, ask).'],
  ['/backlog', 'The ordered product backlog with readiness; the PO reorders and edits it here.'],
  ['/backlog icebox', 'The "maybe later" list; the PO can revive items from it.'],
  ['/backlog ready', "The team's Definition of Ready (the PO edits it)."],
  ['App Home', 'Open Rituals in the sidebar: your suggestions and their status; the PO sees the inbox and backlog health.'],
  ['/rituals help', 'This list.'],
];

export function buildHelpText(): string {
  return ['*Rituals commands*', ...COMMAND_HELP.map(([command, line]) => `• \`${command}\`: ${line}`)].join('\n');
}
