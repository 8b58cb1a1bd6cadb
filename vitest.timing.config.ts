import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Timing-sensitive tests run after the main suite, one file at a time, without the chain.
export default defineConfig({
  test: {
    include: ['test/**/*.timing.test.ts'],
    testTimeout: 60_000,
    fileParallelism: false,
    // a fresh metadata cache per run, as in vitest.config.ts
    env: { SUBSTRATE_LITE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'sl-test-cache-')) },
  },
});
