// A node that runs finney spec 393 as far as a Subtensor read can tell: a local RPC server serving
// the spec-393 metadata, storage values and runtime-API answers that polkadot.js encodes with that
// metadata (headers and hashes from the recorded finney replay). Tests of items and APIs newer
// than the local chain (spec 218) put values with `put`/`answerCall` and read them through ours.
import { Metadata as PjsMetadata, TypeRegistry } from '@polkadot/types';
import { decorateStorage } from '@polkadot/types/metadata/decorate';
import { compactStripLength, u8aToHex } from '@polkadot/util';
import { loadReplayData, replayHandler } from '../../scripts/replay.js';
import { readHexFixture, fixtureSkipReason } from '../../scripts/fixtures.js';
import { startRpcServer } from './rpc-server.js';
import { afterAll, beforeAll, type TestContext } from 'vitest';
import { Subtensor } from '../../src/subtensor/index.js';

const MD = 'finney/metadata-v15-option-spec393.hex';

export interface Spec393Node {
  st: Subtensor;
  reg: TypeRegistry;
  /** polkadot.js's decorated storage (`q.subtensorModule.tempo`, …) for key prefixes. */
  q: any;
  /** Storage key (hex) → SCALE value (hex). */
  store: Map<string, string>;
  /** Put `value` (plain JS, encoded by polkadot.js with the item's spec-393 type) under `pallet.item(keys)`. */
  put(pallet: string, item: string, keys: unknown[], value: unknown): void;
  /** Answer `api.method` called with `argsHex` with `value` encoded as the method's spec-393 output. */
  answerCall(api: string, method: string, argsHex: string, value: unknown): void;
  /** Every extrinsic sent with author_submitExtrinsic (hex), in order; each is accepted (its hash returned). */
  submitted: string[];
  close(): Promise<void>;
}

/** The node, or `{ skip }` with the reason when the fixtures are not to be had. */
export async function spec393Node(): Promise<Spec393Node | { skip: string }> {
  const [data, md] = [await loadReplayData(), await readHexFixture(MD)];
  if (!data || !md) return { skip: fixtureSkipReason(MD) };
  const hex = Buffer.from(md).toString('hex');
  const reg = new TypeRegistry();
  const pjsMd = new PjsMetadata(reg, `0x${hex.slice(hex.indexOf('6d657461'))}` as `0x${string}`);
  reg.setMetadata(pjsMd);
  const q: any = decorateStorage(reg, pjsMd.asLatest, pjsMd.version);
  const store = new Map<string, string>();
  const calls = new Map<string, string>();
  // toU8a, not toHex: polkadot.js renders numbers' toHex big-endian
  const enc = (typeId: number, value: unknown) => u8aToHex(reg.createType(reg.createLookupType(typeId), value).toU8a());
  const put = (pallet: string, item: string, keys: unknown[], value: unknown) => {
    const f = q[pallet][item];
    const type = f.meta.type.isPlain ? f.meta.type.asPlain : f.meta.type.asMap.value;
    store.set(u8aToHex(compactStripLength(f(...keys))[1]), enc(type.toNumber(), value));
  };
  const answerCall = (api: string, method: string, argsHex: string, value: unknown) => {
    const m = (pjsMd.asLatest as any).apis.find((a: any) => a.name.toString() === api).methods.find((x: any) => x.name.toString() === method);
    calls.set(`${api}_${method}${argsHex.replace(/^0x/, '')}`, enc(m.output.toNumber(), value));
  };
  const storageAnswer = (m: string, p: unknown[]): unknown => {
    if (m === 'state_getStorage' || m === 'state_getStorageAt') return store.get(p[0] as string) ?? null;
    if (m === 'state_queryStorageAt') return [{ block: p[1] ?? `0x${'11'.repeat(32)}`, changes: (p[0] as string[]).map((k) => [k, store.get(k) ?? null]) }];
    if (m === 'state_getKeysPaged') {
      const [prefix, count, start] = p as [string, number, string | null];
      return [...store.keys()].filter((k) => k.startsWith(prefix) && (!start || k > start)).sort().slice(0, count);
    }
    return undefined;
  };
  const base = replayHandler(data, 'get_current_block');
  const submitted: string[] = [];
  const handler = (m: string, p: unknown[]) => {
    if (m === 'author_submitExtrinsic') {
      submitted.push(p[0] as string);
      return `0x${'00'.repeat(32)}`;
    }
    if (m === 'system_accountNextIndex') return 0;
    // the recorded replay has no finalized head; signing anchors its era on one: the head stands in
    if (m === 'chain_getFinalizedHead') return base('chain_getBlockHash', []);
    const s = storageAnswer(m, p);
    if (s !== undefined) return s;
    const call = m === 'state_call' ? calls.get(`${p[0]}${String(p[1]).replace(/^0x/, '')}`) : undefined;
    if (call !== undefined) return call;
    if (m === 'state_getRuntimeVersion') return { ...(base(m, p) as object), specVersion: 393 };
    if (m === 'state_call' && p[0] === 'Metadata_metadata_at_version') return p[1] === '0x0f000000' || p[1] === '0f000000' ? `0x${hex}` : '0x00';
    return base(m, p);
  };
  const server = await startRpcServer({ handler: handler as never });
  // the store changes under one recorded block hash, so nothing may come from the response cache
  const st = await Subtensor.connect(server.url, { responseCacheBytes: 0 });
  return {
    st, reg, q, store, put, answerCall, submitted,
    close: async () => {
      await st.close();
      await server.close();
    },
  };
}

/**
 * One spec-393 node for a describe block: started in beforeAll (then `setup` puts its values),
 * closed in afterAll. `get(ctx)` returns it, or skips the test with the reason it is missing.
 */
export function useSpec393Node(setup?: (node: Spec393Node) => void | Promise<void>): { get(ctx: TestContext): Spec393Node } {
  let node: Spec393Node | undefined;
  let skip = '';
  beforeAll(async () => {
    const n = await spec393Node();
    if ('skip' in n) return void (skip = n.skip);
    node = n;
    await setup?.(n);
  });
  afterAll(() => node?.close());
  return {
    get(ctx) {
      if (!node) ctx.skip(skip);
      return node!;
    },
  };
}
