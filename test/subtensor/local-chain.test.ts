// The Subtensor layer against the real local runtime (raonet spec 218: 2 subnets, 1 neuron on
// subnet 1, old runtime APIs with legacy Vec<u8> results).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Subtensor, UnsupportedRuntimeError, balance, fromTao, formatBalance } from '../../src/subtensor/index.js';
import { devSigner, InvalidArgumentError } from '../../src/substrate/index.js';
import { InvalidAddressError } from '../../src/scale/index.js';

const url = inject('chainUrl');
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

describe.skipIf(!url)('Subtensor on the local chain', () => {
  let st: Subtensor;
  beforeAll(async () => {
    st = await Subtensor.connect(url);
  });
  afterAll(() => st?.close());

  it('subnets, neurons and hyperparameters through the legacy runtime-API layouts', async () => {
    expect(await st.getTotalSubnets()).toBe(2);
    expect(await st.getAllSubnetsNetuid()).toEqual([0, 1]);
    expect(await st.subnetExists(1)).toBe(true);
    expect(await st.subnetExists(7)).toBe(false);
    const neurons = await st.neuronsLite(1);
    expect(neurons.map((n) => [n.uid, n.netuid])).toEqual([[0, 1]]);
    expect(neurons[0].hotkey).toMatch(/^5[1-9A-HJ-NP-Za-km-z]{47}$/);
    const full = await st.neuronForUid(0, 1);
    expect(full?.hotkey).toBe(neurons[0].hotkey);
    expect(Array.isArray(full?.weights)).toBe(true);
    expect(await st.neuronForUid(5, 1)).toBeNull();
    const hp = await st.getSubnetHyperparameters(1);
    expect(hp?.tempo).toBe(await st.getHyperparameter('Tempo', 1));
    expect(await st.getSubnetHyperparameters(9)).toBeNull();
  });

  it('balances, existential deposit, stake and delegates', async () => {
    const b = await st.getBalance(ALICE);
    expect(b.rao).toBeGreaterThan(0n);
    expect(formatBalance(b)).toMatch(/^τ\d+\.\d{9}$/);
    expect((await st.getExistentialDeposit()).rao).toBe(await st.client.getConstant('Balances', 'ExistentialDeposit'));
    const n = (await st.neuronsLite(1))[0];
    const stake = await st.getStake(n.coldkey, n.hotkey, 1);
    expect(stake.rao).toBeGreaterThan(0n);
    expect(stake.netuid).toBe(1);
    const onHotkey = await st.getStakeForHotkey(n.hotkey, 1);
    expect(onHotkey.rao).toBe(await st.client.query('SubtensorModule', 'TotalHotkeyAlpha', [n.hotkey, 1]));
    expect(onHotkey.rao).toBeGreaterThan(0n);
    expect(Array.isArray(await st.getDelegates())).toBe(true);
    const infos = await st.getStakeInfoForColdkey(n.coldkey);
    const onSubnet1 = infos.find((x) => x.netuid === 1);
    expect(onSubnet1?.stake.rao).toBe(stake.rao);
    expect(onSubnet1?.isRegistered).toBe(true);
    expect(Object.keys(await st.getStakeInfoForColdkeys([n.coldkey]))).toEqual([n.coldkey]);
    await expect(st.getBalance('not-an-address')).rejects.toThrow(InvalidAddressError);
    await expect(st.getMetagraphInfo(1)).rejects.toThrow(UnsupportedRuntimeError); // spec 218 has no get_metagraph: a typed "not on this runtime"
  });

  it('block selection: block and blockHash must agree, reuseBlock pins, at() views', async () => {
    const head = await st.getBlockHash();
    const number = await st.client.getBlockNumber(head);
    expect(await st.getTotalSubnets({ block: number })).toBe(2);
    await expect(st.getTotalSubnets({ block: number, reuseBlock: true })).rejects.toThrow(InvalidArgumentError);
    await expect(st.getTotalSubnets({ block: 0, blockHash: head })).rejects.toThrow(/not the given blockHash/);
    expect(await st.getTotalSubnets({ block: number, blockHash: head })).toBe(2);
    expect(await st.getBlockHash(number)).toBe(head);
    const view = st.at(head);
    expect(await view.getBalance(ALICE)).toEqual(await st.getBalance(ALICE, { blockHash: head }));
    expect(() => st.at('0x1234')).toThrow(InvalidArgumentError);
    await expect(view.getTotalSubnets({ block: 1 })).rejects.toThrow(/pinned/);
    await st.getTotalSubnets({ blockHash: head });
    expect(await st.resolveBlock({ reuseBlock: true })).toBe(head);
  });

  it('transfer moves exactly the amount; Balance parsing is exact', async () => {
    const alice = devSigner('Alice');
    const dave = devSigner('Dave');
    const before = await st.getBalance(dave.address);
    const amount = fromTao('2.5');
    expect(amount.rao).toBe(2_500_000_000n);
    expect(balance(123n, 3).unit).toBe('γ');
    const r = await st.transfer(alice, dave.address, amount);
    expect(r.success).toBe(true);
    expect((await st.getBalance(dave.address)).rao - before.rao).toBe(2_500_000_000n);
    await expect(st.transfer(alice, dave.address, 0n)).rejects.toThrow(InvalidArgumentError);
  });
});
