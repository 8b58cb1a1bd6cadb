// Metagraph: decode time of one 1,024-neuron finney subnet (the recorded `metagraph` scenario,
// spec 343: get_neurons_lite + get_subnet_state + get_selective_mechagraph bytes), ours next to
// polkadot.js decoding the same bytes with the same metadata; and wall time of `st.metagraph()` and
// of a 32-subnet `allMetagraphs()` from the replay server with 50 ms each way (100 ms RTT) added,
// next to the same calls made one after another, as Python's AsyncMetagraph.sync makes them, and
// next to polkadot.js and dedot making the same three runtime calls over the same server, in the
// same run, interleaved (benchmarks/replay-peers.ts answers their start-up RPCs and runs the server
// on a worker thread).
// Timelock encrypt/decrypt per 256-uid commit (benchmarks/timelock.bench.ts) is reported here too.
import { ApiPromise, WsProvider as PjsWsProvider } from '@polkadot/api';
import { Metadata as PjsMetadata, TypeRegistry } from '@polkadot/types';
import { DedotClient, WsProvider as DedotWsProvider } from 'dedot';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadReplayData } from '../scripts/replay.js';
import { createRegistry, decode, decodeMetadata, fromHex } from '../src/scale/index.js';
import { SelectiveMetagraphIndex, Subtensor } from '../src/subtensor/index.js';
import { startReplayWorker } from './replay-peers.js';
import { timelockBench } from './timelock.bench.js';
import { errText, median, round, ROOT, type BenchContext, type BenchResult } from './util.js';

const CALLS = [['NeuronInfoRuntimeApi', 'get_neurons_lite'], ['SubnetInfoRuntimeApi', 'get_subnet_state'], ['SubnetInfoRuntimeApi', 'get_selective_mechagraph']] as const;
const SUBNETS = 32;
const RTT_MS = 100;
const INDICES = Object.values(SelectiveMetagraphIndex); // what getMetagraphInfo asks get_selective_mechagraph for
const PEER_TIMEOUT_MS = 240_000;
const RUNS = 3;

function timeMs(runs: number, fn: () => unknown): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return round(median(ms), 2);
}

async function wall(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return round(median(ms), 0);
}

type Replay = NonNullable<Awaited<ReturnType<typeof loadReplayData>>>;

/** polkadot.js decoding the same recorded bytes with the same metadata, next to ours. */
function decodeBench(data: Replay, ctx: BenchContext) {
  const mdBytes = fromHex(`0x${data.metadataV15.slice(data.metadataV15.indexOf('6d657461'))}`);
  const md = decodeMetadata(mdBytes);
  const reg = createRegistry(md);
  const pjs = new TypeRegistry();
  const pmd = new PjsMetadata(pjs, mdBytes);
  pjs.setMetadata(pmd);
  const replies = CALLS.map(([api, method]) => {
    const [, r] = Object.entries(data.recorded.metagraph.state_call).find(([k]) => k.includes(`${api}_${method}`))! as [string, { result: string }];
    const ours = md.apis.find((a) => a.name === api)!.methods.find((x) => x.name === method)!.output;
    const theirs = (pmd.asLatest as any).apis.find((a: any) => a.name.toString() === api).methods.find((x: any) => x.name.toString() === method).output.toNumber();
    return { bytes: fromHex(r.result), codec: reg.codec(ours), theirs };
  });
  ctx.log('metagraph: decoding the recorded 1,024-neuron subnet');
  const ours = timeMs(15, () => replies.forEach((x) => decode(x.codec, x.bytes)));
  const polkadotJs = timeMs(5, () => replies.forEach((x) => pjs.createType(pjs.createLookupType(x.theirs), x.bytes).toJSON()));
  return { ours, polkadotJs, bytes: replies.reduce((a, x) => a + x.bytes.length, 0) };
}

