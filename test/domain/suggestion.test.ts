import { describe, expect, it } from 'vitest';
import { titleFromText, truncate } from '../../src/domain/suggestion.js';
import { suggestionFromText } from '../../src/slack/capturedSuggestion.js';
import { SUGGEST } from '../../src/slack/ids.js';
import { parseSuggestionState } from '../../src/slack/parse.js';
import { selectValue, textValue } from '../helpers/signedClient.js';

describe('truncate', () => {
  it('keeps short text and cuts long text with an ellipsis within the limit', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(Array.from(truncate('😀'.repeat(10), 5))).toHaveLength(5);
  });
});

describe('titleFromText / suggestionFromText', () => {
  it('uses the first non-empty line, collapsed and cut to 150', () => {
    expect(titleFromText('\n\n  First   line \nsecond')).toBe('First line');
    expect(Array.from(titleFromText('x'.repeat(400)))).toHaveLength(150);
  });
  it('keeps the whole text as details when there is more than the title', () => {
    expect(suggestionFromText('Title\nmore')).toMatchObject({ title: 'Title', details: 'Title\nmore', type: 'story' });
    expect(suggestionFromText('Only title')).toMatchObject({ title: 'Only title', details: '' });
    expect(suggestionFromText('   ').title).toBe('Captured message');
  });
});

describe('parseSuggestionState', () => {
  const values = (overrides: Record<string, unknown> = {}) => ({
    [SUGGEST.blocks.title]: { [SUGGEST.action]: textValue('  A   title ') },
    [SUGGEST.blocks.details]: { [SUGGEST.action]: textValue(null) },
    [SUGGEST.blocks.type]: { [SUGGEST.action]: selectValue('bug') },
    [SUGGEST.blocks.neededBy]: { [SUGGEST.action]: textValue('') },
    [SUGGEST.blocks.urgency]: { [SUGGEST.action]: selectValue('high') },
    ...overrides,
  });

  it('normalises a valid submission', () => {
    expect(parseSuggestionState(values())).toEqual({
      ok: true,
      value: { title: 'A title', details: '', type: 'bug', neededBy: '', urgency: 'high' },
    });
  });

  it('keys errors by block id', () => {
    const result = parseSuggestionState(
      values({
        [SUGGEST.blocks.title]: { [SUGGEST.action]: textValue('') },
        [SUGGEST.blocks.type]: { [SUGGEST.action]: selectValue('feature') },
        [SUGGEST.blocks.details]: { [SUGGEST.action]: textValue('d'.repeat(3001)) },
      }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual([SUGGEST.blocks.details, SUGGEST.blocks.title, SUGGEST.blocks.type].sort());
  });

  it('rejects wrong shapes without throwing', () => {
    for (const bad of [null, 42, 'x', [], { title: 5 }, { [SUGGEST.blocks.title]: { [SUGGEST.action]: { value: 7 } } }]) {
      expect(parseSuggestionState(bad).ok).toBe(false);
    }
  });
});
