// Timelocked weights end to end (issue 16) on a runtime that has them: commit weights encrypted to
// a past quicknet round (1000), put that round's real pulse into Drand.Pulses with dev_setStorage,
// make blocks past the reveal epoch, and expect the runtime to have decrypted and stored exactly
// those weights. The local raonet runtime (spec 218) predates timelocked commits, so this runs only
// when a raw chain spec of a newer Subtensor runtime is given (SUBSTRATE_LITE_TIMELOCK_SPEC=<path>)
// and skips saying so otherwise.
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureSkipReason, readJsonFixture } from '../../scripts/fixtures.js';
import { startLocalChain, type LocalChain } from '../../scripts/local-chain.js';
import { ss58Encode } from '../../src/scale/index.js';
import { sr25519Signer } from '../../src/substrate/index.js';
import { Subtensor } from '../../src/subtensor/index.js';
import { timelockedWeightsPayload } from '../../src/subtensor/timelock-writes.js';
import { timelockEncrypt } from '../../src/subtensor/timelock/tle.js';
import { composeAtHead, submitCall } from '../../src/subtensor/write.js';

const SPEC = process.env.SUBSTRATE_LITE_TIMELOCK_SPEC;
const FIXTURE = 'drand/quicknet.json';
const drand = await readJsonFixture<{ rounds: Record<string, { signature: string; randomness: string }> }>(FIXTURE);
const skip = !SPEC
  ? 'no chain spec of a Subtensor runtime with timelocked commits: set SUBSTRATE_LITE_TIMELOCK_SPEC to a raw chain spec (the local raonet spec 218 predates them)'
  : !existsSync(SPEC) ? `SUBSTRATE_LITE_TIMELOCK_SPEC=${SPEC} does not exist`
  : !drand ? fixtureSkipReason(FIXTURE) : '';
if (skip) console.warn(`timelock e2e: skipped: ${skip}`);

describe.skipIf(skip !== '')('timelocked weights revealed by the runtime (a newer chain spec)', () => {
  let chain: LocalChain;
  let st: Subtensor;
  beforeAll(async () => {
    chain = await startLocalChain({ specPath: SPEC, timeoutMs: 120_000 });
    st = await Subtensor.connect(chain.url);
  }, 150_000);
  afterAll(async () => {
    await st?.close();
    await chain?.stop();
  });

  it('commit for round 1000, inject its pulse, step past the reveal epoch: the weights are stored', async (ctx) => {
    const rt = await st.client.runtime();
    const calls = rt.registry.metadata.pallets.find((p) => p.name === 'SubtensorModule')!;
    const def = rt.registry.metadata.types[calls.calls!].def;
    const names = def.tag === 'variant' ? def.variants.map((v) => v.name) : [];
    const commitCall = ['commit_timelocked_mechanism_weights', 'commit_timelocked_weights'].find((n) => names.includes(n));
    if (!commitCall) return ctx.skip(`spec ${rt.version.specVersion} has no timelocked commit call`);
    const [cold, hot] = [sr25519Signer(new Uint8Array(randomBytes(32))), sr25519Signer(new Uint8Array(randomBytes(32)))];
    const [coldAddr, hotAddr] = [ss58Encode(cold.publicKey), ss58Encode(hot.publicKey)];
    const set = (v: object) => st.client.rpc.request('dev_setStorage', [v]);
    const free = (a: string) => [[a], { providers: 1, data: { free: (10n ** 16n).toString() } }];
    await set({ System: { Account: [free(coldAddr), free(hotAddr)] }, SubtensorModule: { NetworkRateLimit: 1 } });
    const reg = await submitCall(st, cold, await composeAtHead(st, 'SubtensorModule', 'register_network', { hotkey: hotAddr }));
    const netuid = (reg.events.find((e) => e.name === 'NetworkAdded')!.data as [number, number])[0];
    const tempo = 10;
    await set({ SubtensorModule: { Tempo: [[[netuid], tempo]], CommitRevealWeightsEnabled: [[[netuid], true]], RevealPeriodEpochs: [[[netuid], 1]], WeightsSetRateLimit: [[[netuid], 0]] } });
    const version = await st.client.query<number>('SubtensorModule', 'CommitRevealWeightsVersion').catch(() => 4);
    const commit = timelockEncrypt(timelockedWeightsPayload(hot.publicKey, [0], [65535], 0n), 1000);
    const args = { netuid, commit, reveal_round: 1000, commit_reveal_version: version, ...(commitCall.includes('mechanism') ? { mecid: 0 } : {}) };
    const r = await submitCall(st, hot, await composeAtHead(st, 'SubtensorModule', commitCall, args));
    expect(r.success).toBe(true);
    expect((await st.getTimelockedWeightCommits(netuid)).length).toBeGreaterThan(0);
    const pulse = drand!.rounds['1000'];
    await set({ Drand: { Pulses: [[[1000], { round: 1000, randomness: pulse.randomness, signature: `0x${pulse.signature.replace(/^0x/, '')}` }]], LastStoredRound: 1000 } });
    for (let i = 0; i < 4 * (tempo + 1); i++) await st.client.rpc.request('dev_newBlock', [{ count: 1 }]);
    const weights = await st.client.query<[number, number][]>('SubtensorModule', 'Weights', [netuid, 0]);
    expect(weights).toEqual([[0, 65535]]);
  }, 240_000);
});