/** Ours with the calls one after another, as Python's AsyncMetagraph.sync makes them. */
function oursSequential(st: Subtensor, blockHash: string): Promise<number> {
  return wall(RUNS, async () => {
    await st.neuronsLite(1, { blockHash });
    await st.runtimeApi('SubnetInfoRuntimeApi', 'get_subnet_state', [1], { blockHash });
    await st.getMetagraphInfo(1, { blockHash });
    await st.getMechanismCount(1, { blockHash });
    await st.getMechanismEmissionSplit(1, { blockHash });
  });
}

/** A peer client: connect, then per block the three runtime calls for one netuid, decoded by it. */
interface Peer {
  key: 'polkadotJs' | 'dedot';
  label: string;
  connect(url: string): Promise<{ at(hash: string): Promise<(netuid: number) => Promise<unknown>[]>; close(): Promise<unknown> }>;
}

function version(pkg: string): string {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

const threeCalls = (call: any) => (n: number) => [
  call.neuronInfoRuntimeApi.getNeuronsLite(n),
  call.subnetInfoRuntimeApi.getSubnetState(n),
  call.subnetInfoRuntimeApi.getSelectiveMechagraph(n, 0, INDICES),
];

const PEERS: Peer[] = [
  {
    key: 'polkadotJs', label: `polkadot.js ${version('@polkadot/api')} (\`(await api.at(hash)).call.*\`, Codec results)`,
    connect: async (url) => {
      const api = await ApiPromise.create({ provider: new PjsWsProvider(url), noInitWarn: true, throwOnConnect: true });
      return { at: async (hash) => threeCalls(((await api.at(hash)) as any).call), close: () => api.disconnect() };
    },
  },
  {
    key: 'dedot', label: `dedot ${version('dedot')} (\`DedotClient.legacy\`, \`(await client.at(hash)).call.*\`)`,
    connect: async (url) => {
      const client: any = await DedotClient.legacy(new DedotWsProvider(url));
      return { at: async (hash) => threeCalls((await client.at(hash)).call), close: () => client.disconnect() };
    },
  },
];

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (t = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(t));
}

type PeerResult = { one: number; all: number } | { error: string };

/** One client's timed work at one block: one subnet's three calls, and the same for every netuid. */
interface Contender {
  one(): Promise<unknown>;
  all(): Promise<unknown>;
  close(): Promise<unknown>;
}

/** Connect a peer and warm it at the block (its runtime there), checking it decoded all 1,024 neurons. */
async function connectPeer(peer: Peer, url: string, hash: string, netuids: number[]): Promise<Contender> {
  const c = await peer.connect(url);
  try {
    const [neurons] = await Promise.all((await c.at(hash))(1));
    const n = (neurons as unknown[]).length;
    if (n !== 1024) throw new Error(`get_neurons_lite decoded to ${n} neurons, expected 1024`);
  } catch (e) {
    await c.close().catch(() => undefined);
    throw e;
  }
  return {
    one: async () => Promise.all((await c.at(hash))(1)),
    all: async () => {
      const calls = await c.at(hash);
      return Promise.all(netuids.flatMap(calls));
    },
    close: () => c.close(),
  };
}

type Samples = Record<string, { one: number[]; all: number[] }>;

/** RUNS rounds, each timing every client in turn, so the machine's load falls on all of them alike. */
async function rounds(clients: Map<string, Contender>, errors: Map<string, string>, ctx: BenchContext): Promise<Samples> {
  const out: Samples = Object.fromEntries([...clients.keys()].map((k) => [k, { one: [], all: [] }]));
  for (const kind of ['one', 'all'] as const) {
    for (let r = 0; r < RUNS; r++) {
      ctx.log(`metagraph: ${kind === 'one' ? 'one subnet' : `${SUBNETS} subnets`} @${RTT_MS} ms RTT, round ${r + 1}/${RUNS}: ${[...clients.keys()].join(', ')}`);
      for (const [k, c] of clients) {
        (globalThis as { gc?: () => void }).gc?.(); // no client pays for another's garbage
        const t = performance.now();
        try {
          await withTimeout(c[kind](), PEER_TIMEOUT_MS, k);
          out[k][kind].push(Math.round(performance.now() - t));
        } catch (e) {
          errors.set(k, errText(e));
          clients.delete(k);
        }
      }
    }
  }
  return out;
}

