/** Small typed Block Kit helpers that keep every piece within Slack's limits. */
import type { KnownBlock, PlainTextElement, PlainTextOption } from '@slack/types';
import { truncate } from '../../domain/suggestion.js';
import { NOT_SET_VALUE } from '../ids.js';

export const LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  modalTitle: 24,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 75,
  selectOptions: 100,
  placeholder: 150,
  plainTextInput: 3000,
  notificationText: 3000,
} as const;

export const plain = (text: string, max: number = LIMITS.sectionText): PlainTextElement => ({
  type: 'plain_text',
  text: truncate(text || ' ', max),
  emoji: true,
});

/** A section of already-escaped mrkdwn, truncated to the section limit. */
export const section = (mrkdwn: string, blockId?: string): KnownBlock => ({
  type: 'section',
  ...(blockId ? { block_id: blockId } : {}),
  text: { type: 'mrkdwn', text: truncate(mrkdwn || ' ', LIMITS.sectionText) },
});

export const header = (text: string): KnownBlock => ({ type: 'header', text: plain(text, LIMITS.headerText) });

export const divider = (): KnownBlock => ({ type: 'divider' });

/** A context block of already-escaped mrkdwn parts (at most 10). */
export const context = (...parts: string[]): KnownBlock => ({
  type: 'context',
  elements: parts
    .filter((part) => part.length > 0)
    .slice(0, LIMITS.contextElements)
    .map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, LIMITS.sectionText) })),
});

export const option = (text: string, value: string): PlainTextOption => ({
  text: plain(text, LIMITS.optionText),
  value: value.slice(0, LIMITS.optionValue),
});

/**
 * The options of an optional select, led by "Not set": Slack has no way to clear a select once
 * something is picked (parse.ts reads NOT_SET_VALUE as no value).
 */
export const withNotSet = (options: PlainTextOption[]): PlainTextOption[] => [option('Not set', NOT_SET_VALUE), ...options];

/** Keeps a message within 50 blocks (or a modal within 100), ending with a note of what was left out. */
export function capBlocks(blocks: KnownBlock[], max: number, moreNote: (hidden: number) => string): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const kept = blocks.slice(0, max - 1);
  return [...kept, context(moreNote(blocks.length - kept.length))];
}

/** A button with an action id and value (and a style for primary or destructive choices). */
export const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger') => ({
  type: 'button' as const,
  text: plain(text, LIMITS.buttonText),
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

/**
 * An input holding one static select. With `notSet`, "Not set" leads the options: Slack offers no
 * way to clear a picked select otherwise.
 */
export function selectInput({
  blockId,
  label,
  actionId,
  options,
  initial,
  optional = false,
  notSet = false,
  placeholder,
}: {
  blockId: string;
  label: string;
  actionId: string;
  options: PlainTextOption[];
  initial?: PlainTextOption | undefined;
  optional?: boolean;
  notSet?: boolean;
  placeholder?: string;
}): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional,
    label: plain(label),
    element: {
      type: 'static_select',
      action_id: actionId,
      ...(placeholder ? { placeholder: plain(placeholder) } : {}),
      options: notSet ? withNotSet(options) : options,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
}
