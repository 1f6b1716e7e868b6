/** What a PO types into a triage card, keyed by the card's own block ids (read from the view). */
import type { TriageDecisionKind } from '../../src/domain/triage.js';
import { TRIAGE, type TriageCardBlocks } from '../../src/slack/ids.js';
import { selectValue, textValue } from './signedClient.js';

export const radio = (value: string) => ({ type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: value }, value } });

/** The item and card number of the card a triage view shows (from its decision block id). */
export function triageCardOf(view: { blocks: { block_id?: string }[] }): { itemId: number; card: number } {
  const decision = view.blocks.find((b) => String(b.block_id).startsWith(`${TRIAGE.blocks.decision}:`));
  const match = /:(\d+)\.(\d+)$/.exec(String(decision?.block_id));
  if (!match) throw new Error('not a triage card');
  return { itemId: Number(match[1]), card: Number(match[2]) };
}

type Field = keyof TriageCardBlocks;

/** The block ids the view shows for each triage field (read from the view, so tests never guess them). */
export function triageIds(view: { blocks: { block_id?: string }[] }): Record<Field, string> {
  const ids = view.blocks.map((b) => String(b.block_id));
  const bases = Object.entries(TRIAGE.blocks) as [string, string][];
  const result = {} as Record<Field, string>;
  for (const [field, base] of bases) {
    const found = ids.find((id) => id === base || id.startsWith(`${base}:`));
    result[field as Field] = found ?? `(no ${field} block in this view)`;
  }
  return result;
}

type SelectField = 'type' | 'moscow' | 'position' | 'businessValue' | 'timeCriticality' | 'riskReduction' | 'jobSize' | 'storyPoints' | 'mergeTarget';
type TextField = 'text' | 'mergeRef';
export type TriageTyped = Partial<Record<SelectField, string | null> & Record<TextField, string | null>>;

const TEXT_FIELDS = new Set<string>(['text', 'mergeRef']);

/**
 * view.state.values for what the PO typed: the decision radio (unless null: left as the view
 * holds it) and the fields given. Everything else is what the view already holds.
 */
export function triageForm(view: { blocks: { block_id?: string }[] }, decision: TriageDecisionKind | null, typed: TriageTyped = {}): any {
  const ids = triageIds(view);
  const values: Record<string, Record<string, unknown>> = decision ? { [ids.decision]: { [TRIAGE.actions.decision]: radio(decision) } } : {};
  for (const [field, value] of Object.entries(typed)) {
    values[ids[field as Field]] = { [TRIAGE.action]: TEXT_FIELDS.has(field) ? textValue(value ?? null) : selectValue(value ?? null) };
  }
  return values;
}
