/** What the startup line says about this process: its version and its database, with no secret in either. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The version in our package.json, found by walking up from this file: it sits at src/ops/ when run
 * with tsx and at dist/src/ops/ when built, so no fixed relative path fits both.
 */
export function packageVersion(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'slack-rituals' && manifest.version) return manifest.version;
    } catch {
      // No package.json here (or not ours): keep walking up.
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}

/**
 * A database location fit for a log line: a file path made absolute, or for a URL (a server database)
 * its scheme, user, host, port and database name, never its password or query (which may hold one).
 */
export function describeDatabase(location: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    try {
      const url = new URL(location);
      const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
      return `${url.protocol}//${user}${url.host}${url.pathname}`;
    } catch {
      return '(unparseable database URL)';
    }
  }
  return location === ':memory:' ? location : resolve(location);
}
