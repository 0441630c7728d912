import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Names and fails any browser the tests leave running.
    globalSetup: ['test/global-setup.ts'],
    // Two cores: renders and browsers are heavy, so files run one at a time.
    fileParallelism: false,
    // CI reads the totals from this file to print a plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results.json' }]] : ['default'],
  },
});
