/** The one place that knows every feature: registers each feature's routes, and the team-pick buttons. */
import type { BlockAction, ButtonAction } from '@slack/bolt';
import { SUBCOMMANDS, type SlashCommand } from '../commandCatalog.js';
import type { SlackDeps } from '../deps.js';
import type { CommandRoute, Feature } from '../feature.js';
import { TEAM_PICK_PREFIX } from '../ids.js';
import type { ListenerRouter } from '../router.js';
import { handleTeamPick } from '../teamPick.js';
import { backlog } from './backlog/register.js';
import { home } from './home/register.js';
import { intake } from './intake/register.js';
import { planningFeature } from './planning/register.js';
import { poker, startPoker } from './poker/register.js';
import { reports } from './reports/register.js';
import { setup } from './setup/register.js';
import { sprint } from './sprint/register.js';
import { standup } from './standup/register.js';
import { triage } from './triage/register.js';
import { watch } from './watch/register.js';

/** To add a feature: a folder with its register.ts, and one line here. */
export const FEATURES: readonly Feature[] = [intake, triage, backlog, planningFeature(startPoker), poker, sprint, standup, setup, reports, home, watch];

/** Every slash command's route; fails at start-up when a command in the catalog has none, or two. */
export function commandRoutes(features: readonly Feature[], deps: SlackDeps): Record<SlashCommand, CommandRoute> {
  const table: Partial<Record<SlashCommand, CommandRoute>> = {};
  for (const [name, handler] of features.flatMap((feature) => Object.entries(feature.commands?.(deps) ?? {}))) {
    const command = name as SlashCommand;
    if (table[command]) throw new Error(`Two features handle ${command}`);
    table[command] = handler;
  }
  const missing = (Object.keys(SUBCOMMANDS) as SlashCommand[]).filter((command) => !table[command]);
  if (missing.length > 0) throw new Error(`No feature handles ${missing.join(', ')}`);
  return table as Record<SlashCommand, CommandRoute>;
}

export function registerFeatures(router: ListenerRouter, deps: SlackDeps): void {
  const commands = commandRoutes(FEATURES, deps);
  for (const [name, handler] of Object.entries(commands)) router.command(name, handler);
  for (const feature of FEATURES) feature.register?.(router, deps);
  router.action<BlockAction<ButtonAction>>({ prefix: TEAM_PICK_PREFIX }, (args) => handleTeamPick(args, deps, commands));
}
