// `substrate-lite typegen`: from a metadata file (hex and SCALE), from the local chain over ws
// (head and a given block), and the argument errors.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { TypegenArgumentError } from '../../src/cli-typegen.js';
import { fixturePath } from '../../scripts/fixtures.js';

const url = inject('chainUrl');
const dir = mkdtempSync(join(tmpdir(), 'typegen-cli-'));
let log: ReturnType<typeof vi.spyOn>;
beforeAll(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterAll(() => log.mockRestore());

describe('substrate-lite typegen', () => {
  it('reads .hex and .scale metadata files and names the runtime in the header', async () => {
    for (const [rel, spec] of [['finney/metadata-v15-option-spec393.hex', 'spec 393, metadata V15'], ['metadata/subtensor-devnet-381-v16.scale', 'spec 381, metadata V16']] as const) {
      const file = await fixturePath(rel);
      if (!file) continue;
      const out = join(dir, `${spec.slice(5, 8)}.ts`);
      expect(await main(['typegen', file, '--out', out])).toBe(0);
      const text = readFileSync(out, 'utf8');
      expect(text.split('\n')[0]).toContain(`(node-subtensor, ${spec})`);
      expect(text).toMatch(/^ {4}Account: \{ keys: \[string\]; value: AccountInfo; decodedKeys: \[string\] \};$/m);
      expect(log).toHaveBeenLastCalledWith(expect.stringMatching(new RegExp(`^wrote ${out}: \\d+ types, \\d+ KiB`)));
    }
  });

  it('rejects --block with a file and more than one source', async () => {
    await expect(main(['typegen', 'x.hex', '--block', '3'])).rejects.toThrow(TypegenArgumentError);
    await expect(main(['typegen', 'a.hex', 'b.hex'])).rejects.toThrow(/one metadata source/);
  });

  it.skipIf(!url)('reads metadata from a ws URL, at the head or at a block', async () => {
    const head = join(dir, 'head.ts');
    expect(await main(['typegen', url, '--out', head])).toBe(0);
    expect(readFileSync(head, 'utf8').split('\n')[0]).toContain('(node-subtensor, spec 218, metadata V15)');
    const at = join(dir, 'at.ts');
    expect(await main(['typegen', url, '--block', '0', '--out', at])).toBe(0);
    expect(readFileSync(at, 'utf8').split('\n')[0]).toContain(`from ${url} at block 0 (node-subtensor, spec 218`);
    await expect(main(['typegen', url, '--block', 'latest'])).rejects.toThrow(TypegenArgumentError);
  }, 60_000);
});
