import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One Postgres and one Temporal dev server for the whole run, started here and stopped at the end.
    globalSetup: ['test/helpers/global-setup.ts'],
    // Temporal's native worker is happiest in a child process, and two cores do not gain from more.
    pool: 'forks',
    fileParallelism: false,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
