// 3. Decoding, no network. Each library in its own child process (no JIT/GC cross-talk):
//   a. metadata decode + registry build from the real finney V15 bytes, plus obtaining the
//      System.Account value codec (every library builds codecs lazily; this is "ready to decode");
//   b. 100k AccountInfo decodes (the local chain's Alice value) with each library's
//      metadata-driven codec for System.Account's value type;
//   c. one full NeuronInfoRuntimeApi_get_neurons_lite result (recorded finney bytes);
//   d. a malformed RuntimeCall: System.remark inside Utility.batch nested 16 and 32 deep, cut by one
//      byte (issue 10: our decoder used to take time exponential in the depth to reject it).
// Medians of repeated runs after warm-up.
//   node --expose-gc --import tsx benchmarks/decoding.bench.ts        (stand-alone)
import { fileURLToPath } from 'node:url';
import { LIBS, type Lib } from './adapters/types.js';
import {
  ALICE, TSX_ARGS, errText, median, rawMetadataBytes, reply, replyError, round, runJsonChild,
  type BenchContext, type BenchResult,
} from './util.js';

const ACCOUNT_DECODES = 100_000;
const RUNS = { metadata: 7, account: 5, neurons: 7, malformed: 7 };
const WARMUP = { metadata: 2, account: 1, neurons: 2, malformed: 2 };
const NEURONS = 1024;
const MALFORMED_DEPTHS = [16, 32] as const;
/** Rejects per timed run of the malformed call (the per-reject time is the run's mean). */
const MALFORMED_REPS = 20;

interface Prepared {
  metadataHex: string;
  accountHex: string;
  accountSource: string;
  neuronsHex: string;
  neuronCount: number;
  accountTypeId: number;
  neuronsTypeId: number;
  callTypeId: number;
  /** Depth → hex of the nested call cut by one byte. */
  malformedHex: Record<number, string>;
}

export interface DecodingLibResult {
  metadataMs: number[];
  accountRunMs: number[];
  neuronsMs: number[];
  /** Depth → per-reject ms of each run; `malformedRejected[depth]` false if the library accepted the bytes. */
  malformedMs: Record<number, number[]>;
  malformedRejected: Record<number, boolean>;
  sample: { free: string; neurons: number; firstHotkey?: string };
}

// ------------------------------------------------------------------ parent

