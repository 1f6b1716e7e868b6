/** Zod validation that speaks in issue codes: schemas name a code per rule, results are lists of issues. */
import type { z } from 'zod';
import { isIssueCode, type Issue, type IssueCode, type IssueDetails } from './errors.js';

/** The zod option that makes a rule's message its issue code: `z.string().min(1, coded('item.title_missing'))`. */
export const coded = (code: IssueCode) => ({ error: code });

/** The facts zod knows about a broken rule: its limits, and a custom rule's params. */
function detailsOf(raw: z.core.$ZodIssue): IssueDetails {
  const details: Record<string, string | number> = {};
  if (raw.code === 'too_big') details.max = Number(raw.maximum);
  if (raw.code === 'too_small') details.min = Number(raw.minimum);
  if (raw.code === 'custom' && raw.params) {
    for (const [key, value] of Object.entries(raw.params)) if (typeof value === 'string' || typeof value === 'number') details[key] = value;
  }
  return details;
}

/** The issues of a failed parse, each on its top-level field; a rule without a code of ours is input.invalid. */
export function issuesOf(issues: readonly z.core.$ZodIssue[]): Issue[] {
  return issues.map((raw) => ({
    code: isIssueCode(raw.message) ? raw.message : 'input.invalid',
    field: String(raw.path[0] ?? ''),
    details: detailsOf(raw),
  }));
}

/** The first issue of a failed parse (a failed parse has at least one). */
export const firstIssue = (error: z.ZodError): Issue => issuesOf(error.issues)[0] ?? { code: 'input.invalid', field: '', details: {} };