/** Ours and every peer that starts, over the same server, interleaved round by round. */
async function measure(st: Subtensor, url: string, blockHash: string, ctx: BenchContext) {
  const netuids = Array.from({ length: SUBNETS }, (_, i) => i + 1);
  await st.metagraph(1, { blockHash }); // warm: metadata and runtime
  const sequential = await oursSequential(st, blockHash);
  const ours: Contender = { one: () => st.metagraph(1, { blockHash }), all: () => st.allMetagraphs({ blockHash, netuids }), close: async () => undefined };
  const clients = new Map<string, Contender>([['ours', ours]]);
  const errors = new Map<string, string>();
  for (const p of PEERS) {
    ctx.log(`metagraph: connecting ${p.key}`);
    try {
      clients.set(p.key, await withTimeout(connectPeer(p, url, blockHash, netuids), PEER_TIMEOUT_MS, p.key));
    } catch (e) {
      errors.set(p.key, errText(e));
    }
  }
  let samples: Samples;
  try {
    samples = await rounds(clients, errors, ctx);
  } finally {
    for (const [k, c] of clients) if (k !== 'ours') await c.close().catch(() => undefined);
  }
  if (errors.has('ours')) throw new Error(errors.get('ours'));
  const med = (k: string, kind: 'one' | 'all') => median(samples[k][kind]);
  const peers: Partial<Record<Peer['key'], PeerResult>> = {};
  for (const p of PEERS) peers[p.key] = errors.has(p.key) ? { error: errors.get(p.key)! } : { one: med(p.key, 'one'), all: med(p.key, 'all') };
  return { ours: { one: med('ours', 'one'), sequential, all: med('ours', 'all') }, peers, samples };
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const data = await loadReplayData();
  if (!data) return { name: 'metagraph', ok: false, error: 'no recorded finney traffic (../shared/fixtures or the download cache)' };
  const dec = decodeBench(data, ctx);
  const server = await startReplayWorker(RTT_MS / 2); // the server on its own thread, like a node elsewhere
  const st = await Subtensor.connect(server.url, { responseCacheBytes: 0 }); // every run pays the round trips
  try {
    const m = await measure(st, server.url, await st.getBlockHash(), ctx);
    const timelock = await timelockBench();
    return { ...report(dec, m.ours, m.peers, timelock), samplesMs: m.samples };
  } finally {
    await st.close();
    await server.close();
  }
}

const ms = (r: PeerResult | undefined, k: 'one' | 'all'): number | null => (r && 'one' in r ? r[k] : null);
const ratio = (a: number, b: number | null): number | null => (b ? round(a / b, 2) : null);
const cell = (x: number | null, suffix = ''): string => (x == null ? 'n/a' : `${x}${suffix}`);

type Ours = { one: number; sequential: number; all: number };
type Timelock = Awaited<ReturnType<typeof timelockBench>>;

