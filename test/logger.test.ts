/** logger.ts: what it writes, and the secrets it never writes. */
import { describe, expect, it } from 'vitest';
import { createLogger, redactSecrets } from '../src/logger.js';

describe('logger', () => {
  it('redacts tokens and configured secrets', () => {
    expect(redactSecrets('token xoxb-123-abc and xapp-1-A-2 ok')).toBe('token xoxb-[redacted] and xapp-[redacted] ok');
    const lines: string[] = [];
    const logger = createLogger('info', { secrets: ['super-secret-value'], sink: (line) => lines.push(line) });
    logger.debug('hidden');
    logger.info('sig', 'super-secret-value', { token: 'xoxp-9-9' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('super-secret-value');
    expect(lines[0]).not.toContain('xoxp-9-9');
  });
});
