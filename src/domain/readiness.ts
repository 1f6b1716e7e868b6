/** Definition of Ready: a per-team checklist evaluated on each backlog item. */
import type { Item } from '../db/repositories/items.js';

export const READY_RULES = {
  details: 'has details / acceptance criteria',
  estimated: 'estimated in story points',
  no_open_question: 'no open question',
  prioritised: 'has a MoSCoW priority',
  small_enough: 'small enough for one sprint (13 points or less)',
} as const;

export type ReadyRule = keyof typeof READY_RULES;
export const DEFAULT_READY_RULES: ReadyRule[] = ['details', 'estimated', 'no_open_question'];

type ReadinessFields = Pick<Item, 'details' | 'storyPoints' | 'openQuestion' | 'questionAnswer' | 'moscow'>;

const CHECKS: Record<ReadyRule, (item: ReadinessFields) => boolean> = {
  details: (item) => item.details.trim().length >= 10,
  estimated: (item) => item.storyPoints !== null && item.storyPoints !== undefined,
  no_open_question: (item) => !item.openQuestion || Boolean(item.questionAnswer),
  prioritised: (item) => Boolean(item.moscow),
  small_enough: (item) => item.storyPoints === null || item.storyPoints === undefined || item.storyPoints <= 13,
};

/** Parses a team's stored checklist, dropping unknown keys. */
export function parseReadyRules(json: string): ReadyRule[] {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return DEFAULT_READY_RULES;
    return parsed.filter((rule): rule is ReadyRule => typeof rule === 'string' && rule in READY_RULES);
  } catch {
    return DEFAULT_READY_RULES;
  }
}

export interface Readiness {
  ready: boolean;
  /** Human descriptions of what is missing. */
  missing: string[];
  missingRules: ReadyRule[];
}

export function readinessOf(item: ReadinessFields, rules: readonly ReadyRule[]): Readiness {
  const missingRules = rules.filter((rule) => !CHECKS[rule](item));
  return { ready: missingRules.length === 0, missing: missingRules.map((rule) => READY_RULES[rule]), missingRules };
}
