/** Turns view.state.values into domain input with zod; errors come back keyed by block_id. */
import type { ViewStateValue } from '@slack/bolt';
import { z } from 'zod';
import { suggestionSchema, type SuggestionField, type SuggestionInput } from '../domain/suggestion.js';
import { answerSchema, type AnswerInput } from '../domain/standup.js';
import { teamSetupSchema, type TeamSetupField, type TeamSetupInput } from '../domain/teamSetup.js';
import { parseItemRef } from '../domain/itemRef.js';
import { TRIAGE_DECISIONS, triageDecisionSchema, type TriageDecision, type TriageDecisionKind } from '../domain/triage.js';
import { SETUP, STANDUP, SUGGEST, TRIAGE } from './ids.js';

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

const TRIAGE_FIELD_BLOCKS: Record<string, string> = {
  decision: TRIAGE.blocks.decision,
  type: TRIAGE.blocks.type,
  moscow: TRIAGE.blocks.moscow,
  businessValue: TRIAGE.blocks.businessValue,
  timeCriticality: TRIAGE.blocks.timeCriticality,
  riskReduction: TRIAGE.blocks.riskReduction,
  jobSize: TRIAGE.blocks.jobSize,
  storyPoints: TRIAGE.blocks.storyPoints,
  position: TRIAGE.blocks.position,
  note: TRIAGE.blocks.text,
  reason: TRIAGE.blocks.text,
  question: TRIAGE.blocks.text,
  targetNumber: TRIAGE.blocks.mergeRef,
};

export const triageBlockFor = (field: string): string | undefined => TRIAGE_FIELD_BLOCKS[field];

const numberOrNull = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : Number.NaN;
};

/** The decision picked in the triage modal (radio), or null when none is set. */
export function readTriageDecision(values: unknown): TriageDecisionKind | null {
  const value = readValue(values, TRIAGE.blocks.decision, TRIAGE.actions.decision);
  return (TRIAGE_DECISIONS as readonly unknown[]).includes(value) ? (value as TriageDecisionKind) : null;
}

/** The triage modal's state as a validated decision (fields of other decisions are ignored). */
export function parseTriageState(values: unknown, fallbackDecision: TriageDecisionKind): Parsed<TriageDecision> {
  const decision = readTriageDecision(values) ?? fallbackDecision;
  const text = readText(values, TRIAGE.blocks.text, TRIAGE.action);
  const selected = readValue(values, TRIAGE.blocks.mergeTarget, TRIAGE.action);
  const typed = parseItemRef(String(readText(values, TRIAGE.blocks.mergeRef, TRIAGE.action)));
  const raw = {
    decision,
    type: readValue(values, TRIAGE.blocks.type, TRIAGE.action) ?? undefined,
    moscow: readValue(values, TRIAGE.blocks.moscow, TRIAGE.action) ?? undefined,
    businessValue: numberOrNull(readValue(values, TRIAGE.blocks.businessValue, TRIAGE.action)),
    timeCriticality: numberOrNull(readValue(values, TRIAGE.blocks.timeCriticality, TRIAGE.action)),
    riskReduction: numberOrNull(readValue(values, TRIAGE.blocks.riskReduction, TRIAGE.action)),
    jobSize: numberOrNull(readValue(values, TRIAGE.blocks.jobSize, TRIAGE.action)),
    storyPoints: numberOrNull(readValue(values, TRIAGE.blocks.storyPoints, TRIAGE.action)),
    position: readValue(values, TRIAGE.blocks.position, TRIAGE.action) ?? undefined,
    note: text,
    reason: text,
    question: text,
    targetNumber: typed?.number ?? (typeof selected === 'string' && selected ? Number(selected) : undefined),
  };
  const parsed = triageDecisionSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: issuesToBlockErrors(parsed.error.issues, triageBlockFor, TRIAGE.blocks.decision) };
}
