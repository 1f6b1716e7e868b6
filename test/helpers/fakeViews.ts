/**
 * The views a person has open, as Slack keeps them: each view's blocks and the input state in it.
 *
 * Slack keeps what the person typed or picked across `views.update` and `response_action: "update"`
 * whenever a block's block_id and its element's action_id (and kind) stay the same ("preserve
 * input"), whatever initial_value the new version sets; a changed block_id starts from the new
 * view's initial value. A block without block_id gets a fresh random id from Slack on every
 * version, so its input never survives. Submissions and block_actions carry the whole state:
 * what the person typed now merged over what the view already held.
 */
import { randomBytes } from 'node:crypto';

type Json = Record<string, any>;
/** One element's state as Slack reports it in view.state.values, e.g. { type: 'plain_text_input', value: 'x' }. */
export type ElementState = Json;
export type StateValues = Record<string, Record<string, ElementState>>;

export interface FakeView {
  id: string;
  hash: string;
  /** The view as Slack shows it now (block ids filled in where the app left them out). */
  view: Json;
  values: StateValues;
  /** Closed by the person or by the app's ack; the record stays so late updates are visible in tests. */
  closed: boolean;
  openedAt: number;
}

/** The state an element starts with, or undefined for elements without state (buttons, overflow menus). */
export function initialState(element: Json): ElementState | undefined {
  const type = String(element.type ?? '');
  switch (type) {
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return { type, value: element.initial_value ?? null };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type, selected_option: element.initial_option ?? null };
    case 'checkboxes':
    case 'multi_static_select':
    case 'multi_external_select':
      return { type, selected_options: element.initial_options ?? [] };
    case 'users_select':
      return { type, selected_user: element.initial_user ?? null };
    case 'multi_users_select':
      return { type, selected_users: element.initial_users ?? [] };
    case 'conversations_select':
      return { type, selected_conversation: element.initial_conversation ?? null };
    case 'multi_conversations_select':
      return { type, selected_conversations: element.initial_conversations ?? [] };
    case 'channels_select':
      return { type, selected_channel: element.initial_channel ?? null };
    case 'multi_channels_select':
      return { type, selected_channels: element.initial_channels ?? [] };
    case 'datepicker':
      return { type, selected_date: element.initial_date ?? null };
    case 'timepicker':
      return { type, selected_time: element.initial_time ?? null };
    default:
      return undefined;
  }
}

/** Every element that holds state, by block_id and action_id: input blocks, actions blocks, section accessories. */
function statefulElements(blocks: Json[]): { blockId: string; actionId: string; element: Json }[] {
  const found: { blockId: string; actionId: string; element: Json }[] = [];
  for (const block of blocks) {
    let elements: Json[] = [];
    if (block.type === 'input' && block.element) elements = [block.element];
    else if (block.type === 'actions') elements = block.elements ?? [];
    else if (block.type === 'section' && block.accessory) elements = [block.accessory];
    for (const element of elements) {
      if (initialState(element) === undefined || typeof element.action_id !== 'string') continue;
      found.push({ blockId: String(block.block_id), actionId: element.action_id, element });
    }
  }
  return found;
}

/** Fills in the block ids Slack makes up for blocks that have none (new ones on every version). */
function withBlockIds(view: Json): Json {
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  const withId = (block: Json) => (typeof block.block_id === 'string' ? block : { ...block, block_id: randomBytes(3).toString('base64url') });
  return { ...view, blocks: blocks.map(withId) };
}

function initialValues(blocks: Json[]): StateValues {
  const values: StateValues = {};
  for (const { blockId, actionId, element } of statefulElements(blocks)) values[blockId] = { ...values[blockId], [actionId]: initialState(element)! };
  return values;
}

export class FakeViews {
  private readonly byId = new Map<string, FakeView>();
  private counter = 0;

  private nextHash(): string {
    this.counter += 1;
    return `h${this.counter}.${randomBytes(2).toString('hex')}`;
  }

  /** A new view (views.open, views.push, response_action "push"): state from its initial values. */
  open(view: Json, id?: string): FakeView {
    this.counter += 1;
    const shown = withBlockIds(view);
    const values = initialValues(shown.blocks);
    const viewId = id ?? `V${String(this.counter).padStart(4, '0')}${randomBytes(3).toString('hex').toUpperCase()}`;
    const record: FakeView = { id: viewId, hash: this.nextHash(), view: shown, values, closed: false, openedAt: this.counter };
    this.byId.set(record.id, record);
    return record;
  }

