// Items newer than the local runtime (spec 218): PendingChildKeys, RevealedCommitments,
// LastBondsReset, TimelockedWeightCommits, AutoStakeDestination. polkadot.js encodes values with
// the finney spec-393 metadata; a local RPC server serves that metadata and those bytes (headers
// and hashes come from the recorded finney replay); our method must give the original values plus
// Python's conversion.
import { compactAddLength, stringToU8a, u8aToHex } from '@polkadot/util';
import { encodeAddress, randomAsU8a } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TypeRegistry } from '@polkadot/types';
import { spec393Node, type Spec393Node } from '../helpers/spec393-node.js';
import type { Subtensor } from '../../src/subtensor/index.js';

const U64_MAX = 2n ** 64n - 1n;
let skip = '';
let node: Spec393Node | undefined;
let st: Subtensor;
let reg: TypeRegistry;
let q: any;
let store: Map<string, string>;
let put: Spec393Node['put'];
let answerCall: Spec393Node['answerCall'];
const [hk, hk2, ck, kidA, kidB] = [0, 1, 2, 3, 4].map(() => encodeAddress(randomAsU8a(32), 42));
const netuid = 7;

beforeAll(async () => {
  const n = await spec393Node();
  if ('skip' in n) return void (skip = n.skip);
  node = n;
  ({ st, reg, q, store, put, answerCall } = n);
});
afterAll(() => node?.close());

