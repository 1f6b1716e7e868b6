/** Turns view.state.values into domain input with zod; errors come back keyed by block_id. */
import type { ViewStateValue } from '@slack/bolt';
import { z } from 'zod';
import { suggestionSchema, type SuggestionField, type SuggestionInput } from '../domain/suggestion.js';
import { answerSchema, type AnswerInput } from '../domain/standup.js';
import { teamSetupSchema, type TeamSetupField, type TeamSetupInput } from '../domain/teamSetup.js';
import { parseItemRef } from '../domain/itemRef.js';
import { TRIAGE_DECISIONS, triageDecisionSchema, type TriageDecision, type TriageDecisionKind } from '../domain/triage.js';
import { issuesOf } from '../domain/validation.js';
import { issueText } from './copy.js';
import { NOT_SET_VALUE, SETUP, STANDUP, SUGGEST, TRIAGE, triageCardBlocks, type TriageCardBlocks } from './ids.js';

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

/** Words zod issues (their messages are issue codes) onto block ids (the first problem per block wins). */
export function issuesToBlockErrors(issues: readonly z.core.$ZodIssue[], blockFor: (field: string) => string | undefined, fallbackBlock: string): BlockErrors {
  const errors: BlockErrors = {};
  for (const issue of issuesOf(issues)) {
    const block = blockFor(issue.field) ?? fallbackBlock;
    errors[block] ??= issueText(issue).slice(0, 150);
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

/** Values of a multi select (selected_options objects or plain ids). */
export function readValues(values: unknown, blockId: string, actionId?: string): string[] {
  const value = readValue(values, blockId, actionId);
  if (!Array.isArray(value)) return [];
  return value
    .map((entry: unknown) => (typeof entry === 'string' ? entry : (entry as { value?: unknown } | null)?.value))
    .filter((entry): entry is string => typeof entry === 'string');
}

const SETUP_FIELD_BLOCKS: Record<TeamSetupField, string> = {
  name: SETUP.blocks.name,
  teamChannelId: SETUP.blocks.teamChannel,
  triageChannelId: SETUP.blocks.triageChannel,
  stakeholderChannelId: SETUP.blocks.stakeholderChannel,
  productOwnerId: SETUP.blocks.productOwner,
  scrumMasterId: SETUP.blocks.scrumMaster,
  members: SETUP.blocks.members,
  sprintLengthDays: SETUP.blocks.sprintLength,
  standupTime: SETUP.blocks.standupTime,
  standupDays: SETUP.blocks.standupDays,
  standupWindowMinutes: SETUP.blocks.standupWindow,
  standupReminderMinutes: SETUP.blocks.standupReminder,
  timezone: SETUP.blocks.timezone,
  burndownTime: SETUP.blocks.burndownTime,
  burndownDays: SETUP.blocks.burndownDays,
  digestDay: SETUP.blocks.digestDay,
  digestTime: SETUP.blocks.digestTime,
  captureReaction: SETUP.blocks.captureReaction,
  holidays: SETUP.blocks.holidays,
  itemPrefix: SETUP.blocks.itemPrefix,
  watchChannelIds: SETUP.blocks.watchChannels,
};

export const setupBlockFor = (field: string): string | undefined => SETUP_FIELD_BLOCKS[field as TeamSetupField];

/** The setup modal's state as a validated team configuration. */
export function parseSetupState(values: unknown): Parsed<TeamSetupInput> {
  const read = (block: string) => readValue(values, block, SETUP.action);
  const optionalId = (block: string) => {
    const value = read(block);
    return typeof value === 'string' && value.length > 0 ? value : null;
  };
  const holidays = String(readText(values, SETUP.blocks.holidays, SETUP.action))
    .split(/[\s,]+/)
    .map((line) => line.trim())
    .filter(Boolean);
  const prefix = readText(values, SETUP.blocks.itemPrefix, SETUP.action);
  const raw = {
    name: readText(values, SETUP.blocks.name, SETUP.action),
    teamChannelId: read(SETUP.blocks.teamChannel) ?? undefined,
    triageChannelId: optionalId(SETUP.blocks.triageChannel),
    stakeholderChannelId: optionalId(SETUP.blocks.stakeholderChannel),
    productOwnerId: read(SETUP.blocks.productOwner) ?? undefined,
    scrumMasterId: read(SETUP.blocks.scrumMaster) ?? undefined,
    members: readValues(values, SETUP.blocks.members, SETUP.action),
    sprintLengthDays: readText(values, SETUP.blocks.sprintLength, SETUP.action),
    standupTime: readText(values, SETUP.blocks.standupTime, SETUP.action),
    standupDays: readValues(values, SETUP.blocks.standupDays, SETUP.action),
    standupWindowMinutes: readText(values, SETUP.blocks.standupWindow, SETUP.action),
    standupReminderMinutes: readText(values, SETUP.blocks.standupReminder, SETUP.action),
    timezone: readText(values, SETUP.blocks.timezone, SETUP.action),
    burndownTime: readText(values, SETUP.blocks.burndownTime, SETUP.action),
    burndownDays: readValues(values, SETUP.blocks.burndownDays, SETUP.action),
    digestDay: read(SETUP.blocks.digestDay) ?? undefined,
    digestTime: readText(values, SETUP.blocks.digestTime, SETUP.action),
    captureReaction: readText(values, SETUP.blocks.captureReaction, SETUP.action),
    holidays,
    itemPrefix: prefix === '' ? null : prefix,
    watchChannelIds: readValues(values, SETUP.blocks.watchChannels, SETUP.action),
  };
  const parsed = teamSetupSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: issuesToBlockErrors(parsed.error.issues, setupBlockFor, SETUP.blocks.name) };
}

/** Which of a card's blocks shows the error of a decision field. */
const TRIAGE_FIELD_BLOCKS: Record<string, keyof TriageCardBlocks> = {
  decision: 'decision',
  type: 'type',
  moscow: 'moscow',
  businessValue: 'businessValue',
  timeCriticality: 'timeCriticality',
  riskReduction: 'riskReduction',
  jobSize: 'jobSize',
  storyPoints: 'storyPoints',
  position: 'position',
  note: 'text',
  reason: 'text',
  question: 'text',
  targetNumber: 'mergeRef',
};

/** The block of a card that shows a field's error (undefined for fields the form does not have). */
export const triageBlockFor = (blocks: TriageCardBlocks, field: string): string | undefined => {
  const key = TRIAGE_FIELD_BLOCKS[field];
  return key ? blocks[key] : undefined;
};

/** The value of an optional select: null when empty or "Not set" (NOT_SET_VALUE). */
export function readOptional(values: unknown, blockId: string, actionId?: string): unknown {
  const value = readValue(values, blockId, actionId);
  return value === NOT_SET_VALUE ? null : value;
}

const numberOrNull = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : Number.NaN;
};

