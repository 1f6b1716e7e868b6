/** A suggestion from a captured message's text, stored as it is: there is no modal to correct it. */
import { DETAILS_MAX, suggestionSchema, titleFromText, truncate, type SuggestionInput } from '../domain/suggestion.js';
import { CAPTURED_MESSAGE_TITLE } from './copy.js';

/** Title from the first line, the whole text as details (unless it is only the title); a message without text gets a stand-in title. */
export function suggestionFromText(text: string, defaults: Partial<SuggestionInput> = {}): SuggestionInput {
  const trimmed = text.trim();
  const title = titleFromText(trimmed) || CAPTURED_MESSAGE_TITLE;
  const details = trimmed === title ? '' : truncate(trimmed, DETAILS_MAX);
  return suggestionSchema.parse({ type: 'story', neededBy: '', urgency: null, ...defaults, title, details });
}
