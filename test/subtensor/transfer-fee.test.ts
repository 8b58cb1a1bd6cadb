// get_transfer_fee on the local chain (raonet spec 218): our partial fee equals polkadot.js's
// paymentInfo of the same Balances call from the same account (both sign with a fake signature).
import type { ApiPromise } from '@polkadot/api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Subtensor, balance } from '../../src/subtensor/index.js';

const url = inject('chainUrl');
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';

describe.skipIf(!url)('getTransferFee against polkadot.js paymentInfo', () => {
  let st: Subtensor;
  let api: ApiPromise;
  beforeAll(async () => {
    const { ApiPromise, WsProvider } = await import('@polkadot/api');
    api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, throwOnConnect: true });
    st = await Subtensor.connect(url);
  });
  afterAll(async () => {
    await st?.close();
    await api?.disconnect();
  });

  it('keep-alive, allow-death and transfer_all: the partial fee of query_info', async () => {
    const amount = 1_234_567_890n;
    const cases = [
      [api.tx.balances.transferKeepAlive(BOB, amount), () => st.getTransferFee(ALICE, BOB, amount)],
      [api.tx.balances.transferAllowDeath(BOB, amount), () => st.getTransferFee(ALICE, BOB, balance(amount), false)],
      [api.tx.balances.transferAll(BOB, true), () => st.getTransferFee(ALICE, BOB, null, true)],
    ] as const;
    for (const [tx, ours] of cases) {
      const info = await tx.paymentInfo(ALICE);
      const fee = await ours();
      expect(fee.rao).toBe(BigInt(info.partialFee.toString()));
      expect(fee.rao).toBeGreaterThan(0n);
      expect(fee.netuid).toBe(0);
    }
  });
});