describe('items newer than spec 218, encoded by polkadot.js with spec-393 metadata', () => {
  it('getChildrenPending: PendingChildKeys, proportion / (2^64 - 1) and the cooldown block', async (ctx) => {
    if (skip) return ctx.skip(skip);
    const kids: [bigint, string][] = [[U64_MAX / 4n, kidA], [U64_MAX, kidB]];
    put('subtensorModule', 'pendingChildKeys', [netuid, hk], [kids.map(([p, k]) => [p.toString(), k]), 12345]);
    const got = await st.getChildrenPending(hk, netuid);
    expect(got).toEqual({ children: kids.map(([p, hotkey]) => ({ proportion: Number(p) / Number(U64_MAX), proportionU64: p, hotkey })), cooldown: 12345n });
    expect(await st.getChildrenPending(hk2, netuid)).toEqual({ children: [], cooldown: 0n });
  });

  it('revealed commitments: RevealedCommitments, Python\'s offset past the compact length, UTF-8', async (ctx) => {
    if (skip) return ctx.skip(skip);
    const long = 'x'.repeat(70) + ' ✓'; // > 63 bytes: a 2-byte compact length
    const entries: [Uint8Array, number][] = [[compactAddLength(stringToU8a('hello')), 100], [compactAddLength(stringToU8a(long)), 200]];
    put('commitments', 'revealedCommitments', [netuid, hk], entries.map(([b, n]) => [u8aToHex(b), n]));
    put('commitments', 'revealedCommitments', [netuid, hk2], [[u8aToHex(compactAddLength(stringToU8a('two'))), 5]]);
    const mine = [{ block: 100n, text: 'hello' }, { block: 200n, text: long }];
    expect(await st.getRevealedCommitmentByHotkey(netuid, hk)).toEqual(mine);
    expect(await st.getRevealedCommitmentByHotkey(netuid, ck)).toBeNull();
    expect(await st.getAllRevealedCommitments(netuid)).toEqual({ [hk]: mine, [hk2]: [{ block: 5n, text: 'two' }] });
    put('subtensorModule', 'networksAdded', [netuid], true);
    put('subtensorModule', 'subnetworkN', [netuid], 2);
    put('subtensorModule', 'keys', [netuid, 1], hk);
    expect(await st.getRevealedCommitment(netuid, 1)).toEqual(mine);
    await expect(st.getRevealedCommitment(netuid, 2)).rejects.toMatchObject({ name: 'InvalidArgumentError', argument: 'uid' });
    await expect(st.getRevealedCommitment(netuid + 1, 0)).rejects.toMatchObject({ name: 'InvalidArgumentError', argument: 'netuid' });
  });

  it('getLastBondsReset / getLastCommitmentBondsResetBlock: Commitments.LastBondsReset of the (uid\'s) hotkey', async (ctx) => {
    if (skip) return ctx.skip(skip);
    put('subtensorModule', 'networksAdded', [netuid], true);
    put('subtensorModule', 'subnetworkN', [netuid], 2);
    put('subtensorModule', 'keys', [netuid, 1], hk);
    put('commitments', 'lastBondsReset', [netuid, hk], 4242);
    expect(await st.getLastBondsReset(netuid, hk)).toBe(4242);
    expect(await st.getLastBondsReset(netuid, hk2)).toBeNull();
    expect(await st.getLastCommitmentBondsResetBlock(netuid, 1)).toBe(4242);
    expect(await st.getLastCommitmentBondsResetBlock(netuid, 5)).toBeNull();
  });

  it('getTimelockedWeightCommits: the first epoch\'s commits, commit bytes as hex', async (ctx) => {
    if (skip) return ctx.skip(skip);
    const commit = randomAsU8a(40);
    put('subtensorModule', 'timelockedWeightCommits', [netuid, 9], [[hk, 1000, u8aToHex(commit), 777]]);
    put('subtensorModule', 'timelockedWeightCommits', [netuid, 10], [[hk2, 1100, '0x01', 778]]);
    const first = [...store.keys()].filter((k) => k.startsWith(u8aToHex(q.subtensorModule.timelockedWeightCommits.keyPrefix(netuid)))).sort()[0];
    const firstIsNine = store.get(first)!.includes(u8aToHex(commit).slice(2));
    const got = await st.getTimelockedWeightCommits(netuid);
    expect(got).toEqual(firstIsNine
      ? [{ hotkey: hk, commitBlock: 1000n, commit: u8aToHex(commit), revealRound: 777n }]
      : [{ hotkey: hk2, commitBlock: 1100n, commit: '0x01', revealRound: 778n }]);
    expect(await st.getTimelockedWeightCommits(netuid, 1)).toEqual([]);
  });

  it('getAutoStakes: AutoStakeDestination of the coldkey, hotkey by netuid', async (ctx) => {
    if (skip) return ctx.skip(skip);
    put('subtensorModule', 'autoStakeDestination', [ck, 3], hk);
    put('subtensorModule', 'autoStakeDestination', [ck, 11], hk2);
    expect(await st.getAutoStakes(ck)).toEqual({ 3: hk, 11: hk2 });
    expect(await st.getAutoStakes(hk)).toEqual({});
  });

  it('getCommitmentMetadata: the CommitmentOf entry as stored, null when none', async (ctx) => {
    if (skip) return ctx.skip(skip);
    put('commitments', 'commitmentOf', [netuid, hk], { deposit: 5, block: 99, info: { fields: [{ Raw4: '0x61626364' }] } });
    const got = await st.getCommitmentMetadata(netuid, hk);
    expect(got?.deposit).toBe(5n);
    expect(got?.block).toBe(99);
    expect(got?.info.fields[0]).toEqual({ type: 'Raw4', value: new Uint8Array([0x61, 0x62, 0x63, 0x64]) });
    expect(await st.getCommitment(netuid, 1)).toBe('abcd');
    expect(await st.getCommitmentMetadata(netuid, hk2)).toBeNull();
  });

  it('getStakeForColdkeyAndHotkey: get_stake_info_for_hotkey_coldkey_netuid per subnet, None as null', async (ctx) => {
    if (skip) return ctx.skip(skip);
    const pub = (a: string) => u8aToHex(reg.createType('AccountId32', a).toU8a()).slice(2);
    const raw = { hotkey: hk, coldkey: ck, netuid: 3, stake: 123_456_789n, locked: 1n, emission: 2n, tao_emission: 3n, drain: 4n, is_registered: true };
    answerCall('StakeInfoRuntimeApi', 'get_stake_info_for_hotkey_coldkey_netuid', pub(hk) + pub(ck) + '0300', { ...raw, stake: raw.stake.toString() });
    answerCall('StakeInfoRuntimeApi', 'get_stake_info_for_hotkey_coldkey_netuid', pub(hk) + pub(ck) + '0400', null);
    const got = await st.getStakeForColdkeyAndHotkey(ck, hk, [3, 4]);
    expect(Object.keys(got)).toEqual(['3', '4']);
    expect(got[4]).toBeNull();
    expect(got[3]).toMatchObject({ hotkey: hk, coldkey: ck, netuid: 3, isRegistered: true });
    expect([got[3]?.stake.rao, got[3]?.locked?.rao, got[3]?.emission?.rao, got[3]?.taoEmission?.rao, got[3]?.drain?.rao]).toEqual([123_456_789n, 1n, 2n, 3n, 4n]);
    expect([got[3]?.stake.netuid, got[3]?.taoEmission?.netuid]).toEqual([3, 0]);
  });

  it('getDelegateByHotkey: get_delegate answering None is null', async (ctx) => {
    if (skip) return ctx.skip(skip);
    answerCall('DelegateInfoRuntimeApi', 'get_delegate', u8aToHex(reg.createType('AccountId32', hk2).toU8a()), null);
    expect(await st.getDelegateByHotkey(hk2)).toBeNull();
  });
});
