import { describe, expect, it } from 'vitest';
import { readPlanForm } from '../../../../src/slack/features/planning/submissions.js';

describe('readPlanForm', () => {
  it('reads nothing (and does not throw) from state that is not an object', () => {
    for (const bad of [null, undefined, 42, 'x', []]) {
      expect(readPlanForm(bad as never)).toMatchObject({ itemIds: [], name: '', goal: '' });
    }
  });
});
