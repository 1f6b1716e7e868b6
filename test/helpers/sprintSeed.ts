/** Seeds sprints, their items and event logs, impediments and intake history through the repositories. */
import type { Item } from '../../src/db/repositories/items.js';
import type { Sprint } from '../../src/db/repositories/sprints.js';
import type { Team } from '../../src/db/repositories/teams.js';
import type { ItemStatus } from '../../src/db/schema.js';
import type { BurndownEvent } from '../../src/domain/burndown.js';
import type { Rituals } from '../../src/server.js';
import { fixedSprintEvents } from './sprintFixtures.js';

export interface SeedItem {
  title: string;
  points?: number | null;
  status?: ItemStatus;
  rank?: number;
  createdAt?: number;
  triagedAt?: number | null;
}

/** Inserts items of a team with human numbers, as intake would. */
export async function seedItems(rituals: Rituals, team: Team, items: SeedItem[]): Promise<Item[]> {
  const inserted: Item[] = [];
  for (const [i, seed] of items.entries()) {
    const at = seed.createdAt ?? Date.parse('2026-11-10T09:00:00Z');
    const item = await rituals.repos.items.insert({
      teamId: team.id,
      number: await rituals.repos.teams.allocateItemNumber(team.id),
      title: seed.title,
      type: 'story',
      status: seed.status ?? 'backlog',
      source: 'command',
      requesterId: 'U_ALICE',
      suggestedById: 'U_ALICE',
      storyPoints: seed.points ?? null,
      rank: seed.rank ?? (i + 1) * 1000,
      triagedAt: seed.triagedAt ?? null,
      createdAt: at,
      updatedAt: at,
    });
    await rituals.repos.itemEvents.append({
      teamId: team.id,
      itemId: item.id,
      actorId: 'U_ALICE',
      kind: 'created',
      field: 'status',
      toValue: 'inbox',
      reason: 'command',
      at,
    });
    inserted.push(item);
  }
  return inserted;
}

export interface SeedSprintOptions {
  number?: number;
  goal?: string;
  startDate?: string;
  endDate?: string;
  status?: 'active' | 'closed';
  closedAt?: number | null;
  /** Titles of the sprint's items; fixture item k (1-based) is items[k - 1]. */
  titles?: string[];
  /** The event log, with fixture item numbers (1..n) as itemId; defaults to fixedSprintEvents. */
  events?: (sprintId: number) => BurndownEvent[];
}

export const FIXTURE_TITLES = [
  'Checkout redesign',
  'Password reset emails',
  'Search filters',
  'Invoice PDF export',
  'Audit log',
  'Slack alerts for failed payments',
  'Onboarding checklist',
  'Legacy report cleanup',
  'Checkout outage hotfix',
];

/** Inserts a sprint and its items' event log; returns the sprint and items (fixture order). */
export async function seedSprint(rituals: Rituals, team: Team, options: SeedSprintOptions = {}): Promise<{ sprint: Sprint; items: Item[] }> {
  const status = options.status ?? 'active';
  const sprint = await rituals.repos.sprints.insert({
    teamId: team.id,
    number: options.number ?? 14,
    name: `Sprint ${options.number ?? 14}`,
    goal: options.goal ?? 'Customers can pay with the new checkout',
    startDate: options.startDate ?? '2026-11-16',
    endDate: options.endDate ?? '2026-11-27',
    status,
    committedPoints: 40,
    startedBy: 'U_SM',
    startedAt: Date.parse(`${options.startDate ?? '2026-11-16'}T09:00:00Z`),
    closedBy: status === 'closed' ? 'U_SM' : null,
    closedAt: options.closedAt ?? null,
  });
  const events = (options.events ?? fixedSprintEvents)(sprint.id);
  const titles = options.titles ?? FIXTURE_TITLES;
  const count = Math.max(titles.length, ...events.map((e) => e.itemId));
  const items = await seedItems(
    rituals,
    team,
    Array.from({ length: count }, (_, i) => ({
      title: titles[i] ?? `Item ${i + 1}`,
      status: 'in_sprint' as const,
      createdAt: Date.parse('2026-11-01T09:00:00Z'),
    })),
  );
  await rituals.repos.itemEvents.appendMany(
    events.map((e) => ({
      teamId: team.id,
      itemId: items[e.itemId - 1]!.id,
      sprintId: e.sprintId,
      actorId: 'U_ALICE',
      kind: e.kind,
      field: e.kind,
      fromValue: e.fromValue,
      toValue: e.toValue,
      reason: e.reason,
      points: e.points,
      at: e.at,
    })),
  );
  for (const item of items) await rituals.repos.items.update(item.id, { sprintId: sprint.id });
  return { sprint, items };
}

/** An impediment raised outside a standup, resolved (by nobody in particular) when resolvedAt is given. */
export async function seedImpediment(rituals: Rituals, team: Team, text: string, openedAt: number, resolvedAt: number | null = null): Promise<void> {
  const impediment = await rituals.repos.impediments.insert({ teamId: team.id, reporterId: 'U_BOB', text, standupDate: null, openedAt });
  if (resolvedAt !== null) await rituals.storage.query('UPDATE impediments SET resolved_at = ? WHERE id = ?', [resolvedAt, impediment.id]);
}

export async function seedScopeAttempt(rituals: Rituals, team: Team, sprintId: number, outcome: 'refused' | 'overridden', at: number): Promise<void> {
  await rituals.repos.sprints.recordScopeAttempt({ teamId: team.id, sprintId, itemId: null, userId: 'U_PO', outcome, reason: 'urgent ask', at });
}
