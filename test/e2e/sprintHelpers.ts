/** Shared set-up for the sprint end-to-end tests: backlog items, closed sprints, planning values. */
import type { Item } from '../../src/db/repositories/items.js';
import type { Team } from '../../src/db/repositories/teams.js';
import { PLAN } from '../../src/slack/ids.js';
import { checkboxesValue, textValue } from '../helpers/signedClient.js';
import type { TestApp } from '../helpers/testApp.js';

/** Inserts a product backlog item at the bottom (Ready when it has details and points). */
export async function addBacklogItem(
  app: TestApp,
  team: Team,
  {
    title,
    points = null,
    details = 'Given a user, when they act, then it works.',
    openQuestion = null,
  }: { title: string; points?: number | null; details?: string; openQuestion?: string | null },
): Promise<Item> {
  const repos = app.rituals.repos;
  const at = Date.now();
  return await repos.items.insert({
    teamId: team.id,
    number: await repos.teams.allocateItemNumber(team.id),
    title,
    details,
    type: 'story',
    status: 'backlog',
    source: 'command',
    requesterId: 'U_ALICE',
    suggestedById: 'U_ALICE',
    storyPoints: points,
    openQuestion,
    rank: ((await repos.items.rankBounds(team.id, 'backlog')).max ?? 0) + 1024,
    createdAt: at,
    updatedAt: at,
  });
}

/** A closed sprint with the given completed points (history for velocity). */
export async function addClosedSprint(app: TestApp, team: Team, number: number, committed: number, completed: number) {
  return await app.rituals.repos.sprints.insert({
    teamId: team.id,
    number,
    name: `Sprint ${number}`,
    goal: 'Ship it',
    startDate: '2026-10-01',
    endDate: '2026-10-14',
    status: 'closed',
    committedPoints: committed,
    completedPoints: completed,
    startedBy: 'U_SM',
    startedAt: 0,
    closedBy: 'U_SM',
    closedAt: 1,
  });
}

export interface PlanValuesInput {
  selected: number[];
  /** The candidates the viewer can tick (a member's form has no checkbox on not-Ready items). */
  candidates: number[];
  goal?: string;
  name?: string;
  start?: string;
  end?: string;
  capacity?: string | null;
  /** The override reason (the PO's form only); left as the form holds it when absent. */
  override?: string;
}

/** view.state.values of the planning modal. */
export function planValues(input: PlanValuesInput): any {
  const values: Record<string, any> = {
    [PLAN.blocks.name]: { [PLAN.action]: textValue(input.name ?? 'Sprint 1') },
    [PLAN.blocks.goal]: { [PLAN.action]: textValue(input.goal ?? 'Customers can reset their password without calling support') },
    [PLAN.blocks.start]: { [PLAN.action]: { type: 'datepicker', selected_date: input.start ?? '2026-11-23' } },
    [PLAN.blocks.end]: { [PLAN.action]: { type: 'datepicker', selected_date: input.end ?? '2026-12-04' } },
    [PLAN.blocks.capacity]: { [PLAN.action]: { type: 'number_input', value: input.capacity === undefined ? null : input.capacity } },
  };
  if (input.override !== undefined) values[PLAN.blocks.override] = { [PLAN.action]: textValue(input.override) };
  for (const id of input.candidates) {
    values[`${PLAN.candidatePrefix}${id}`] = { [PLAN.selectAction]: checkboxesValue(input.selected.includes(id) ? [String(id)] : []) };
  }
  return values;
}

/** All text in a call's blocks and fallback text, for assertions. */
export const allText = (args: Record<string, any>): string => JSON.stringify([args.text, args.blocks ?? args.view?.blocks ?? []]);

/** Maps the values one at a time, in order: each insert allocates the next item number and rank. */
export async function inOrder<T, R>(values: readonly T[], make: (value: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const [index, value] of values.entries()) results.push(await make(value, index));
  return results;
}
