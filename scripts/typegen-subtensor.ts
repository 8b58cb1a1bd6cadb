// Regenerates the bundled Subtensor types (src/chains/subtensor/*.ts) from the newest real
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

/** The bundled files as they should be: absolute path and text (null text: fixture unavailable). */
export async function bundledTypes(): Promise<{ out: string; fixture: string; text: string | null }[]> {
  return Promise.all(
    TARGETS.map(async (t) => {
      const bytes = t.hex ? await readHexFixture(t.fixture) : await readFixture(t.fixture);
      const out = join(PROJECT_ROOT, 'src', 'chains', 'subtensor', t.file);
      const text = bytes && generateTypes(new Uint8Array(bytes), { source: `shared/fixtures/${t.fixture}`, command: 'npm run typegen:subtensor' });
      return { out, fixture: t.fixture, text };
    }),
  );
}

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const { out, fixture, text } of await bundledTypes()) {
    if (text === null) {
      console.error(`fixture ${fixture} is not available`);
      return 1;
    }
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

if (process.argv[1] && /typegen-subtensor\.ts$/.test(process.argv[1])) main().then((code) => process.exit(code));
