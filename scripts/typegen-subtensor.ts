// Regenerates the bundled Subtensor types (src/subtensor/chain/*.ts) from the newest real
// Subtensor metadata in the shared fixtures: finney spec 393 (V15) and devnet spec 381 (V16).
//   npm run typegen:subtensor            write the files
//   npm run typegen:subtensor -- --check fail if a committed file differs from what it would write
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTypes } from '../src/typegen/index.js';
import { PROJECT_ROOT, readFixture, readHexFixture } from './fixtures.js';

const TARGETS = [
  { file: 'finney.ts', fixture: 'finney/metadata-v15-option-spec393.hex', hex: true },
  { file: 'devnet.ts', fixture: 'metadata/subtensor-devnet-381-v16.scale', hex: false },
] as const;

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const t of TARGETS) {
    const bytes = t.hex ? await readHexFixture(t.fixture) : await readFixture(t.fixture);
    if (!bytes) {
      console.error(`fixture ${t.fixture} is not available`);
      return 1;
    }
    const text = generateTypes(new Uint8Array(bytes), { source: `shared/fixtures/${t.fixture}`, command: 'npm run typegen:subtensor' });
    const out = join(PROJECT_ROOT, 'src', 'subtensor', 'chain', t.file);
    if (check) {
      let old = '';
      try {
        old = readFileSync(out, 'utf8');
      } catch {
        // missing counts as stale
      }
      if (old !== text) {
        console.error(`${out} is stale: run npm run typegen:subtensor`);
        stale++;
      }
    } else {
      writeFileSync(out, text);
      console.log(`wrote ${out} (${(text.length / 1024).toFixed(0)} KiB)`);
    }
  }
  return stale ? 1 : 0;
}

main().then((code) => process.exit(code));
