import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/postgresNotice.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // The end-to-end tests start real processes and servers; keep the 2-core machine calm.
    maxWorkers: 2,
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.vitest-report.json' }]] : ['default'],
  },
});
