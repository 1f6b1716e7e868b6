/** The one place that knows every feature: registers each feature's routes, and the team-pick buttons. */
import type { BlockAction, ButtonAction } from '@slack/bolt';
import { SUBCOMMANDS, type SlashCommand } from '../commandCatalog.js';
import type { SlackDeps } from '../deps.js';
import type { CommandHandler, Feature } from '../feature.js';
import { TEAM_PICK_PREFIX } from '../ids.js';
import type { ListenerRouter } from '../router.js';
import { handleTeamPick } from '../teamPick.js';
import { backlog } from './backlog/register.js';
import { home } from './home/register.js';
import { intake } from './intake/register.js';
import { planning } from './planning/register.js';
import { poker } from './poker/register.js';
import { reports } from './reports/register.js';
import { setup } from './setup/register.js';
import { sprint } from './sprint/register.js';
import { standup } from './standup/register.js';
import { triage } from './triage/register.js';
import { watch } from './watch/register.js';

/** To add a feature: a folder with its register.ts, and one line here. */
export const FEATURES: readonly Feature[] = [intake, triage, backlog, planning, poker, sprint, standup, setup, reports, home, watch];

/** Every slash command's handler; fails at start-up when a command in the catalog has none, or two. */
export function commandHandlers(features: readonly Feature[]): Record<SlashCommand, CommandHandler> {
  const table: Partial<Record<SlashCommand, CommandHandler>> = {};
  for (const [name, handler] of features.flatMap((feature) => Object.entries(feature.commands ?? {}))) {
    const command = name as SlashCommand;
    if (table[command]) throw new Error(`Two features handle ${command}`);
    table[command] = handler;
  }
  const missing = (Object.keys(SUBCOMMANDS) as SlashCommand[]).filter((command) => !table[command]);
  if (missing.length > 0) throw new Error(`No feature handles ${missing.join(', ')}`);
  return table as Record<SlashCommand, CommandHandler>;
}

export function registerFeatures(router: ListenerRouter, deps: SlackDeps): void {
  const commands = commandHandlers(FEATURES);
  for (const [name, handler] of Object.entries(commands)) router.command(name, (args) => handler(args, deps));
  for (const feature of FEATURES) feature.register?.(router, deps);
  router.action<BlockAction<ButtonAction>>({ prefix: TEAM_PICK_PREFIX }, (args) => handleTeamPick(args, deps, commands));
}
