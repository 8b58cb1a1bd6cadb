// The bundled Subtensor types (src/chains/subtensor) are exactly what `npm run typegen:subtensor`
// generates from the shared fixtures today: a generator change that is not regenerated fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledTypes } from '../../scripts/typegen-subtensor.js';

describe('bundled Subtensor types', () => {
  it('are up to date with the generator and the fixtures', async () => {
    const files = await bundledTypes();
    expect(files.map((f) => f.out.replace(/.*\/src\//, 'src/'))).toEqual(['src/chains/subtensor/finney.ts', 'src/chains/subtensor/devnet.ts']);
    for (const f of files) {
      if (f.text === null) continue; // fixture unavailable offline: nothing to compare against
      expect(f.text.split('\n')[0]).toMatch(/\(node-subtensor, spec (393|381), metadata V1[56]\)/);
      expect(readFileSync(f.out, 'utf8') === f.text, `${f.out} is stale: run npm run typegen:subtensor`).toBe(true);
    }
  });
});
