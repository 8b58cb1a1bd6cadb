// Timelocked weight commits (issue 16): the plaintext the runtime decrypts equals polkadot.js's
// encoding of the same struct, and survives a real quicknet round trip; on a spec-393 node the
// submitted call is commit_timelocked_mechanism_weights with the reveal round revealRound gives for
// the subnet's tempo and reveal period, signed by the hotkey, its commit a well-formed ciphertext;
// on the local runtime (spec 218, before timelocked commits) the write is refused as unsupported.
import { TypeRegistry } from '@polkadot/types';
import { u8aToHex } from '@polkadot/util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fixtureSkipReason, readJsonFixture } from '../../scripts/fixtures.js';
import { fromHex, ss58Encode } from '../../src/scale/index.js';
import { devSigner, decodeExtrinsic } from '../../src/substrate/index.js';
import {
  Subtensor, UnsupportedRuntimeError, convertWeightsAndUidsForEmit, parseCiphertext, revealRound, timelockDecrypt, timelockEncrypt,
} from '../../src/subtensor/index.js';
import { timelockedWeightsPayload } from '../../src/subtensor/timelock-writes.js';
import { useSpec393Node } from '../helpers/spec393-node.js';

const FIXTURE = 'drand/quicknet.json';
const fx = await readJsonFixture<{ rounds: Record<string, { signature: string }> }>(FIXTURE);
const url = inject('chainUrl');

describe('the timelocked plaintext', () => {
  it('equals polkadot.js encoding { hotkey: Vec<u8>, uids: Vec<u16>, values: Vec<u16>, version_key: u64 }, and the legacy form without hotkey', () => {
    const reg = new TypeRegistry();
    const hotkey = devSigner('Alice').publicKey;
    const ours = timelockedWeightsPayload(hotkey, [0, 7, 300], [65535, 1, 0], 2n ** 63n + 5n);
    const theirs = reg.createType('(Bytes, Vec<u16>, Vec<u16>, u64)', [u8aToHex(hotkey), [0, 7, 300], [65535, 1, 0], 2n ** 63n + 5n]).toU8a();
    expect(u8aToHex(ours)).toBe(u8aToHex(theirs));
    const legacy = timelockedWeightsPayload(null, [1], [2], 3n);
    expect(u8aToHex(legacy)).toBe(reg.createType('(Vec<u16>, Vec<u16>, u64)', [[1], [2], 3]).toHex());
  });

  it.skipIf(!fx)(`round-trips through real quicknet round 1000 (${fx ? 'fixture present' : fixtureSkipReason(FIXTURE)})`, () => {
    const payload = timelockedWeightsPayload(devSigner('Bob').publicKey, [1, 2], [100, 200], 9n);
    const ct = timelockEncrypt(payload, 1000);
    expect(timelockDecrypt(ct, fromHex(fx!.rounds['1000'].signature))).toEqual(payload);
  });
});

describe('commitTimelockedWeights on a spec-393 node', () => {
  const node = useSpec393Node((n) => {
    n.answerCall('SubnetInfoRuntimeApi', 'get_subnet_hyperparams', '0x0500', { tempo: 360, commit_reveal_period: 2, commit_reveal_weights_enabled: true });
  });

  it('sends commit_timelocked_mechanism_weights with the reveal round for the subnet, signed by the hotkey', async (ctx) => {
    const n = node.get(ctx);
    const hot = devSigner('HotTL');
    const before = Math.floor(Date.now() / 1000);
    const r = await n.st.commitTimelockedWeights(hot, 5, [0, 3], [0.25, 0.75], { waitFor: 'none', versionKey: 7n, mechid: 1, commitRevealVersion: 4 });
    const after = Math.ceil(Date.now() / 1000);
    expect(r.status).toBe('none');
    const hex = n.submitted.at(-1)!;
    const x = decodeExtrinsic((await n.st.client.runtime()).registry, hex);
    expect(x.signer).toBe(ss58Encode(hot.publicKey));
    expect(`${x.pallet}.${x.call}`).toBe('SubtensorModule.commit_timelocked_mechanism_weights');
    const pjs = n.reg.createType('Extrinsic', hex);
    const args = pjs.method.toJSON().args as { netuid: number; mecid: number; commit: string; reveal_round: number; commit_reveal_version: number };
    expect([args.netuid, args.mecid, args.commit_reveal_version]).toEqual([5, 1, 4]);
    expect(args.reveal_round).toBe(r.revealRound);
    expect(fromHex(args.commit)).toEqual(r.commit);
    // the same formula at the same block, any moment of the call
    const block = await n.st.client.getBlockNumber(await n.st.client.getChainHead());
    const at = (now: number) => revealRound({ tempo: 360, currentBlock: block, netuid: 1 * 4096 + 5, subnetRevealPeriodEpochs: 2, now });
    expect(r.revealRound).toBeGreaterThanOrEqual(at(before));
    expect(r.revealRound).toBeLessThanOrEqual(at(after));
    expect(() => parseCiphertext(r.commit)).not.toThrow();
    // weights are normalised as for emission before they are encrypted
    expect(convertWeightsAndUidsForEmit([0, 3], [0.25, 0.75]).weights).toEqual([21845, 65535]);
  });

  it('bad weights are refused before anything is sent', async (ctx) => {
    const n = node.get(ctx);
    const sent = n.submitted.length;
    await expect(n.st.commitTimelockedWeights(devSigner('HotTL'), 5, [0, 1], [1], { waitFor: 'none' })).rejects.toThrow(/uids\/weights|length/);
    await expect(n.st.commitTimelockedWeights(devSigner('HotTL'), 5, [0], [NaN], { waitFor: 'none' })).rejects.toMatchObject({ argument: 'weights[0]' });
    await expect(n.st.commitTimelockedWeights(devSigner('HotTL'), 5, [0], [1], { versionKey: -1n })).rejects.toMatchObject({ argument: 'opts.versionKey' });
    expect(n.submitted.length).toBe(sent);
  });
});

describe.skipIf(!url)('commitTimelockedWeights on the local runtime (spec 218)', () => {
  let st: Subtensor;
  beforeAll(async () => {
    st = await Subtensor.connect(url);
  });
  afterAll(() => st?.close());

  it('is refused as not supported by this runtime, naming the call and the spec', async () => {
    const err = await st.commitTimelockedWeights(devSigner('HotTL'), 1, [0], [1]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedRuntimeError);
    expect((err as Error).message).toMatch(/commit_timelocked_mechanism_weights is not supported on this runtime \(spec 218\)/);
  });
});
