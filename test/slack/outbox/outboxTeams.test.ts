/**
 * In distribution mode a queued notification goes out with its team's workspace token, and a row
 * without a team cannot be sent (there is no token of the app's own). Every place that queues one
 * must say whose it is: a missed teamId would silently drop that notification for every workspace.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** The argument text of each `outbox.enqueue(...)` call (balanced parentheses). */
function enqueueCalls(text: string): string[] {
  const calls: string[] = [];
  for (let at = text.indexOf('outbox.enqueue('); at >= 0; at = text.indexOf('outbox.enqueue(', at + 1)) {
    let depth = 0;
    let end = at + 'outbox.enqueue'.length;
    do {
      if (text[end] === '(') depth += 1;
      else if (text[end] === ')') depth -= 1;
      end += 1;
    } while (depth > 0 && end < text.length);
    calls.push(text.slice(at, end));
  }
  return calls;
}

describe('the outbox', () => {
  it('is given the team of every notification queued in src/', () => {
    const calls = sourceFiles('src').flatMap((file) => enqueueCalls(readFileSync(file, 'utf8')).map((call) => ({ file, call })));
    // Services queue through one shared enqueue (domain/serviceKit.ts), so few call sites remain; the scan must still find it.
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.some(({ file }) => file.endsWith('domain/serviceKit.ts'))).toBe(true);
    expect(calls.filter(({ call }) => !/\bteamId\b|\.\.\.team\b/.test(call))).toEqual([]);
  });
});
