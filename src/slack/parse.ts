/** Turns view.state.values into domain input with zod; errors come back keyed by block_id. */
import type { ViewStateValue } from '@slack/bolt';
import { z } from 'zod';
import { suggestionSchema, type SuggestionField, type SuggestionInput } from '../domain/suggestion.js';
import { answerSchema, type AnswerInput } from '../domain/standup.js';
import { STANDUP, SUGGEST } from './ids.js';

export type StateValues = Record<string, Record<string, ViewStateValue>>;
export type BlockErrors = Record<string, string>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: BlockErrors };

const stateValuesSchema = z.record(z.string(), z.record(z.string(), z.unknown()));

/** The value of an input element, whatever its kind (text, select, users, date...). */
export function readValue(values: unknown, blockId: string, actionId: string = SUGGEST.action): unknown {
  const parsed = stateValuesSchema.safeParse(values);
  if (!parsed.success) return undefined;
  const element = parsed.data[blockId]?.[actionId];
  if (!element || typeof element !== 'object') return undefined;
  const state = element as Record<string, unknown>;
  if ('value' in state) return state.value;
  if ('selected_option' in state) {
    const selected = state.selected_option as { value?: unknown } | null;
    return selected?.value ?? null;
  }
  for (const key of ['selected_users', 'selected_conversations', 'selected_channels', 'selected_options']) {
    if (key in state) return state[key];
  }
  for (const key of ['selected_user', 'selected_conversation', 'selected_channel', 'selected_date', 'selected_time']) {
    if (key in state) return state[key];
  }
  return undefined;
}

/** A text value as a string ('' when empty or missing; non-strings are left for zod to reject). */
export function readText(values: unknown, blockId: string, actionId?: string): unknown {
  const value = readValue(values, blockId, actionId);
  return value === null || value === undefined ? '' : value;
}

const FIELD_BLOCKS: Record<SuggestionField, string> = {
  title: SUGGEST.blocks.title,
  details: SUGGEST.blocks.details,
  type: SUGGEST.blocks.type,
  neededBy: SUGGEST.blocks.neededBy,
  urgency: SUGGEST.blocks.urgency,
};

/** Maps zod issues onto block ids (the first message per block wins). */
export function issuesToBlockErrors(issues: readonly z.core.$ZodIssue[], blockFor: (field: string) => string | undefined, fallbackBlock: string): BlockErrors {
  const errors: BlockErrors = {};
  for (const issue of issues) {
    const block = blockFor(String(issue.path[0] ?? '')) ?? fallbackBlock;
    errors[block] ??= issue.message.slice(0, 150);
  }
  return errors;
}

export function parseSuggestionState(values: unknown): Parsed<SuggestionInput> {
  const raw = {
    title: readText(values, SUGGEST.blocks.title),
    details: readText(values, SUGGEST.blocks.details),
    type: readValue(values, SUGGEST.blocks.type) ?? 'story',
    neededBy: readText(values, SUGGEST.blocks.neededBy),
    urgency: readValue(values, SUGGEST.blocks.urgency) ?? null,
  };
  const parsed = suggestionSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: issuesToBlockErrors(parsed.error.issues, (field) => FIELD_BLOCKS[field as SuggestionField], SUGGEST.blocks.title),
  };
}

/** The standup answer form: three texts and one status per sprint item block (item_<id>). */
export function parseStandupAnswer(values: unknown): Parsed<AnswerInput> {
  const parsedValues = stateValuesSchema.safeParse(values);
  const blockIds = parsedValues.success ? Object.keys(parsedValues.data) : [];
  const itemStates = blockIds
    .filter((blockId) => blockId.startsWith(STANDUP.blocks.itemPrefix))
    .map((blockId) => ({ itemId: Number(blockId.slice(STANDUP.blocks.itemPrefix.length)), state: readValue(values, blockId, STANDUP.action) }))
    .filter((entry) => entry.state !== null && entry.state !== undefined);
  const raw = {
    did: readText(values, STANDUP.blocks.did, STANDUP.action),
    today: readText(values, STANDUP.blocks.today, STANDUP.action),
    blockers: readText(values, STANDUP.blocks.blockers, STANDUP.action),
    itemStates,
  };
  const parsed = answerSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const blockFor = (field: string) =>
    field === 'did' ? STANDUP.blocks.did : field === 'today' ? STANDUP.blocks.today : field === 'blockers' ? STANDUP.blocks.blockers : undefined;
  return { ok: false, errors: issuesToBlockErrors(parsed.error.issues, blockFor, STANDUP.blocks.did) };
}
