import { configDefaults, defineConfig } from 'vitest/config';
import { POSTGRES_RUN_SKIPS } from './test/support/postgresRun.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/postgresNotice.ts'],
    setupFiles: ['test/support/closeLeftovers.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // The end-to-end tests start real processes and servers; keep the 2-core machine calm.
    maxWorkers: 2,
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.vitest-report.json' }]] : ['default'],
    // With a server to test on, the suite runs twice: on SQLite, then again on PostgreSQL, each
    // store a fresh database of its own (test/support/testStore.ts), less the files that
    // postgresRun.ts names.
    ...(process.env.TEST_DATABASE_URL
      ? {
          projects: [
            { extends: true, test: { name: 'sqlite' } },
            {
              extends: true,
              test: {
                name: 'postgres',
                env: { TEST_STORE: 'postgres' },
                globalSetup: ['test/support/postgresTemplate.ts'],
                // Each query is a round trip to the server on the same two cores: the week-long
                // simulations take a few times longer than on SQLite in memory.
                testTimeout: 60_000,
                exclude: [...configDefaults.exclude, ...POSTGRES_RUN_SKIPS],
              },
            },
          ],
        }
      : {}),
  },
});
