/** /rituals help: one line per command. */
const COMMAND_HELP: [string, string][] = [
  ['/suggest [title]', 'Suggest an item for the backlog inbox (anyone).'],
  ['Send to backlog', "Message shortcut (the message's ⋯ menu): capture any message as a suggestion."],
  [':inbox_tray: reaction', 'React to a message to capture it straight into the inbox.'],
  ['@Rituals add <text>', 'Capture text from any channel the bot is in; in a thread, `@Rituals add` captures its first message.'],
  ['/standup [away FROM TO | back | impediments | run]', 'Answer or edit your daily standup; mark yourself away; list and resolve impediments; (SM) prompt the team now.'],
  ['/rituals help', 'This list.'],
];

export function buildHelpText(): string {
  return ['*Rituals commands*', ...COMMAND_HELP.map(([command, line]) => `• \`${command}\`: ${line}`)].join('\n');
}
