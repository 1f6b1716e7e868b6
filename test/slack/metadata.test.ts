/** metadata.ts: modal private_metadata sealed with an HMAC. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMetadataSeal } from '../../src/slack/metadata.js';

describe('metadata seal', () => {
  const seal = createMetadataSeal('secret-one-234567');
  const schema = z.object({ teamId: z.number() });
  it('round-trips and rejects forgeries, other secrets and bad shapes', () => {
    const sealed = seal.seal({ teamId: 3 });
    expect(seal.open(sealed, schema)).toEqual({ teamId: 3 });
    expect(seal.open(sealed.replace('3', '4'), schema)).toBeNull();
    expect(seal.open(JSON.stringify({ teamId: 3 }), schema)).toBeNull();
    expect(createMetadataSeal('another-secret-99').open(sealed, schema)).toBeNull();
    expect(seal.open(seal.seal({ teamId: 'x' }), schema)).toBeNull();
    expect(seal.open(undefined, schema)).toBeNull();
  });
  it('refuses to build metadata over 3000 characters', () => {
    expect(() => seal.seal({ x: 'y'.repeat(3000) })).toThrow();
  });
});
