/** Definition of Ready: a per-team checklist evaluated on each backlog item. */
import type { Item } from '../db/repositories/items.js';

/** The rules a team can pick (the Slack layer words each one). */
export const READY_RULE_IDS = ['details', 'estimated', 'no_open_question', 'prioritised', 'small_enough'] as const;

export type ReadyRule = (typeof READY_RULE_IDS)[number];
/** The most story points an item may have to count as small enough for one sprint. */
export const SMALL_ENOUGH_POINTS = 13;
export const DEFAULT_READY_RULES: ReadyRule[] = ['details', 'estimated', 'no_open_question'];

type ReadinessFields = Pick<Item, 'details' | 'storyPoints' | 'openQuestion' | 'questionAnswer' | 'moscow'>;

const CHECKS: Record<ReadyRule, (item: ReadinessFields) => boolean> = {
  details: (item) => item.details.trim().length >= 10,
  estimated: (item) => item.storyPoints !== null && item.storyPoints !== undefined,
  no_open_question: (item) => !item.openQuestion || Boolean(item.questionAnswer),
  prioritised: (item) => Boolean(item.moscow),
  small_enough: (item) => item.storyPoints === null || item.storyPoints === undefined || item.storyPoints <= SMALL_ENOUGH_POINTS,
};

/** Parses a team's stored checklist, dropping unknown keys. */
export function parseReadyRules(json: string): ReadyRule[] {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return DEFAULT_READY_RULES;
    return parsed.filter((rule): rule is ReadyRule => (READY_RULE_IDS as readonly unknown[]).includes(rule));
  } catch {
    return DEFAULT_READY_RULES;
  }
}

export interface Readiness {
  ready: boolean;
  /** The rules the item does not meet yet. */
  missingRules: ReadyRule[];
}

export function readinessOf(item: ReadinessFields, rules: readonly ReadyRule[]): Readiness {
  const missingRules = rules.filter((rule) => !CHECKS[rule](item));
  return { ready: missingRules.length === 0, missingRules };
}
