import { configDefaults, defineConfig } from 'vitest/config';
import { POSTGRES_RUN_SKIPS } from './test/support/postgresRun.js';

const ALL = ['test/**/*.test.ts'];

/**
 * Tests that hold processes to limits on the real clock (Telegram's rate across two replicas,
 * the pacing's share of the limit, a reporter finishing before a kill). A test file beside them
 * on the two cores delays their requests by more than any margin, so they run last, alone.
 */
const ON_THE_REAL_CLOCK = ['test/replicas/twoReplicas.test.ts', 'test/jobs/realClockPacing.test.ts', 'test/trust/crash.test.ts'];

export default defineConfig({
  test: {
    setupFiles: ['test/support/closeLeftovers.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // The end-to-end tests start real processes and servers; keep the 2-core machine calm.
    maxWorkers: 2,
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.vitest-report.json' }]] : ['default'],
    projects: [
      {
        extends: true as const,
        test: {
          name: 'sqlite',
          // Says once, here, whether the PostgreSQL run is skipped.
          globalSetup: ['test/support/postgresNotice.ts'],
          include: ALL,
          exclude: [...configDefaults.exclude, ...ON_THE_REAL_CLOCK],
          sequence: { groupOrder: 0 },
        },
      },
      // With a server to test on, the suite runs twice: on SQLite, then again on PostgreSQL, each
      // store a fresh database of its own (test/support/testStore.ts), less the files that
      // postgresRun.ts names.
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ALL,
                sequence: { groupOrder: 0 },
                env: { TEST_STORE: 'postgres' },
                globalSetup: ['test/support/postgresTemplate.ts'],
                // Each query is a round trip to the server on the same two cores: the week-long
                // simulations take a few times longer than on SQLite in memory.
                testTimeout: 60_000,
                exclude: [...configDefaults.exclude, ...POSTGRES_RUN_SKIPS],
              },
            },
          ]
        : []),
      {
        extends: true as const,
        test: { name: 'real clock', include: ON_THE_REAL_CLOCK, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
