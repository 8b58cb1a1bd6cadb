import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.timing.test.ts', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // gc() lets memory tests compare the heap against a baseline
    poolOptions: { forks: { execArgv: ['--expose-gc'] } },
    globalSetup: ['test/global-setup.ts'],
  },
});
