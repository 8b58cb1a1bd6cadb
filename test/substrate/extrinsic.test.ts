// The extrinsic layer on the real local runtime (raonet spec 218, chopsticks, a block per
// extrinsic): reserved nonces under 50 concurrent transfers, the resync after a rejection, default
// mortality, era expiry, fees from the call alone, receipts, retrieveExtrinsic, Utility batches and
// the tx(client, …) short path. Each test signs with fresh keys funded by dev_setStorage, so the
// other test files signing at the same time never share a nonce with these.
import { randomBytes } from 'node:crypto';
import type { ApiPromise } from '@polkadot/api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ExtrinsicError, SubstrateClient, batchCall, composeCall, createSignedExtrinsic, decodeExtrinsic, getAccountNonce, getPaymentInfo,
  retrieveExtrinsic, sr25519Signer, submitExtrinsic, tx, type Signer,
} from '../../src/substrate/index.js';
import { ss58Encode } from '../../src/scale/index.js';

const url = inject('chainUrl');
const TAO = 10n ** 9n;

describe.skipIf(!url)('extrinsics on the local chain', () => {
  let client: SubstrateClient;
  let api: ApiPromise;
  beforeAll(async () => {
    client = await SubstrateClient.connect(url);
    const { ApiPromise, WsProvider } = await import('@polkadot/api');
    api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
  });
  afterAll(async () => {
    await client?.close();
    await api?.disconnect();
  });

  /** A fresh sr25519 key holding `tao` TAO. */
  async function funded(tao = 1000n): Promise<Signer & { address: string }> {
    const s = sr25519Signer(new Uint8Array(randomBytes(32)));
    const address = ss58Encode(s.publicKey);
    await client.rpc.request('dev_setStorage', [{ System: { Account: [[[address], { providers: 1, data: { free: (tao * TAO).toString() } }]] } }]);
    return Object.assign(s, { address });
  }
  const transfer = async (to: string, amount: bigint) => composeCall((await client.runtime()).registry, 'Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: to }, value: amount });
  const free = async (a: string) => ((await client.query('System', 'Account', [a])) as { data: { free: bigint } }).data.free;

  it('50 concurrent transfers from one signer land with consecutive nonces', async () => {
    const from = await funded();
    const to = (await funded(1n)).address;
    const start = await getAccountNonce(client, from.address);
    const call = await transfer(to, TAO);
    const receipts = await Promise.all(Array.from({ length: 50 }, async () => submitExtrinsic(client, await createSignedExtrinsic(client, call, from))));
    expect(receipts.every((r) => r.success)).toBe(true);
    const nonces = await Promise.all(receipts.map(async (r) => {
      const got = await retrieveExtrinsic(client, r.blockHash!, r.extrinsicIndex!);
      expect(got.extrinsicHash).toBe(r.extrinsicHash);
      return Number((got.extrinsic.extensions as { CheckNonce: number | bigint }).CheckNonce);
    }));
    expect(nonces.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => start + i));
    expect(await getAccountNonce(client, from.address)).toBe(start + 50);
    expect(await free(to)).toBe(51n * TAO);
  }, 240_000); // chopsticks builds one block per transfer

  it('a rejected nonce makes the signer resync: the next submission succeeds', async () => {
    const from = await funded();
    const to = (await funded(1n)).address;
    const call = await transfer(to, TAO);
    expect((await submitExtrinsic(client, await createSignedExtrinsic(client, call, from))).success).toBe(true);
    const stale = await createSignedExtrinsic(client, call, from, { nonce: 0 }); // already used
    const err = await submitExtrinsic(client, stale).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExtrinsicError);
    expect((err as ExtrinsicError).status).toBe('invalid');
    expect((err as Error).message).toMatch(/outdated|stale/i);
    // a reservation handed out and never sent (the signer throws) is given back, not skipped
    const failing: Signer = { ...from, sign: () => Promise.reject(new Error('device unplugged')) };
    await expect(createSignedExtrinsic(client, call, failing)).rejects.toThrow('device unplugged');
    const next = await submitExtrinsic(client, await createSignedExtrinsic(client, call, from));
    expect(next.success).toBe(true);
    expect(Number((await retrieveExtrinsic(client, next.blockHash!, next.extrinsicHash)).extrinsic.extensions!.CheckNonce)).toBe(1);
  });

  it('mortal for 128 blocks by default, anchored on the finalized head; immortal on request', async () => {
    const from = await funded();
    const rt = await client.runtime();
    const call = await transfer((await funded(1n)).address, TAO);
    const era = (hex: string) => decodeExtrinsic(rt.registry, hex).extensions!.CheckMortality as { type: string; value?: number } | string;
    const mortal = era(await createSignedExtrinsic(client, call, from, { nonce: 0 }));
    const fin = await client.getBlockHeader({ blockHash: await client.getChainFinalisedHead() });
    expect(typeof mortal).toBe('object');
    const encoded = Number((mortal as { type: string }).type.slice('Mortal'.length)) | ((mortal as { value: number }).value << 8);
    expect(2 ** ((encoded & 0xf) + 1)).toBe(128);
    // anchored on a finalized block of the last moments (the anchor is shared for 2 s): at most a few blocks back
    expect((fin.number - (encoded >> 4) + 128) % 128).toBeLessThan(16);
    expect(era(await createSignedExtrinsic(client, call, from, { nonce: 0, era: 0 }))).toEqual({ type: "Immortal" });
    // polkadot.js reads the same era from the same bytes
    const pjs = api.createType('Extrinsic', await createSignedExtrinsic(client, call, from, { nonce: 0, era: 32 }));
    expect(pjs.era.asMortalEra.period.toNumber()).toBe(32);
  });

  it('a transaction not included before its era ends rejects as era-expired', async () => {
    const from = await funded();
    const call = await transfer((await funded(1n)).address, TAO);
    // a future nonce keeps it out of blocks; a 4-block era then runs out under dev_newBlock
    const hex = await createSignedExtrinsic(client, call, from, { nonce: 5, era: 4 });
    const pending = submitExtrinsic(client, hex).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 300));
    await client.rpc.request('dev_newBlock', [{ count: 6 }]);
    const err = await pending;
    expect(err).toBeInstanceOf(ExtrinsicError);
    expect(['era-expired', 'invalid', 'dropped']).toContain((err as ExtrinsicError).status);
  });

  it('fee from the call alone equals the fee of the signed extrinsic and polkadot.js paymentInfo', async () => {
    const from = await funded();
    const to = (await funded(1n)).address;
    const call = await transfer(to, 3n * TAO);
    const fromCall = await getPaymentInfo(client, call, from.address);
    const signed = await getPaymentInfo(client, await createSignedExtrinsic(client, call, from, { nonce: 0 }));
    expect(fromCall.partialFee).toBe(signed.partialFee);
    expect(fromCall.weight.refTime).toBeGreaterThan(0n);
    expect(fromCall.class).toBe('Normal');
    const pjs = await api.tx.balances.transferKeepAlive(to, 3n * TAO).paymentInfo(from.address);
    expect(fromCall.partialFee).toBe(pjs.partialFee.toBigInt());
    expect(fromCall.weight.refTime).toBe(pjs.weight.refTime.toBigInt());
    // nothing reserved: the first real signature still uses the on-chain nonce
    const r = await submitExtrinsic(client, await createSignedExtrinsic(client, call, from));
    expect(Number((await retrieveExtrinsic(client, r.blockHash!, r.extrinsicIndex!)).extrinsic.extensions!.CheckNonce)).toBe(0);
    // the receipt: block number, weight, fee = what left the account besides the amount
    expect(r.blockNumber).toBe(await client.getBlockNumber(r.blockHash!));
    expect(r.weight!.refTime).toBeGreaterThan(0n);
    expect(await free(from.address)).toBe(1000n * TAO - 3n * TAO - r.fee!);
    await expect(getPaymentInfo(client, call, "not-an-address")).rejects.toThrow(/invalid address "not-an-address"/);
  });

  it('batch_all of two transfers: one extrinsic, both land, bytes equal polkadot.js', async () => {
    const from = await funded();
    const [a, b] = [(await funded(1n)).address, (await funded(1n)).address];
    const rt = await client.runtime();
    const batch = batchCall(rt.registry, [await transfer(a, 2n * TAO), await transfer(b, 5n * TAO)], 'batch_all');
    const pjs = api.tx.utility.batchAll([api.tx.balances.transferKeepAlive(a, 2n * TAO), api.tx.balances.transferKeepAlive(b, 5n * TAO)]);
    expect(Buffer.from(batch.bytes).toString('hex')).toBe(pjs.method.toHex().slice(2));
    const r = await submitExtrinsic(client, await createSignedExtrinsic(client, batch, from));
    expect(r.success).toBe(true);
    expect(r.events.some((e) => e.pallet === 'Utility' && e.name === 'BatchCompleted')).toBe(true);
    expect([await free(a), await free(b)]).toEqual([3n * TAO, 6n * TAO]);
    // batch (not _all) with a failing call: BatchInterrupted, the first call still done
    const broke = batchCall(rt.registry, [await transfer(a, TAO), await transfer(b, 10_000n * TAO)], 'batch');
    const r2 = await submitExtrinsic(client, await createSignedExtrinsic(client, broke, from));
    expect(r2.events.some((e) => e.pallet === 'Utility' && e.name === 'BatchInterrupted')).toBe(true);
    expect(await free(a)).toBe(4n * TAO);
  });

  it('tx(client, …): paymentInfo, offline sign, signAndSubmit', async () => {
    const from = await funded();
    const to = (await funded(1n)).address;
    const t = tx(client, 'Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: to }, value: 4n * TAO });
    const fee = await t.paymentInfo(from.address);
    const hex = await t.sign(from, { nonce: 0 });
    expect(decodeExtrinsic((await client.runtime()).registry, hex)).toMatchObject({ pallet: 'Balances', call: 'transfer_keep_alive', signer: from.address });
    const r = await t.signAndSubmit(from, { nonce: 0 });
    expect(r.success).toBe(true);
    expect(r.fee).toBe(fee.partialFee);
    expect(await free(to)).toBe(5n * TAO);
    const failed = await tx(client, 'Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: to }, value: 10_000n * TAO }).signAndSubmit(from);
    expect(failed.success).toBe(false);
    expect(failed.dispatchError).toMatchObject({ type: expect.any(String) });
    expect(() => tx(client, 'Balances', '', {})).toThrow(/name/);
  });
});
