// Metagraph: decode time of one 1,024-neuron finney subnet (the recorded `metagraph` scenario,
// spec 343: get_neurons_lite + get_subnet_state + get_selective_mechagraph bytes), ours next to
// polkadot.js decoding the same bytes with the same metadata; and wall time of `st.metagraph()` and
// of a 32-subnet `allMetagraphs()` from the replay server with 50 ms each way (100 ms RTT) added,
// next to the same calls made one after another, as Python's AsyncMetagraph.sync makes them.
// Timelock encrypt/decrypt per 256-uid commit (benchmarks/timelock.bench.ts) is reported here too.
import { Metadata as PjsMetadata, TypeRegistry } from '@polkadot/types';
import { loadReplayData, replayHandler } from '../scripts/replay.js';
import { createRegistry, decode, decodeMetadata, fromHex } from '../src/scale/index.js';
import { Subtensor } from '../src/subtensor/index.js';
import { startRpcServer } from '../test/helpers/rpc-server.js';
import { timelockBench } from './timelock.bench.js';
import { median, round, type BenchContext, type BenchResult } from './util.js';

const CALLS = [['NeuronInfoRuntimeApi', 'get_neurons_lite'], ['SubnetInfoRuntimeApi', 'get_subnet_state'], ['SubnetInfoRuntimeApi', 'get_selective_mechagraph']] as const;
const SUBNETS = 32;
const RTT_MS = 100;

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

/** The recorded subnet-1 answers served for every netuid: a 32-subnet network of 1,024-neuron subnets. */
function manySubnets(base: (m: string, p: unknown[]) => unknown) {
  return (m: string, p: unknown[]): unknown => {
    if (m === 'state_call' && typeof p[1] === 'string' && /RuntimeApi_/.test(String(p[0]))) return base(m, [p[0], `0x0100${p[1].replace(/^0x/, '').slice(4)}`, p[2]]);
    if (m === 'state_getStorage' && typeof p[0] === 'string' && /^0x658faa385070e074c85bf6b568cf0555/.test(p[0])) return base(m, [`${p[0].slice(0, -20)}f1577fbf1d628fdd0100`, p[1]]); // twox64concat(1)
    return base(m, p);
  };
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const data = await loadReplayData();
  if (!data) return { name: 'metagraph', ok: false, error: 'no recorded finney traffic (../shared/fixtures or the download cache)' };
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
  const oursDecodeMs = timeMs(15, () => replies.forEach((x) => decode(x.codec, x.bytes)));
  const pjsDecodeMs = timeMs(5, () => replies.forEach((x) => pjs.createType(pjs.createLookupType(x.theirs), x.bytes).toJSON()));

  const base = replayHandler(data, 'metagraph');
  const server = await startRpcServer({ handler: manySubnets(base) as never, latencyMs: RTT_MS / 2 });
  const st = await Subtensor.connect(server.url, { responseCacheBytes: 0 }); // every run pays the round trips
  try {
    const blockHash = await st.getBlockHash();
    await st.metagraph(1, { blockHash }); // warm: metadata and runtime
    ctx.log(`metagraph: one subnet and ${SUBNETS} subnets @${RTT_MS} ms RTT`);
    const oneMs = await wall(3, () => st.metagraph(1, { blockHash }));
    const oneSequentialMs = await wall(3, async () => {
      await st.neuronsLite(1, { blockHash });
      await st.runtimeApi('SubnetInfoRuntimeApi', 'get_subnet_state', [1], { blockHash });
      await st.getMetagraphInfo(1, { blockHash });
      await st.getMechanismCount(1, { blockHash });
      await st.getMechanismEmissionSplit(1, { blockHash });
    });
    const netuids = Array.from({ length: SUBNETS }, (_, i) => i + 1);
    const allMs = await wall(2, () => st.allMetagraphs({ blockHash, netuids }));
    const timelock = await timelockBench();
    return {
      name: 'metagraph', ok: true, rttMs: RTT_MS, subnets: SUBNETS, neurons: 1024,
      decodePerSubnetMs: { ours: oursDecodeMs, polkadotJs: pjsDecodeMs, ratio: round(pjsDecodeMs / oursDecodeMs, 1) },
      oneSubnetMs: { ours: oneMs, sequentialCalls: oneSequentialMs },
      allSubnetsMs: { ours: allMs, perSubnet: round(allMs / SUBNETS, 1) },
      timelock,
      markdown: [
        '## Metagraph (benchmarks/metagraph.bench.ts)', '',
        `Decode one 1,024-neuron finney subnet (recorded spec-343 get_neurons_lite + get_subnet_state + get_selective_mechagraph replies, ${replies.reduce((a, x) => a + x.bytes.length, 0)} bytes), median ms:`, '',
        '| decoder | ms |', '|---|--:|',
        `| substrate-lite | ${oursDecodeMs} |`, `| polkadot.js (createType + toJSON) | ${pjsDecodeMs} |`, '',
        `Wall time from the replay server with ${RTT_MS} ms RTT, median: one subnet's metagraph ${oneMs} ms (the same calls one after another, as Python's sync makes them: ${oneSequentialMs} ms); ${SUBNETS} subnets at one block with allMetagraphs ${allMs} ms. polkadot.js and dedot over the same proxy are not measured yet (the replay server does not answer their start-up RPCs).`, '',
        `Timelock (CR v3/v4) per 256-uid commit, median ms: encrypt ours ${timelock.oursEncryptMs} / WASM tle ${timelock.wasmEncryptMs}; decrypt ours ${timelock.oursDecryptMs} / WASM ${timelock.wasmDecryptMs}.`, '',
      ],
    };
  } finally {
    await st.close();
    await server.close();
  }
}