  /**
   * A new version of an open view (views.update, response_action "update"). Input whose block_id,
   * action_id and element kind are unchanged keeps the person's state; everything else starts anew.
   */
  update(id: string, view: Json): FakeView {
    const previous = this.byId.get(id);
    if (!previous) return this.open(view, id);
    const shown = withBlockIds(view);
    const values: StateValues = {};
    for (const { blockId, actionId, element } of statefulElements(shown.blocks)) {
      const kept = previous.values[blockId]?.[actionId];
      values[blockId] = { ...values[blockId], [actionId]: kept && kept.type === element.type ? kept : initialState(element)! };
    }
    const record: FakeView = { ...previous, hash: this.nextHash(), view: shown, values };
    this.byId.set(id, record);
    return record;
  }

  get(id: string): FakeView | undefined {
    return this.byId.get(id);
  }

  /** Every view opened so far, oldest first. */
  all(): FakeView[] {
    return [...this.byId.values()].sort((a, b) => a.openedAt - b.openedAt);
  }

  /**
   * The open view a test means: by id, else the newest one with the same callback_id and
   * private_metadata (tests often hold the view as the app sent it, without Slack's id).
   */
  resolve(view: { id?: unknown; callback_id?: unknown; private_metadata?: unknown }): FakeView | undefined {
    if (typeof view.id === 'string' && this.byId.has(view.id)) return this.byId.get(view.id);
    if (typeof view.id === 'string') return undefined;
    const candidates = this.all().filter((v) => v.view.callback_id === view.callback_id && (v.view.private_metadata ?? '') === (view.private_metadata ?? ''));
    return candidates.filter((v) => !v.closed).at(-1) ?? candidates.at(-1);
  }

  /**
   * What the person typed now, over what the view holds: the state Slack would send. Typing into
   * an element the view does not have is a mistake in the test (Slack could never send it).
   */
  type(id: string, typed: StateValues | undefined): StateValues {
    const record = this.byId.get(id);
    if (!record) throw new Error(`no open view ${id}`);
    // A closed view submitted again is a fresh copy of the form (or a retry, which repeats what was typed).
    const held = record.closed ? initialValues(record.view.blocks) : record.values;
    const values: StateValues = Object.fromEntries(Object.entries(held).map(([blockId, actions]) => [blockId, { ...actions }]));
    for (const [blockId, actions] of Object.entries(typed ?? {})) {
      for (const [actionId, state] of Object.entries(actions ?? {})) {
        if (!values[blockId]?.[actionId]) {
          const present = Object.entries(values).flatMap(([b, a]) => Object.keys(a).map((action) => `${b}/${action}`));
          const view = `The view ${id} (${String(record.view.callback_id)})`;
          throw new Error(`${view} has no input ${blockId}/${actionId}, so Slack would not send it. It has: ${present.join(', ')}`);
        }
        const offered = this.offered(record, blockId, actionId);
        const picked = [state.selected_option, ...(Array.isArray(state.selected_options) ? state.selected_options : [])].filter(Boolean) as Json[];
        const unknown = offered ? picked.find((option) => !offered.has(String(option.value))) : undefined;
        if (unknown) {
          throw new Error(`${blockId}/${actionId} offers no option ${String(unknown.value)} (it has ${[...offered!].join(', ')}), so a person can't pick it`);
        }
        values[blockId]![actionId] = state;
      }
    }
    this.byId.set(id, { ...record, values });
    return values;
  }

  /**
   * A view the test made up (not one the app opened): it is taken as given, with the test's
   * values as its state, so hand-built and forged payloads still go out as written.
   */
  adopt(view: Json, typed: StateValues | undefined, id?: string): FakeView {
    const record = this.open({ type: 'modal', ...view }, id);
    const values: StateValues = { ...record.values };
    for (const [blockId, actions] of Object.entries(typed ?? {})) values[blockId] = { ...values[blockId], ...actions };
    const adopted = { ...record, values };
    this.byId.set(adopted.id, adopted);
    return adopted;
  }

  /** The option values a select, radio or checkboxes element offers (undefined for other elements). */
  private offered(record: FakeView, blockId: string, actionId: string): Set<string> | undefined {
    const element = statefulElements(record.view.blocks).find((e) => e.blockId === blockId && e.actionId === actionId)?.element;
    if (!element || (!Array.isArray(element.options) && !Array.isArray(element.option_groups))) return undefined;
    const options: Json[] = [...(element.options ?? []), ...((element.option_groups ?? []) as Json[]).flatMap((group) => group.options ?? [])];
    return new Set(options.map((option) => String(option.value)));
  }

  close(id: string): void {
    const record = this.byId.get(id);
    if (record) this.byId.set(id, { ...record, closed: true });
  }

  /** Closes every open view (response_action "clear"). */
  closeAll(): void {
    for (const id of this.byId.keys()) this.close(id);
  }
}
