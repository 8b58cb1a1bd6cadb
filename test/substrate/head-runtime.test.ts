// Head reads with the runtime pushed by state_subscribeRuntimeVersion: one request per read in a
// steady state, and a runtime upgrade that lands while reads are in flight still decodes every
// answer with the runtime that produced it. The node is scripted from real data: finney spec 343
// and spec 393 metadata.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHexFixture } from '../../scripts/fixtures.js';
import { toHex } from '../../src/scale/index.js';
import { SubstrateClient } from '../../src/substrate/index.js';
import { startRpcServer, type RpcServer, type ServerConn } from '../helpers/rpc-server.js';

const h = (n: number) => '0x' + n.toString(16).padStart(64, '0');
const GENESIS = h(0xbb);
const HEAD = h(0x42);
const u32 = (n: number) => toHex(new Uint8Array(new Uint32Array([n]).buffer));

let md: Record<number, string> = {};
let server: RpcServer;
let headSpec = 343;
const subs: { conn: ServerConn; id: string }[] = [];
const version = (spec: number) => ({ specName: 'node-subtensor', specVersion: spec, transactionVersion: 1, implVersion: 1, apis: [] });
const count = (m: string) => server.requestsByMethod.get(m) ?? 0;

function pushVersion(): void {
  for (const s of subs) s.conn.notify(s.id, 'state_runtimeVersion', version(headSpec));
}

beforeAll(async () => {
  const a = await readHexFixture('finney/metadata-v15-option.hex');
  const b = await readHexFixture('finney/metadata-v15-option-spec393.hex');
  if (!a || !b) return;
  md = { 343: toHex(a), 393: toHex(b) };
  server = await startRpcServer({
    latencyMs: 5,
    handler: ((m: string, p: any[], conn: ServerConn) => {
      switch (m) {
        case 'chain_getBlockHash':
          return p.length === 0 ? HEAD : p[0] === 0 ? GENESIS : null;
        case 'state_getRuntimeVersion':
          return version(headSpec);
        case 'state_subscribeRuntimeVersion': {
          const id = `rv-${conn.index}-${subs.length}`;
          subs.push({ conn, id });
          setTimeout(() => conn.notify(id, 'state_runtimeVersion', version(headSpec)), 20);
          return id;
        }
        case 'state_unsubscribeRuntimeVersion':
          return true;
        case 'state_call':
          if (p[0] === 'Metadata_metadata_versions') return '0x080e0000000f000000';
          if (p[0] === 'Metadata_metadata_at_version') return md[headSpec];
          // The answer says which runtime computed it: the test checks it was decoded with that one.
          if (p[0] === 'NeuronInfoRuntimeApi_get_neurons_lite') return u32(headSpec);
          break;
        case 'state_getStorage':
          return null;
      }
      throw { code: -32601, message: `not scripted: ${m}` };
    }) as never,
  });
});
afterAll(async () => {
  await server?.close();
});

async function connectLive(): Promise<SubstrateClient> {
  const client = await SubstrateClient.connect(server.url, { metadataStore: false });
  await new Promise((r) => setTimeout(r, 100)); // the first notification arrives 20 ms after the subscribe reply
  return client;
}

describe('head reads follow the subscribed runtime version', () => {
  it('sends exactly one request per head read once the subscription is live', async (ctx) => {
    if (!md[343]) return ctx.skip('finney metadata fixtures unavailable');
    headSpec = 343;
    const client = await connectLive();
    const before = { storage: count('state_getStorage'), version: count('state_getRuntimeVersion'), all: server.messagesReceived };
    for (let i = 0; i < 10; i++) await client.query('SubtensorModule', 'TotalNetworks');
    await Promise.all(Array.from({ length: 10 }, (_, i) => client.query('System', 'BlockHash', [i]))); // distinct keys: identical ones would coalesce
    await client.getConstant('System', 'SS58Prefix');
    expect(count('state_getStorage') - before.storage).toBe(20);
    expect(count('state_getRuntimeVersion') - before.version).toBe(0);
    expect(server.messagesReceived - before.all).toBe(20);
    await client.close();
  });

  it('after a reconnect the subscription is re-established; until it reports, reads use the per-call check', async (ctx) => {
    if (!md[343]) return ctx.skip('finney metadata fixtures unavailable');
    headSpec = 343;
    const client = await SubstrateClient.connect(server.url, { metadataStore: false, reconnect: { minDelayMs: 10, maxDelayMs: 50 } });
    await new Promise((r) => setTimeout(r, 100));
    const subscribes = count('state_subscribeRuntimeVersion');
    server.dropAll();
    headSpec = 393; // upgraded while we were away: the old subscription's version is stale
    const version = count('state_getRuntimeVersion');
    const during = await client.runtimeCallRaw('NeuronInfoRuntimeApi', 'get_neurons_lite', [500]);
    expect(during.runtime.version.specVersion).toBe(393);
    expect(count('state_getRuntimeVersion')).toBeGreaterThan(version); // checked, not trusted
    await new Promise((r) => setTimeout(r, 100));
    expect(count('state_subscribeRuntimeVersion')).toBe(subscribes + 1);
    const before = { call: count('state_call'), version: count('state_getRuntimeVersion') };
    const after = await client.runtimeCallRaw('NeuronInfoRuntimeApi', 'get_neurons_lite', [501]);
    expect(after.runtime.version.specVersion).toBe(393);
    expect([count('state_call') - before.call, count('state_getRuntimeVersion') - before.version]).toEqual([1, 0]);
    await client.close();
  });

  it('an upgrade while reads are in flight: every answer is decoded with the runtime that computed it', async (ctx) => {
    if (!md[343]) return ctx.skip('finney metadata fixtures unavailable');
    headSpec = 343;
    const client = await connectLive();
    server.setLatency(60);
    // distinct arguments, so that no read joins an identical one in flight (request coalescing)
    let n = 0;
    const read = () => client.runtimeCallRaw('NeuronInfoRuntimeApi', 'get_neurons_lite', [n++]);
    const first = Array.from({ length: 10 }, read); // computed by 343, answered after the upgrade notice
    await new Promise((r) => setTimeout(r, 15));
    headSpec = 393;
    pushVersion();
    const second = Array.from({ length: 10 }, read); // built with 343 (notice not yet here), computed by 393
    const results = await Promise.all([...first, ...second]);
    server.setLatency(5);
    const computedBy = results.map((r) => new DataView(r.bytes.buffer, r.bytes.byteOffset).getUint32(0, true));
    expect(results.map((r) => r.runtime.version.specVersion)).toEqual(computedBy);
    expect(computedBy.every((s) => s === 393)).toBe(true); // stale answers were re-read on the new runtime
    // after the upgrade: one request per read again, on 393
    const before = count('state_call');
    const after = await read();
    expect(after.runtime.version.specVersion).toBe(393);
    expect(count('state_call') - before).toBe(1);
    await client.close();
  });
});
