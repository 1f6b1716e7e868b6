// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are TypeScript source samples for the English scanner, ${...} included.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findEnglish, looksLikeEnglish } from '../helpers/englishScan.js';

const DOMAIN = join(import.meta.dirname, '../../src/domain');

describe('the domain speaks in codes', () => {
  it('has no user-facing English in any src/domain file (words live in src/slack/copy.ts)', () => {
    const files = (readdirSync(DOMAIN, { recursive: true }) as string[]).filter((file) => file.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(20);
    const hits = files.flatMap((file) => findEnglish(file, readFileSync(join(DOMAIN, file), 'utf8')));
    expect(hits.map((hit) => `${hit.file}:${hit.line} ${JSON.stringify(hit.text)}`)).toEqual([]);
  });

  it('the scan catches sentences and lets codes, formats, patterns and word lists pass', () => {
    const sentences = [
      `throw new DomainError('item.invalid', 'Give the sprint a name.');`,
      `const reason = 'it is done, rejected or merged';`,
      'const title = `Sprint ${number}`;',
      'const text = `Keep the title to ${MAX} characters.`;',
      `const fallback = 'Captured message';`,
      `const schema = z.string().min(1, { error: 'Pick a type.' });`,
    ];
    for (const source of sentences) expect(findEnglish('x.ts', source), source).toHaveLength(1);
    const fine = [
      `throw new DomainError('sprint.invalid', { reason: 'sprint.goal_missing' });`,
      'const key = `standup-impediment:${id}:${cause}`;',
      'const reason = `ready_override: ${text}`;',
      'const day = `${weekday} ${day} ${month}`;',
      `import { z } from 'zod';`,
      `// A comment may say "Give the sprint a name."`,
      `const phrase = new RegExp(['nothing (?:so far|for now)', 'not blocked'].join('|'));`,
      `const STOPWORDS = new Set('a an and are as at be by'.split(' '));`,
      'const rows = db.all(sql`select id from items where status = ${status}`);',
    ];
    for (const source of fine) expect(findEnglish('x.ts', source), source).toEqual([]);
    expect(looksLikeEnglish('in_sprint')).toBe(false);
    expect(looksLikeEnglish('SELECT id FROM items WHERE team_id = ?')).toBe(false);
  });
});
