/**
 * The tree's rules, checked on the imports: a feature folder reaches another feature only through
 * shared modules (slack/ui, outbox, the domain...), the domain knows nothing of Slack, and only
 * src/db knows which database engine runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const FEATURES = path.join('src', 'slack', 'features');

interface SourceFile {
  file: string;
  source: string;
}

function sourceFiles(dir: string): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return entry.name.endsWith('.ts') ? [{ file, source: readFileSync(file, 'utf8') }] : [];
  });
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
function importsOf(source: string): string[] {
  const specifiers = source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm);
  return [...specifiers].map((match) => match[1] ?? '');
}

/** The feature folder a path lies in, or null outside src/slack/features/<name>/. */
function featureOf(file: string): string | null {
  const parts = path.relative(FEATURES, file).split(path.sep);
  return parts[0] !== '..' && parts.length > 1 ? (parts[0] ?? null) : null;
}

/** "file -> target" for each relative import from a feature folder into another feature folder. */
function crossFeatureImports(files: readonly SourceFile[]): string[] {
  // features/index.ts and features/renderers.ts sit outside every feature: they are where features meet.
  return files.flatMap(({ file, source }) =>
    featureOf(file) === null
      ? []
      : importsOf(source)
          .filter((specifier) => specifier.startsWith('.'))
          .map((specifier) => path.join(path.dirname(file), specifier))
          .filter((target) => featureOf(target) !== null && featureOf(target) !== featureOf(file))
          .map((target) => `${file} -> ${target}`),
  );
}

describe('the architecture', () => {
  it('lets no feature folder import from another feature folder', () => {
    const files = sourceFiles(FEATURES);
    expect(new Set(files.map(({ file }) => featureOf(file))).size).toBeGreaterThanOrEqual(8);
    expect(crossFeatureImports(files)).toEqual([]);
  });

  it('catches a cross-feature import, and allows ui/ and the feature index', () => {
    const triage = path.join(FEATURES, 'triage', 'actions.ts');
    const files: SourceFile[] = [
      { file: triage, source: "import { x } from '../backlog/modals.js';\nimport { y } from '../../ui/blocks.js';\nimport { z } from './modals.js';" },
      { file: path.join(FEATURES, 'index.ts'), source: "import { triage } from './triage/register.js';" },
    ];
    expect(crossFeatureImports(files)).toEqual([`${triage} -> ${path.join(FEATURES, 'backlog', 'modals.js')}`]);
  });

  it('keeps the domain free of Slack: nothing from src/slack or @slack/*', () => {
    const slack = path.join('src', 'slack');
    const offending = sourceFiles(path.join('src', 'domain')).flatMap(({ file, source }) =>
      importsOf(source)
        .filter((specifier) => specifier.startsWith('@slack/') || path.join(path.dirname(file), specifier).startsWith(slack + path.sep))
        .map((specifier) => `${file} -> ${specifier}`),
    );
    expect(offending).toEqual([]);
  });

  it('keeps database drivers and dialects inside src/db: nothing above it knows which engine runs', () => {
    const driver = /^(better-sqlite3|pg|pg-[a-z-]+|drizzle-orm\/(better-sqlite3|node-postgres|sqlite-core|pg-core|[a-z-]+\/migrator))$/;
    const offending = readdirSync('src', { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'db')
      .flatMap((entry) => sourceFiles(path.join('src', entry.name)))
      .concat(
        readdirSync('src')
          .filter((name) => name.endsWith('.ts'))
          .map((name) => ({ file: path.join('src', name), source: readFileSync(path.join('src', name), 'utf8') })),
      )
      .flatMap(({ file, source }) =>
        importsOf(source)
          .filter((specifier) => driver.test(specifier))
          .map((specifier) => `${file} -> ${specifier}`),
      );
    expect(offending).toEqual([]);
  });
});
