// Extrinsics: how many signed extrinsics per second each library makes for the same call, and the
// wall time from a write's call to its inclusion on the local chain.
//   signing    Balances.transfer_keep_alive signed N times with explicit nonces, mortal 128 blocks,
//              against the same local chain: ours createSignedExtrinsic vs polkadot.js signAsync
//              (both fetch what they need for the era from the node; the node answers in ~0 ms)
//   inclusion  setWeights (a registered hotkey on its own subnet, weights rate limit 1) from the
//              call to the receipt, chopsticks building one block per extrinsic
import { randomBytes } from 'node:crypto';
import { SubstrateClient, composeCall, createSignedExtrinsic, sr25519Signer } from '../src/substrate/index.js';
import { ss58Encode } from '../src/scale/index.js';
import { Subtensor } from '../src/subtensor/index.js';
import { median, round, type BenchContext, type BenchResult } from './util.js';

const N = 300;
const RUNS = 3;
const DEST = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';

async function rate(runs: number, n: number, sign: (i: number) => Promise<unknown>): Promise<number> {
  const perSec: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) await sign(i);
    perSec.push((n / (performance.now() - t)) * 1000);
  }
  return round(median(perSec), 0);
}

async function signing(url: string, log: (m: string) => void) {
  const seed = new Uint8Array(randomBytes(32));
  const client = await SubstrateClient.connect(url);
  const { ApiPromise, WsProvider } = await import('@polkadot/api');
  const { Keyring } = await import('@polkadot/keyring');
  const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
  try {
    const signer = sr25519Signer(seed);
    const pair = new Keyring({ type: 'sr25519' }).addFromSeed(seed);
    if (pair.address !== ss58Encode(signer.publicKey)) throw new Error('the two keys differ');
    const call = composeCall((await client.runtime()).registry, 'Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: DEST }, value: 1n });
    const tx = api.tx.balances.transferKeepAlive(DEST, 1n);
    // same bytes first: a throughput of different work would mean nothing
    const fin = await client.getChainFinalisedHead();
    const header = await client.getBlockHeader({ blockHash: fin });
    const pjsEra = api.createType('ExtrinsicEra', { current: header.number, period: 128 });
    const ours = await createSignedExtrinsic(client, call, signer, { nonce: 7 });
    const theirs = (await tx.signAsync(pair, { nonce: 7, era: pjsEra, blockHash: fin })).toHex();
    if (ours.length !== theirs.length) throw new Error(`extrinsic lengths differ: ${ours.length} vs ${theirs.length}`);
    log('extrinsic: signing throughput, ours');
    const oursPerSec = await rate(RUNS, N, (i) => createSignedExtrinsic(client, call, signer, { nonce: i }));
    log('extrinsic: signing throughput, polkadot.js');
    const pjsPerSec = await rate(RUNS, N, (i) => api.tx.balances.transferKeepAlive(DEST, 1n).signAsync(pair, { nonce: i, era: pjsEra, blockHash: fin }));
    return { oursPerSec, pjsPerSec, ratio: round(oursPerSec / pjsPerSec, 2) };
  } finally {
    await client.close();
    await api.disconnect();
  }
}

/** A hotkey registered on a fresh subnet of its own; returns setWeights wall times (ms). */
async function inclusion(url: string, log: (m: string) => void): Promise<number[] | string> {
  const st = await Subtensor.connect(url);
  try {
    const s = st as unknown as Record<string, ((...a: unknown[]) => Promise<unknown>) | undefined>;
    if (!s.setWeights || !s.registerSubnet) return 'setWeights or registerSubnet not in this build';
    const cold = sr25519Signer(new Uint8Array(randomBytes(32)));
    const hot = sr25519Signer(new Uint8Array(randomBytes(32)));
    const [coldAddr, hotAddr] = [ss58Encode(cold.publicKey), ss58Encode(hot.publicKey)];
    await st.client.rpc.request('dev_setStorage', [{
      System: { Account: [[[coldAddr], { providers: 1, data: { free: (10n ** 15n).toString() } }], [[hotAddr], { providers: 1, data: { free: (10n ** 12n).toString() } }]] },
      SubtensorModule: { NetworkRateLimit: 1 }, // the chain's one-registration-per-interval limit
    }]);
    await s.registerSubnet(cold, hotAddr);
    const netuid = Math.max(...(await st.getAllSubnetsNetuid()));
    await st.client.rpc.request('dev_setStorage', [{ SubtensorModule: { WeightsSetRateLimit: [[[netuid], 1]], CommitRevealWeightsEnabled: [[[netuid], false]], MinAllowedWeights: [[[netuid], 0]] } }]);
    log(`extrinsic: setWeights to inclusion on subnet ${netuid}`);
    const ms: number[] = [];
    for (let i = 0; i < 5; i++) {
      // a block between runs: the weights rate limit counts blocks since the last update (not timed)
      await st.client.rpc.request('dev_newBlock', [{ count: 2 }]);
      const t = performance.now();
      await s.setWeights(hot, netuid, [0], [1]);
      ms.push(round(performance.now() - t, 0));
    }
    return ms;
  } finally {
    await st.close();
  }
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  if (!ctx.chainUrl) return { name: 'extrinsic', ok: false, error: 'no local chain' };
  const sign = await signing(ctx.chainUrl, ctx.log);
  const incl = await inclusion(ctx.chainUrl, ctx.log).catch((e: Error) => `failed: ${e.message}`);
  const inclText = typeof incl === 'string' ? incl : `median ${median(incl)} ms (runs: ${incl.join(', ')} ms)`;
  return {
    name: 'extrinsic',
    ok: true,
    signing: { n: N, runs: RUNS, ...sign },
    setWeightsToInclusionMs: typeof incl === 'string' ? incl : { runs: incl, median: median(incl) },
    markdown: [
      '## Extrinsics (benchmarks/extrinsic.bench.ts)',
      '',
      `Signed Balances.transfer_keep_alive extrinsics per second (${N} in a row, explicit nonces, mortal 128 blocks, same local node; median of ${RUNS}):`,
      '',
      '| library | signed / s |',
      '|---|--:|',
      `| substrate-lite createSignedExtrinsic | ${sign.oursPerSec} |`,
      `| polkadot.js signAsync | ${sign.pjsPerSec} |`,
      '',
      `Ours / polkadot.js: ${sign.ratio}×. setWeights() call → receipt on the local chain (chopsticks, one block per extrinsic): ${inclText}.`,
      '',
    ],
  };
}