async function prepare(ctx: BenchContext): Promise<Prepared> {
  const { loadReplayData, replaySkipReason } = await import('../scripts/replay.js');
  const { neuronsLitePayload } = await import('../scripts/replay-server.js');
  const { createRegistry, decodeMetadata, storageKey, encode, toHex } = await import('../src/scale/index.js');
  const data = await loadReplayData();
  if (!data) throw new Error(replaySkipReason());
  const reg = createRegistry(decodeMetadata(data.metadataV15));
  const accountTypeId = reg.storageEntry('System', 'Account').entry.valueType;
  const neuronsTypeId = reg.runtimeApi('NeuronInfoRuntimeApi', 'get_neurons_lite').output;
  let accountHex: string | null = null;
  let accountSource = 'local chain System.Account(Alice)';
  if (ctx.chainUrl) {
    try {
      const { RpcClient } = await import('../src/rpc/index.js');
      const rpc = new RpcClient(ctx.chainUrl);
      accountHex = await rpc.request<string | null>('state_getStorage', [storageKey(reg, 'System', 'Account', [ALICE])]);
      await rpc.close();
    } catch (e) {
      ctx.log(`decoding: could not read Alice from the chain (${errText(e)}); encoding a stand-in`);
    }
  }
  if (!accountHex) {
    accountSource = 'encoded stand-in (chain unavailable)';
    const v = { nonce: 1, consumers: 0, providers: 1, sufficients: 0, data: { free: 10n ** 18n, reserved: 0n, frozen: 0n, flags: 1n << 127n } };
    accountHex = '0x' + Buffer.from(encode(reg.codec(accountTypeId), v)).toString('hex');
  }
  const neuronsHex = neuronsLitePayload(data, NEURONS);
  const callTypeId = reg.metadata.outerEnums!.call;
  const malformedHex: Record<number, string> = {};
  for (const depth of MALFORMED_DEPTHS) {
    let call: unknown = { type: 'System', value: { type: 'remark', value: { remark: new Uint8Array([1, 2, 3]) } } };
    for (let i = 0; i < depth; i++) call = { type: 'Utility', value: { type: 'batch', value: { calls: [call] } } };
    const valid = encode(reg.codec(callTypeId), call);
    malformedHex[depth] = toHex(valid.subarray(0, valid.length - 1));
  }
  const nb = Buffer.from(neuronsHex.slice(2, 8), 'hex');
  const mode = nb[0] & 3;
  const neuronCount = mode === 0 ? nb[0] >> 2 : mode === 1 ? nb.readUInt16LE(0) >> 2 : nb.readUInt32LE(0) >> 2;
  return { metadataHex: data.metadataV15, accountHex, accountSource, neuronsHex, neuronCount, accountTypeId, neuronsTypeId, callTypeId, malformedHex };
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const prep = await prepare(ctx);
  const { writeFileSync, mkdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { BUILD_DIR } = await import('./util.js');
  mkdirSync(BUILD_DIR, { recursive: true });
  const input = join(BUILD_DIR, 'decoding-input.json');
  writeFileSync(input, JSON.stringify(prep));
  const libs: Record<string, unknown> = {};
  for (const lib of LIBS) {
    ctx.log(`decoding: ${lib}`);
    try {
      const r = await runJsonChild<DecodingLibResult>([...TSX_ARGS, fileURLToPath(import.meta.url), '--child', lib, input], { timeoutMs: 240_000 });
      const accMed = median(r.accountRunMs);
      libs[lib] = {
        metadataMs: round(median(r.metadataMs)),
        metadataRunsMs: r.metadataMs.map((x) => round(x)),
        accountDecodesPerSec: Math.round(ACCOUNT_DECODES / (accMed / 1000)),
        accountRunMs: r.accountRunMs.map((x) => round(x)),
        neuronsMs: round(median(r.neuronsMs)),
        neuronsRunsMs: r.neuronsMs.map((x) => round(x)),
        neuronsPerSec: Math.round(prep.neuronCount / (median(r.neuronsMs) / 1000)),
        malformedMs: Object.fromEntries(MALFORMED_DEPTHS.map((d) => [d, round(median(r.malformedMs[d]), 3)])),
        malformedRunsMs: r.malformedMs,
        malformedRejected: r.malformedRejected,
        sample: r.sample,
      };
    } catch (e) {
      libs[lib] = { error: errText(e) };
    }
  }
  return {
    name: 'decoding',
    ok: true,
    accountDecodes: ACCOUNT_DECODES,
    neuronCount: prep.neuronCount,
    accountSource: prep.accountSource,
    accountTypeId: prep.accountTypeId,
    neuronsTypeId: prep.neuronsTypeId,
    runs: RUNS,
    warmup: WARMUP,
    libs,
  };
}

// ------------------------------------------------------------------ child

interface LibCodecs {
  /** Decode metadata bytes, build the registry, get the codec for `accountTypeId`. */
  load(meta: Uint8Array): unknown;
  account(state: any, bytes: Uint8Array): bigint;
  neurons(state: any, bytes: Uint8Array): { n: number; firstHotkey?: string };
  /** Decode a RuntimeCall; throws if the library rejects the bytes. */
  call(state: any, bytes: Uint8Array): unknown;
}

async function codecsFor(lib: Lib, p: Prepared): Promise<LibCodecs> {
  switch (lib) {
    case 'substrate-lite': {
      const { decodeMetadata, createRegistry, decode } = await import('../src/scale/index.js');
      return {
        load: (meta) => {
          const reg = createRegistry(decodeMetadata(meta));
          return { reg, acc: reg.codec(p.accountTypeId) };
        },
        account: (s, b) => (decode(s.acc, b) as any).data.free,
        neurons: (s, b) => {
          const v = decode(s.reg.codec(p.neuronsTypeId), b) as any[];
          return { n: v.length, firstHotkey: String(v[0]?.hotkey) };
        },
        call: (s, b) => decode(s.reg.codec(p.callTypeId), b),
      };
    }
    case 'polkadot.js': {
      const { TypeRegistry, Metadata } = await import('@polkadot/types');
      return {
        load: (meta) => {
          const registry = new TypeRegistry();
          const md = new Metadata(registry, meta);
          registry.setMetadata(md);
          const accType = registry.createLookupType(p.accountTypeId);
          const neuronsType = registry.createLookupType(p.neuronsTypeId);
          // Resolve the class once (what createType does on first use), so runs time decoding only.
          registry.createClass(accType);
          return { registry, accType, neuronsType, callType: registry.createLookupType(p.callTypeId) };
        },
        account: (s, b) => (s.registry.createType(s.accType, b) as any).data.free.toBigInt(),
        neurons: (s, b) => {
          const v = s.registry.createType(s.neuronsType, b) as any;
          return { n: v.length, firstHotkey: v[0]?.hotkey?.toString() };
        },
        call: (s, b) => s.registry.createType(s.callType, b),
      };
    }
    case 'papi': {
      const { decAnyMetadata, unifyMetadata } = await import('@polkadot-api/substrate-bindings');
      const { getDynamicBuilder, getLookupFn } = await import('@polkadot-api/metadata-builders');
      return {
        load: (meta) => {
          const builder = getDynamicBuilder(getLookupFn(unifyMetadata(decAnyMetadata(meta))));
          return { builder, acc: builder.buildDefinition(p.accountTypeId) };
        },
        account: (s, b) => s.acc.dec(b).data.free,
        neurons: (s, b) => {
          const v = s.builder.buildDefinition(p.neuronsTypeId).dec(b) as any[];
          return { n: v.length, firstHotkey: String(v[0]?.hotkey) };
        },
        call: (s, b) => s.builder.buildDefinition(p.callTypeId).dec(b),
      };
    }
    case 'dedot': {
      const { $Metadata, PortableRegistry } = await import('@dedot/codecs');
      return {
        load: (meta) => {
          const md = $Metadata.tryDecode(meta);
          const registry = new PortableRegistry(md.latest);
          return { registry, acc: registry.findCodec(p.accountTypeId) };
        },
        account: (s, b) => (s.acc.tryDecode(b) as any).data.free,
        neurons: (s, b) => {
          const v = s.registry.findCodec(p.neuronsTypeId).tryDecode(b) as any[];
          return { n: v.length, firstHotkey: String(v[0]?.hotkey?.address?.() ?? v[0]?.hotkey) };
        },
        call: (s, b) => s.registry.findCodec(p.callTypeId).tryDecode(b),
      };
    }
  }
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

async function child(lib: Lib, inputPath: string): Promise<DecodingLibResult> {
  const { readFileSync } = await import('node:fs');
  const p = JSON.parse(readFileSync(inputPath, 'utf8')) as Prepared;
  const meta = rawMetadataBytes(p.metadataHex);
  const acc = new Uint8Array(Buffer.from(p.accountHex.slice(2), 'hex'));
  const neu = new Uint8Array(Buffer.from(p.neuronsHex.slice(2), 'hex'));
  const c = await codecsFor(lib, p);

  const metadataMs: number[] = [];
  for (let i = 0; i < WARMUP.metadata + RUNS.metadata; i++) {
    gc();
    const t = performance.now();
    c.load(meta);
    if (i >= WARMUP.metadata) metadataMs.push(performance.now() - t);
  }
  const state = c.load(meta);

  let free = 0n;
  const accountRunMs: number[] = [];
  const loop = (n: number) => {
    let x = 0n;
    for (let i = 0; i < n; i++) x = c.account(state, acc);
    return x;
  };
  for (let i = 0; i < WARMUP.account; i++) loop(ACCOUNT_DECODES / 10);
  for (let i = 0; i < RUNS.account; i++) {
    gc();
    const t = performance.now();
    free = loop(ACCOUNT_DECODES);
    accountRunMs.push(performance.now() - t);
  }

  const neuronsMs: number[] = [];
  let nres = { n: 0 } as { n: number; firstHotkey?: string };
  for (let i = 0; i < WARMUP.neurons + RUNS.neurons; i++) {
    gc();
    const t = performance.now();
    nres = c.neurons(state, neu);
    if (i >= WARMUP.neurons) neuronsMs.push(performance.now() - t);
  }
  const { malformedMs, malformedRejected } = timeMalformed(c, state, p);
  return {
    metadataMs, accountRunMs, neuronsMs, malformedMs, malformedRejected,
    sample: { free: free.toString(), neurons: nres.n, firstHotkey: nres.firstHotkey },
  };
}

function timeMalformed(c: LibCodecs, state: unknown, p: Prepared) {
  const malformedMs: Record<number, number[]> = {};
  const malformedRejected: Record<number, boolean> = {};
  for (const depth of MALFORMED_DEPTHS) {
    const bytes = new Uint8Array(Buffer.from(p.malformedHex[depth].slice(2), 'hex'));
    let rejected = false;
    const attempt = () => {
      try {
        c.call(state, bytes);
        rejected = false;
      } catch {
        rejected = true;
      }
    };
    malformedMs[depth] = [];
    for (let i = 0; i < WARMUP.malformed + RUNS.malformed; i++) {
      gc();
      const t = performance.now();
      for (let k = 0; k < MALFORMED_REPS; k++) attempt();
      if (i >= WARMUP.malformed) malformedMs[depth].push((performance.now() - t) / MALFORMED_REPS);
    }
    malformedRejected[depth] = rejected;
  }
  return { malformedMs, malformedRejected };
}

const argv = process.argv;
if (import.meta.url === `file://${argv[1]}`) {
  if (argv[2] === '--child') {
    child(argv[3] as Lib, argv[4]).then(reply, replyError);
  } else {
    const { startLocalChain } = await import('../scripts/local-chain.js');
    const chain = await startLocalChain().catch(() => null);
    const r = await run({ chainUrl: chain?.url ?? null, log: (m) => console.error(m) });
    console.log(JSON.stringify(r, null, 2));
    await chain?.stop();
  }
}
