// Where real chain data comes from, for tests, the demo and the benchmarks (never shipped).
// Order: ../shared/fixtures (present in CI and dev sessions) → a cached download in
// .cache/fixtures → a download from the public source repository named in the shared
// fixtures README (checked by sha256 where the README gives one). When none works, callers
// get `null` plus a reason they can print when they skip.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordedTrafficFromPython } from './python-literal.js';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED_FIXTURES = resolve(PROJECT_ROOT, '..', 'shared', 'fixtures');
export const CACHE_DIR = join(PROJECT_ROOT, '.cache', 'fixtures');

const BITTENSOR = 'https://raw.githubusercontent.com/opentensor/bittensor/bb526e6d61210ef2ee0e229f63ca5518381ff5a7/tests/helpers';
const SUBTENSOR = 'https://raw.githubusercontent.com/opentensor/subtensor';
const ASI = 'https://raw.githubusercontent.com/opentensor/async-substrate-interface/746ee483eb8546c35ec866d7f2451451c6bbda41/tests/helpers';

interface Source { url: string; sha256?: string; transform?: (raw: Buffer) => Buffer }

/** Public origins of the shared files (see ../shared/fixtures/README.md). */
const SOURCES: Record<string, Source> = {
  'subtensor/raonet.json': {
    url: `${SUBTENSOR}/e2b8367b8be2d9ce60ae5858c49138fa05f44a68/scripts/specs/raonet.json`,
    sha256: 'bb2c7e34390f8fb5032750cc7d80d23f91a47f56fdebf4c35a24c7938b96c57c',
  },
  'subtensor/raw_spec_testfinney.json': {
    url: `${SUBTENSOR}/b55e3e166565a1ad2df740a20d6e7be8056896d5/chainspecs/raw_spec_testfinney.json`,
    sha256: '72b506168813d2a3173becc09a021385d3c1d51632a978896e217ac2c82556d1',
  },
  'finney/metadata-v14.hex': { url: `${BITTENSOR}/integration_websocket_metadata.txt`, transform: trimText },
  'finney/metadata-v15-option.hex': { url: `${BITTENSOR}/integration_websocket_at_version.txt`, transform: trimText },
  // The recorded traffic is published as a Python literal; the shared copy is the same data as JSON.
  'finney/recorded-rpc.json': { url: `${BITTENSOR}/integration_websocket_data.py`, transform: pythonToJson },
  'finney/recorded-rpc-spec393.json': { url: `${ASI}/integration_websocket_data.py`, transform: pythonToJson },
  'finney/metadata-v15-option-spec393.hex': { url: `${ASI}/integration_websocket_at_version.txt`, transform: trimText },
};

function pythonToJson(raw: Buffer): Buffer {
  return Buffer.from(JSON.stringify(recordedTrafficFromPython(raw.toString('utf8'))));
}

function trimText(raw: Buffer): Buffer {
  return Buffer.from(raw.toString('utf8').trim());
}

const reasons = new Map<string, string>();

/** Why `fixturePath(rel)` returned null (for skip messages). */
export function fixtureSkipReason(rel: string): string {
  return reasons.get(rel) ?? `fixture ${rel} is not available`;
}

/**
 * Absolute path of a shared fixture (`rel` is relative to shared/fixtures, e.g.
 * 'finney/metadata-v14.hex'), or null when it is neither present nor downloadable.
 */
export async function fixturePath(rel: string): Promise<string | null> {
  const shared = join(SHARED_FIXTURES, rel);
  if (existsSync(shared)) return shared;
  const cached = join(CACHE_DIR, rel);
  if (existsSync(cached)) return cached;
  const source = SOURCES[rel];
  if (!source) {
    reasons.set(rel, `${shared} does not exist and no public download is known for ${rel}`);
    return null;
  }
  try {
    const res = await fetch(source.url, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    let body: Buffer = Buffer.from(await res.arrayBuffer());
    if (source.transform) body = source.transform(body);
    if (source.sha256) {
      const got = createHash('sha256').update(body).digest('hex');
      if (got !== source.sha256) throw new Error(`sha256 ${got} != expected ${source.sha256}`);
    }
    mkdirSync(dirname(cached), { recursive: true });
    writeFileSync(cached, body);
    return cached;
  } catch (err) {
    reasons.set(rel, `${shared} does not exist and downloading ${source.url} failed: ${(err as Error).message}`);
    return null;
  }
}

/** The fixture's bytes, or null (see fixtureSkipReason). */
export async function readFixture(rel: string): Promise<Buffer | null> {
  const p = await fixturePath(rel);
  return p ? readFileSync(p) : null;
}

/** A `.hex` fixture decoded to bytes (accepts a leading 0x and surrounding whitespace). */
export async function readHexFixture(rel: string): Promise<Uint8Array | null> {
  const buf = await readFixture(rel);
  if (!buf) return null;
  const text = buf.toString('utf8').trim().replace(/^0x/, '');
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

/** A JSON fixture, parsed, or null. */
export async function readJsonFixture<T = unknown>(rel: string): Promise<T | null> {
  const buf = await readFixture(rel);
  return buf ? (JSON.parse(buf.toString('utf8')) as T) : null;
}
