/** /rituals help cannot drift from what the app understands: every command and subcommand has a line. */
import { describe, expect, it } from 'vitest';
import { SUBCOMMANDS, subcommandOf, type SlashCommand } from '../../../../src/slack/commandCatalog.js';
import { buildHelpText, HELP_ENTRIES } from '../../../../src/slack/features/setup/help.js';
import { routesOf } from '../../../helpers/routes.js';

const pairs = (list: readonly (readonly [string, string])[]) => list.map(([command, sub]) => `${command} ${sub}`.trim()).sort();

describe('/rituals help', () => {
  it('knows every registered slash command, and no other', () => {
    expect(Object.keys(SUBCOMMANDS).sort()).toEqual(routesOf('command').sort());
  });

  it('explains every subcommand of every command, and only those', () => {
    const understood = (Object.entries(SUBCOMMANDS) as [SlashCommand, readonly string[]][]).flatMap(([command, subs]) =>
      subs.map((sub) => [command, sub] as const),
    );
    const explained = HELP_ENTRIES.flatMap((entry) => entry.covers);
    expect(pairs(explained)).toEqual(pairs(understood));
    // Each line names what it explains, so a reader finds `/sprint remove` in the list.
    for (const entry of HELP_ENTRIES) {
      for (const [command, sub] of entry.covers) {
        if (sub !== '' && !entry.text.includes(`${command} ${sub}`)) expect(entry.usage).toContain(`${command} ${sub}`);
        if (sub === '') expect(entry.usage).toContain(command);
      }
    }
    const text = buildHelpText();
    for (const entry of HELP_ENTRIES) expect(text).toContain(`\`${entry.usage}\``);
  });

  it('reads subcommands in any case and refuses unknown ones', () => {
    expect(subcommandOf('/sprint', 'Remove')).toBe('remove');
    expect(subcommandOf('/sprint', '')).toBe('');
    expect(subcommandOf('/sprint', 'delete')).toBeNull();
    expect(subcommandOf('/backlog', 'ICEBOX')).toBe('icebox');
  });
});
