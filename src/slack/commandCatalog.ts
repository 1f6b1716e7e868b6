/**
 * Every slash command and the subcommands it understands (the first word of its text; '' is the
 * command alone, or free text such as `/suggest Fix login`). Handlers switch on subcommandOf(), so a
 * case missing here does not compile, and /rituals help is checked against this list in tests.
 */
import { COMMANDS } from './ids.js';

export const SUBCOMMANDS = {
  [COMMANDS.suggest]: [''],
  [COMMANDS.rituals]: ['', 'help', 'setup'],
  [COMMANDS.triage]: [''],
  [COMMANDS.backlog]: ['', 'icebox', 'ready', 'export'],
  [COMMANDS.plan]: [''],
  [COMMANDS.poker]: [''],
  [COMMANDS.sprint]: ['', 'board', 'status', 'add', 'remove', 'close', 'retro'],
  [COMMANDS.standup]: ['', 'answer', 'help', 'away', 'back', 'impediments', 'run'],
  [COMMANDS.burndown]: ['', 'help', 'post'],
} as const;

export type SlashCommand = keyof typeof SUBCOMMANDS;
export type Subcommand<C extends SlashCommand> = (typeof SUBCOMMANDS)[C][number];

/** The subcommand a command's text starts with (any case), or null when the command has no such subcommand. */
export function subcommandOf<C extends SlashCommand>(command: C, word: string): Subcommand<C> | null {
  const lower = word.trim().toLowerCase();
  return (SUBCOMMANDS[command] as readonly string[]).includes(lower) ? (lower as Subcommand<C>) : null;
}
