// Answers JSON-RPC from recorded finney traffic (../shared/fixtures/finney/recorded-rpc.json), for
// tests, the demo and the benchmarks. The recording was made by the Python SDK, which asks slightly
// different questions than we do, so a few answers are synthesised from the same real data:
// metadata from the recorded metadata files, the runtime version from the spec-343 recording, and
// lookups that differ only by a trailing block-hash parameter match each other.
import { readHexFixture, readJsonFixture, fixtureSkipReason } from './fixtures.js';

type Recorded = Record<string, Record<string, Record<string, any>>>;

export interface ReplayData {
  recorded: Recorded;
  metadataV14: string;
  metadataV15: string;
}

export async function loadReplayData(): Promise<ReplayData | null> {
  const recorded = await readJsonFixture<Recorded>('finney/recorded-rpc.json');
  const v14 = await readHexFixture('finney/metadata-v14.hex');
  const v15 = await readHexFixture('finney/metadata-v15-option.hex');
  if (!recorded || !v14 || !v15) return null;
  const hex = (b: Uint8Array) => '0x' + Buffer.from(b).toString('hex');
  return { recorded, metadataV14: hex(v14), metadataV15: hex(v15) };
}

export function replaySkipReason(): string {
  return `recorded finney data unavailable: ${fixtureSkipReason('finney/recorded-rpc.json')}`;
}

export class ReplayMiss extends Error {
  code = -32601;
}

const FINNEY_GENESIS = '0x2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03';

/**
 * A handler `(method, params) → result` for one scenario (or all of them merged). Throws
 * `{ code, message }` for calls the recording cannot answer.
 */
export function replayHandler(data: ReplayData, scenario?: string | string[]) {
  const names = scenario === undefined ? Object.keys(data.recorded) : Array.isArray(scenario) ? scenario : [scenario];
  const table = new Map<string, any>();
  const loose = new Map<string, any>();
  const cycles = new Map<string, number>();
  for (const name of names) {
    const sc = data.recorded[name];
    if (!sc) throw new Error(`no recorded scenario ${name}`);
    for (const [method, byParams] of Object.entries(sc)) {
      const m = method === 'state_getStorageAt' ? 'state_getStorage' : method;
      for (const [p, reply] of Object.entries(byParams)) {
        const params = JSON.parse(p) as unknown[];
        table.set(m + JSON.stringify(normalise(m, params)), reply);
        loose.set(m + JSON.stringify(normalise(m, stripHash(params))), reply);
      }
    }
  }
  const runtimeVersion = data.recorded.metagraph?.state_getRuntimeVersion
    ? Object.values(data.recorded.metagraph.state_getRuntimeVersion)[0].result
    : { specName: 'node-subtensor', specVersion: 343, transactionVersion: 1 };

  const answer = (key: string, reply: any) => {
    if (reply && reply.__cycle__) {
      const i = cycles.get(key) ?? 0;
      cycles.set(key, i + 1);
      reply = reply.__cycle__[i % reply.__cycle__.length];
    }
    if (reply && 'error' in reply && reply.error) throw reply.error;
    return reply?.result ?? null;
  };

  return (method: string, params: unknown[]): unknown => {
    const p = normalise(method, params.map((x) => (x === undefined ? null : x)));
    for (const key of [method + JSON.stringify(p), method + JSON.stringify(stripHash(p))]) {
      if (table.has(key)) return answer(key, table.get(key));
      if (loose.has(key)) return answer(key, loose.get(key));
    }
    if (method === 'chain_getBlockHash' && p.length === 0 && table.has('chain_getHead[]')) return answer('chain_getHead[]', table.get('chain_getHead[]'));
    switch (method) {
      case 'chain_getBlockHash':
        if (p[0] === 0) return FINNEY_GENESIS;
        break;
      case 'state_getRuntimeVersion':
        return runtimeVersion;
      case 'state_getMetadata':
        return data.metadataV14;
      case 'state_call':
        if (p[0] === 'Metadata_metadata_versions') return '0x080e0000000f000000'; // [14, 15]
        if (p[0] === 'Metadata_metadata_at_version') return p[1] === '0f000000' ? data.metadataV15 : '0x00';
        break;
      case 'chain_getHeader': {
        // any recorded header will do when only the parent's runtime version is wanted
        const hdr = [...table.entries()].find(([k]) => k.startsWith('chain_getHeader'));
        if (hdr) return hdr[1].result;
        break;
      }
      case 'system_health':
        return { peers: 1, isSyncing: false, shouldHavePeers: true };
    }
    throw { code: -32601, message: `replay: no recorded answer for ${method}(${JSON.stringify(p).slice(0, 200)})` };
  };
}

// The Python SDK sent state_call data without the 0x prefix; compare without it.
function normalise(method: string, params: unknown[]): unknown[] {
  if (method === 'state_call' && typeof params[1] === 'string') return [params[0], params[1].replace(/^0x/, ''), ...params.slice(2)];
  // state_getKeysPaged(prefix, count, startKey = prefix) is the same query as startKey = null
  if (method === 'state_getKeysPaged' && params[2] === params[0]) return [params[0], params[1], null, ...params.slice(3)];
  return params;
}

/** Drop a trailing block-hash (or null) parameter — only from calls that have more than one. */
function stripHash(params: unknown[]): unknown[] {
  if (params.length < 2) return params;
  const last = params[params.length - 1];
  if (last === null || (typeof last === 'string' && /^0x[0-9a-f]{64}$/i.test(last))) return params.slice(0, -1);
  return params;
}
