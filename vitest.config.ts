import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// `DATABASE_URL=postgres://... npm test` runs the suite on PostgreSQL (test/helpers/testEngine.ts):
// the URL names the server, each app and harness gets a fresh schema on it. It is moved aside so no
// test, and no child process a test starts, connects to it by inheriting DATABASE_URL.
const pgServer = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;
if (pgServer) {
  process.env.RITUALS_TEST_PG_SERVER = pgServer;
  process.env.RITUALS_TEST_RUN = randomBytes(3).toString('hex');
  delete process.env.DATABASE_URL;
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one worker on our 2-core machines, while the
    // end-to-end files mostly wait on sockets, child processes and timers. Two workers there took the
    // suite from 318 s to 192 s (931 tests), with no test slower than its limit.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 20_000,
    hookTimeout: 30_000,
    env: { TZ: 'UTC' },
    globalSetup: ['test/setup/engine.ts'],
    // CI also writes a JSON report so .ci/run can print a plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/results.json' },
  },
});
