import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    // The metadata cache is on by default; a run gets a fresh one so it neither reads nor fills
    // the user's ~/.cache (tests that need a particular store pass their own).
    env: { SUBSTRATE_LITE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'sl-test-cache-')) },
  },
});
