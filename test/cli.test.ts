// The CLI keeps metadata in the platform cache: its second invocation against the same chain
// downloads none. Requests are counted by a proxy between the CLI process and the local chain.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { startProxy } from '../benchmarks/ws-proxy.js';
import { PROJECT_ROOT } from '../scripts/fixtures.js';

const run = promisify(execFile);
const url = inject('chainUrl');
const METADATA = ['state_getMetadata', 'state_call'];

describe.skipIf(!url)('CLI metadata cache', () => {
  it('the second `query` invocation sends no metadata request and prints the same chain', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'sl-cli-cache-'));
    const proxy = await startProxy(url);
    try {
      const cli = async () => {
        proxy.reset();
        const r = await run(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'cli.ts'), 'query', 'Sudo', 'Key', '--url', proxy.url], {
          cwd: PROJECT_ROOT,
          env: { ...process.env, SUBSTRATE_LITE_CACHE_DIR: cache },
          timeout: 60_000,
        });
        return { out: r.stdout.trim(), methods: { ...proxy.stats.methods } };
      };
      const first = await cli();
      const second = await cli();
      const metadataCalls = (m: Record<string, number>) => METADATA.reduce((n, k) => n + (m[k] ?? 0), 0);
      expect(metadataCalls(first.methods)).toBeGreaterThan(0);
      expect(metadataCalls(second.methods)).toBe(0);
      expect(second.out).toBe(first.out);
      expect(JSON.parse(second.out)).toBe('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');
      expect(readdirSync(cache).filter((f) => f.endsWith('.slmd')).length).toBe(1);
    } finally {
      await proxy.close();
    }
  }, 120_000);
});
