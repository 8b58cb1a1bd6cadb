// Real transfers on the local Subtensor chain signed by keys from the keys layer: a mnemonic
// (sr25519, ed25519 and ecdsa), a wallet hotkey and an encrypted wallet coldkey. Each key is
// funded by //Bob first, then sends to //Dave; the receipt succeeds and balances move by the amount.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateMnemonic, keypairFromMnemonic, type Keypair } from '../../src/keys/index.js';
import { createWallet, openWallet } from '../../src/keys/node/index.js';
import { devSigner } from '../../src/substrate/index.js';
import { Subtensor, fromTao } from '../../src/subtensor/index.js';

const url = inject('chainUrl');
const WEAK = { t: 3, mKiB: 64 }; // the coldkey format at low cost; SENSITIVE is covered in nacl-interop

describe.skipIf(!url)('signing real transfers with keys', () => {
  let st: Subtensor;
  let dir: string;
  beforeAll(async () => {
    st = await Subtensor.connect(url);
    dir = await mkdtemp(join(tmpdir(), 'sl-chain-wallet-'));
  });
  afterAll(async () => {
    await st?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function fundThenSend(kp: Keypair): Promise<void> {
    const funder = devSigner('Bob');
    const dave = devSigner('Dave').address;
    const fund = await st.transfer(funder, kp.address, fromTao('10'));
    expect(fund.success).toBe(true);
    expect((await st.getBalance(kp.address)).rao).toBe(10_000_000_000n);
    const before = (await st.getBalance(dave)).rao;
    const r = await st.transfer(kp, dave, fromTao('1.25'));
    expect(r.success, JSON.stringify(r.dispatchError)).toBe(true);
    expect((await st.getBalance(dave)).rao - before).toBe(1_250_000_000n);
    const left = (await st.getBalance(kp.address)).rao;
    expect(left).toBe(10_000_000_000n - 1_250_000_000n - r.fee!);
  }

  for (const type of ['sr25519', 'ed25519', 'ecdsa'] as const) {
    it(`a ${type} key from a fresh mnemonic`, async () => {
      await fundThenSend(keypairFromMnemonic(generateMnemonic(), { type }));
    });
  }

  it('a wallet hotkey and an encrypted wallet coldkey', async () => {
    await createWallet({ path: dir, name: 'chain', hotkey: 'h', password: 'pw', kdfParams: WEAK });
    const w = await openWallet({ path: dir, name: 'chain', hotkey: 'h', kdfParams: WEAK });
    await fundThenSend(await w.hotkey());
    const cold = await w.coldkey('pw');
    expect(cold.address).toBe(w.coldkeypub);
    await fundThenSend(cold);
  });
});
