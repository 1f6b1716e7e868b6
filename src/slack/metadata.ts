/**
 * private_metadata that round-trips through the person's client: sealed with an HMAC so a forged
 * view_submission can't claim another team, requester or item, then validated with zod.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';

const PRIVATE_METADATA_MAX = 3000;

export interface MetadataSeal {
  seal(value: unknown): string;
  /** The value if raw was sealed by us and fits schema; null for anything else (it comes from the client). */
  open<T extends z.ZodType>(raw: unknown, schema: T): z.infer<T> | null;
}

export function createMetadataSeal(secret: string): MetadataSeal {
  const sign = (body: string) => createHmac('sha256', `metadata:${secret}`).update(body).digest('base64url').slice(0, 22);
  return {
    seal(value) {
      const body = JSON.stringify(value);
      const sealed = `${sign(body)}.${body}`;
      if (sealed.length > PRIVATE_METADATA_MAX) throw new Error('private_metadata over 3000 characters');
      return sealed;
    },
    open(raw, schema) {
      // A forged payload can put anything here, not just a string.
      if (typeof raw !== 'string' || raw.length === 0) return null;
      const dot = raw.indexOf('.');
      if (dot <= 0) return null;
      const signature = Buffer.from(raw.slice(0, dot));
      const body = raw.slice(dot + 1);
      const expected = Buffer.from(sign(body));
      if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return null;
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return null;
      }
      const parsed = schema.safeParse(json);
      return parsed.success ? parsed.data : null;
    },
  };
}