function report(dec: ReturnType<typeof decodeBench>, ours: Ours, peers: Partial<Record<Peer['key'], PeerResult>>, timelock: Timelock): BenchResult {
  const side = (k: 'one' | 'all') => {
    const pjs = ms(peers.polkadotJs, k);
    const dedot = ms(peers.dedot, k);
    return { ours: ours[k], polkadotJs: pjs, dedot, oursOverDedot: ratio(ours[k], dedot), oursOverPolkadotJs: ratio(ours[k], pjs) };
  };
  const one = { ...side('one'), sequentialCalls: ours.sequential };
  const all = { ...side('all'), perSubnet: round(ours.all / SUBNETS, 1) };
  const errors = PEERS.flatMap((p) => { const r = peers[p.key]; return r && 'error' in r ? [`${p.key}: ${r.error}`] : []; });
  return {
    name: 'metagraph', ok: true, rttMs: RTT_MS, subnets: SUBNETS, neurons: 1024,
    decodePerSubnetMs: { ours: dec.ours, polkadotJs: dec.polkadotJs, ratio: round(dec.polkadotJs / dec.ours, 1) },
    oneSubnetMs: one, allSubnetsMs: all,
    target: { oursOverDedot: 0.5, met: one.oursOverDedot != null && all.oursOverDedot != null && one.oursOverDedot <= 0.5 && all.oursOverDedot <= 0.5 },
    peers: Object.fromEntries(PEERS.map((p) => [p.key, { label: p.label, ...(peers[p.key] ?? { error: 'not run' }) }])),
    timelock,
    markdown: markdownOf(dec, one, all, errors, timelock),
  };
}

function markdownOf(dec: ReturnType<typeof decodeBench>, one: any, all: any, errors: string[], timelock: Timelock): string[] {
  const row = (label: string, a: number | null, b: number | null) => `| ${label} | ${cell(a)} | ${cell(b)} |`;
  return [
    '## Metagraph (benchmarks/metagraph.bench.ts)', '',
    `Decode one 1,024-neuron finney subnet (recorded spec-343 get_neurons_lite + get_subnet_state + get_selective_mechagraph replies, ${dec.bytes} bytes), median ms:`, '',
    '| decoder | ms |', '|---|--:|',
    `| substrate-lite | ${dec.ours} |`, `| polkadot.js (createType + toJSON) | ${dec.polkadotJs} |`, '',
    `Wall time from the replay server with ${RTT_MS} ms RTT (every netuid answered with subnet 1's recorded replies), median of ${RUNS} runs in ms, all clients in the same run over the same server, interleaved round by round; each client is connected and warmed first, then timed (after a gc), and the server runs on its own thread. Each peer makes the three runtime calls (get_neurons_lite(n), get_subnet_state(n), get_selective_mechagraph(n, 0, all ${INDICES.length} indices)) concurrently at one block hash and decodes the replies into its own result objects (api.at / client.at inside the timing); ${SUBNETS} subnets = the same for netuids 1..${SUBNETS} concurrently at one block.`, '',
    `| client | one subnet | ${SUBNETS} subnets |`, '|---|--:|--:|',
    row('substrate-lite (`st.metagraph` / `allMetagraphs`)', one.ours, all.ours),
    row("substrate-lite, the calls one after another (as Python's sync makes them)", one.sequentialCalls, null),
    ...PEERS.map((p) => row(p.label, one[p.key], all[p.key])),
    `| **ours / dedot** (target ≤ 0.5×) | **${cell(one.oursOverDedot, '×')}** | **${cell(all.oursOverDedot, '×')}** |`,
    `| ours / polkadot.js | ${cell(one.oursOverPolkadotJs, '×')} | ${cell(all.oursOverPolkadotJs, '×')} |`, '',
    'Ours does more than the peers here: `st.metagraph` also reads two storage items (mechanism count, emission split) alongside the three calls, and builds the metagraph columns (stakes with root weighting, ranks, trust, axons, …) from the decoded replies; the peers stop at their decoded values.' +
      ` One subnet is one round trip for every client (a ${RTT_MS} ms floor), so there all are near the RTT; the 32-subnet case is decode-bound.` +
      (errors.length ? ` Not measured: ${errors.join('; ')}.` : ''), '',
    `Timelock (CR v3/v4) per 256-uid commit, median ms: encrypt ours ${timelock.oursEncryptMs} / WASM tle ${timelock.wasmEncryptMs}; decrypt ours ${timelock.oursDecryptMs} / WASM ${timelock.wasmDecryptMs}.`, '',
  ];
}
