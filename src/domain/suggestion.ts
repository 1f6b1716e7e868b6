/** The rules of a suggestion's content, shared by every intake path. */
import { z } from 'zod';
import { ITEM_TYPES, URGENCIES } from '../db/schema.js';
import { coded } from './validation.js';

export const TITLE_MAX = 150;
export const DETAILS_MAX = 3000;
export const NEEDED_BY_MAX = 500;

/**
 * Text as it is kept: without NUL characters, which no person types and PostgreSQL's text cannot
 * hold (SQLite would keep them), so the same submission is stored alike on both engines.
 */
const withoutNul = (value: string): string => value.replaceAll('\0', '');

export const suggestionSchema = z.object({
  title: z
    .string()
    .transform((value) => withoutNul(value).trim().replace(/\s+/g, ' '))
    .pipe(z.string().min(1, coded('suggestion.title_missing')).max(TITLE_MAX, coded('suggestion.title_too_long'))),
  details: z
    .string()
    .transform((value) => withoutNul(value).trim())
    .pipe(z.string().max(DETAILS_MAX, coded('suggestion.details_too_long'))),
  type: z.enum(ITEM_TYPES, coded('item.type_missing')),
  neededBy: z
    .string()
    .transform((value) => withoutNul(value).trim())
    .pipe(z.string().max(NEEDED_BY_MAX, coded('suggestion.needed_by_too_long'))),
  urgency: z.enum(URGENCIES).nullable(),
});

export type SuggestionInput = z.infer<typeof suggestionSchema>;
export type SuggestionField = keyof SuggestionInput;

/** Cuts text to max characters, ending with an ellipsis when something was cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, Math.max(0, max - 1))
    .join('')
    .trimEnd()}…`;
}

/** A title from free text: its first non-empty line, within the title limit. */
export function titleFromText(text: string): string {
  const firstLine = text
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.length > 0);
  return truncate((firstLine ?? '').replace(/\s+/g, ' '), TITLE_MAX);
}
