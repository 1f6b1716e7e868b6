/** /rituals help: one line per command. */
const COMMAND_HELP: [string, string][] = [
  ['/suggest [title]', 'Suggest an item for the backlog inbox (anyone).'],
  ['Send to backlog', "Message shortcut (the message's ⋯ menu): capture any message as a suggestion."],
  [':inbox_tray: reaction', 'React to a message to capture it straight into the inbox.'],
  ['@Rituals add <text>', 'Capture text from any channel the bot is in; in a thread, `@Rituals add` captures its first message.'],
  ['/burndown', "The active sprint's burndown, only to you (summary and a text sparkline: Slack can't show a private image)."],
  ['/burndown post', 'Post the burndown chart to the team channel (team members). It is also posted every working day at 17:00 team time.'],
  ['/rituals help', 'This list.'],
];

export function buildHelpText(): string {
  return ['*Rituals commands*', ...COMMAND_HELP.map(([command, line]) => `• \`${command}\`: ${line}`)].join('\n');
}
