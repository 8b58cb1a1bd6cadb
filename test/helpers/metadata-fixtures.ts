// Every real metadata blob the tests use: Bittensor finney (shared fixtures, downloaded when absent),
// Subtensor devnet V15/V16, and polkadot/kusama/substrate from @polkadot/types-support.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { readFixture, readHexFixture, fixtureSkipReason } from '../../scripts/fixtures.js';

export interface MetadataFixture {
  name: string;
  bytes: Uint8Array | null;
  skip?: string;
  /** Expected version. */
  version: 14 | 15 | 16;
  /** polkadot.js's own JSON of the metadata, where the package ships one. */
  polkadotJsonPath?: string;
  /** ss58 prefix of the chain (for AccountId rendering). */
  ss58: number;
}

const require = createRequire(import.meta.url);

async function npmHex(version: number, chain: string): Promise<Uint8Array> {
  const file = require.resolve(`@polkadot/types-support/metadata/v${version}/${chain}-hex`);
  const mod = await import(/* @vite-ignore */ pathToFileURL(file).href);
  const hex: string = mod.default;
  return Uint8Array.from(Buffer.from(hex.slice(2), 'hex'));
}

export async function loadMetadataFixtures(): Promise<MetadataFixture[]> {
  const out: MetadataFixture[] = [];
  for (const [name, rel, version] of [
    ['finney-v14', 'finney/metadata-v14.hex', 14],
    ['finney-v15', 'finney/metadata-v15-option.hex', 15],
    ['finney-v15-spec393', 'finney/metadata-v15-option-spec393.hex', 15],
  ] as const) {
    const bytes = await readHexFixture(rel);
    out.push({ name, bytes, version, ss58: 42, skip: bytes ? undefined : fixtureSkipReason(rel) });
  }
  for (const [name, rel, version] of [
    ['subtensor-devnet-v15', 'metadata/subtensor-devnet-240-v15.scale', 15],
    ['subtensor-devnet-v16', 'metadata/subtensor-devnet-381-v16.scale', 16],
  ] as const) {
    const buf = await readFixture(rel);
    out.push({ name, bytes: buf ? new Uint8Array(buf) : null, version, ss58: 42, skip: buf ? undefined : fixtureSkipReason(rel) });
  }
  for (const [chain, version, ss58] of [
    ['polkadot', 14, 0],
    ['polkadot', 15, 0],
    ['kusama', 14, 2],
    ['kusama', 15, 2],
    ['substrate', 16, 42],
  ] as const) {
    out.push({
      name: `${chain}-v${version}`,
      bytes: await npmHex(version, chain),
      version,
      ss58,
      polkadotJsonPath: require.resolve(`@polkadot/types-support/metadata/v${version}/${chain}-json.json`),
    });
  }
  return out;
}
