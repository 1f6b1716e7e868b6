/** The rules of a suggestion's content, shared by every intake path. */
import { z } from 'zod';
import { ITEM_TYPES, URGENCIES } from '../db/schema.js';

export const TITLE_MAX = 150;
export const DETAILS_MAX = 3000;
export const NEEDED_BY_MAX = 500;

export const suggestionSchema = z.object({
  title: z
    .string()
    .transform((value) => value.trim().replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .min(1, { error: 'Give the suggestion a title.' })
        .max(TITLE_MAX, { error: `Keep the title to ${TITLE_MAX} characters or fewer.` }),
    ),
  details: z
    .string()
    .transform((value) => value.trim())
    .pipe(z.string().max(DETAILS_MAX, { error: `Keep the details to ${DETAILS_MAX} characters or fewer.` })),
  type: z.enum(ITEM_TYPES, { error: 'Pick a type.' }),
  neededBy: z
    .string()
    .transform((value) => value.trim())
    .pipe(z.string().max(NEEDED_BY_MAX, { error: `Keep this to ${NEEDED_BY_MAX} characters or fewer.` })),
  urgency: z.enum(URGENCIES).nullable(),
});

export type SuggestionInput = z.infer<typeof suggestionSchema>;
export type SuggestionField = keyof SuggestionInput;

/** Cuts text to max characters, ending with an ellipsis when something was cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}

/** A title from free text: its first non-empty line, within the title limit. */
export function titleFromText(text: string): string {
  const firstLine = text
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.length > 0);
  return truncate((firstLine ?? '').replace(/\s+/g, ' '), TITLE_MAX);
}

/** Builds a valid suggestion from a captured message's text (no modal to correct it). */
export function suggestionFromText(text: string, defaults: Partial<SuggestionInput> = {}): SuggestionInput {
  const trimmed = text.trim();
  const title = titleFromText(trimmed) || 'Captured message';
  const details = trimmed === title ? '' : truncate(trimmed, DETAILS_MAX);
  return suggestionSchema.parse({ type: 'story', neededBy: '', urgency: null, ...defaults, title, details });
}
