import { defineConfig } from 'vitest/config';

// Timing-sensitive tests run after the main suite, one file at a time, without the chain.
export default defineConfig({
  test: {
    include: ['test/**/*.timing.test.ts'],
    testTimeout: 60_000,
    fileParallelism: false,
  },
});
