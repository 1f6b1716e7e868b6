import { describe, expect, it } from 'vitest';
import { parseItemRef } from '../../src/domain/itemRef.js';

describe('parseItemRef', () => {
  it.each([
    ['R-42', { prefix: 'R', number: 42 }],
    ['r42', { prefix: 'R', number: 42 }],
    ['#7', { prefix: null, number: 7 }],
    ['12', { prefix: null, number: 12 }],
    ['R-', null],
    ['drop table', null],
  ])('%s', (input, expected) => {
    expect(parseItemRef(input)).toEqual(expected);
  });
});