/** Which triage card a form shows: its item and the session's card counter (see triageCardBlocks). */
export interface TriageCardRef {
  itemId: number;
  card: number;
}

/** The decision picked on a triage card (radio), or null when none is set. */
export function readTriageDecision(values: unknown, ref: TriageCardRef): TriageDecisionKind | null {
  const value = readValue(values, triageCardBlocks(ref.itemId, ref.card, 'accept').decision, TRIAGE.actions.decision);
  return (TRIAGE_DECISIONS as readonly unknown[]).includes(value) ? (value as TriageDecisionKind) : null;
}

/**
 * A triage card's state as a validated decision. Only this card's blocks are read (and of those,
 * only the text block of the decision's meaning), so input from any other card is never used.
 */
export function parseTriageState(values: unknown, ref: TriageCardRef, fallbackDecision: TriageDecisionKind): Parsed<TriageDecision> {
  const decision = readTriageDecision(values, ref) ?? fallbackDecision;
  const blocks = triageCardBlocks(ref.itemId, ref.card, decision);
  const text = readText(values, blocks.text, TRIAGE.action);
  const selected = readOptional(values, blocks.mergeTarget, TRIAGE.action);
  const typed = parseItemRef(String(readText(values, blocks.mergeRef, TRIAGE.action)));
  const raw = {
    decision,
    type: readValue(values, blocks.type, TRIAGE.action) ?? undefined,
    moscow: readValue(values, blocks.moscow, TRIAGE.action) ?? undefined,
    businessValue: numberOrNull(readOptional(values, blocks.businessValue, TRIAGE.action)),
    timeCriticality: numberOrNull(readOptional(values, blocks.timeCriticality, TRIAGE.action)),
    riskReduction: numberOrNull(readOptional(values, blocks.riskReduction, TRIAGE.action)),
    jobSize: numberOrNull(readOptional(values, blocks.jobSize, TRIAGE.action)),
    storyPoints: numberOrNull(readOptional(values, blocks.storyPoints, TRIAGE.action)),
    position: readValue(values, blocks.position, TRIAGE.action) ?? undefined,
    note: text,
    reason: text,
    question: text,
    targetNumber: typed?.number ?? (typeof selected === 'string' && selected ? Number(selected) : undefined),
  };
  const parsed = triageDecisionSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: issuesToBlockErrors(parsed.error.issues, (field) => triageBlockFor(blocks, field), blocks.decision) };
}

/**
 * The id of a block in a submitted form whose id starts with base (e.g. the decision block of
 * whichever card it is), for errors on a form whose session could not be verified; base itself otherwise.
 */
export function blockIdLike(values: unknown, base: string): string {
  const parsed = stateValuesSchema.safeParse(values);
  const found = parsed.success ? Object.keys(parsed.data).find((blockId) => blockId === base || blockId.startsWith(`${base}:`)) : undefined;
  return found ?? base;
}
