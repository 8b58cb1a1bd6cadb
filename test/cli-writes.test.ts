// The write commands of the CLI against the local chain, with a real bittensor wallet in a temp
// directory (weak argon2i cost passed in code), the coldkey password from bittensor's BT_PW_…
// variable and the confirmation injected: the fee is shown, a "no" sends nothing, --yes sends, and
// the effect is read back from chain state.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeMain } from '../src/cli-writes.js';
import { uidWeights, writeCommand } from '../src/cli-write-commands.js';
import { obfuscatePassword } from '../src/keys/index.js';
import { createWallet } from '../src/keys/node/index.js';
import { Subtensor } from '../src/subtensor/index.js';

const url = inject('chainUrl');
const KDF = { t: 3, mKiB: 64 };

describe('write command lines are checked before a wallet is opened', () => {
  it('amounts, netuids, uid:weight lists and salts', () => {
    expect(uidWeights('0:0.5,3:1')).toEqual({ uids: [0, 3], weights: [0.5, 1] });
    for (const bad of ['', '0', '0:-1', 'x:1', '0:NaN', '70000:1']) expect(() => uidWeights(bad)).toThrow(/weight|uid/);
    expect(() => writeCommand(['stake', 'add', 'hk', '1.5', '1'], { all: false })).toThrow(/netuid/);
    expect(() => writeCommand(['stake', 'add', 'hk', '1', 'abc'], { all: false })).toThrow(/TAO|tao/);
    expect(() => writeCommand(['weights', 'commit', '1', '0:1'], { all: false })).toThrow(/--salt/);
    expect(() => writeCommand(['transfer'], { all: false })).toThrow(/dest/);
    expect(() => writeCommand(['axon', 'serve', '1', '1.2.3.4', '99999'], { all: false })).toThrow(/port/);
    expect(writeCommand(['weights', 'set', '1', '0:1'], { all: false }).key).toBe('hotkey');
    expect(writeCommand(['stake', 'move', 'a', '1', 'b', '2', '0.5'], { all: false }).key).toBe('coldkey');
  });
});

describe.skipIf(!url)('write commands on the local chain', () => {
  let st: Subtensor;
  let dir: string;
  let coldkey: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    st = await Subtensor.connect(url);
    dir = await mkdtemp(join(tmpdir(), 'sl-cli-writes-'));
    const r = await createWallet({ path: dir, name: 'w', hotkey: 'h', password: 'pw', kdfParams: KDF });
    coldkey = r.wallet.coldkeypub;
    env = { BT_WALLET_PATH: dir, BT_WALLET_NAME: 'w', BT_WALLET_HOTKEY: 'h', [r.wallet.passwordEnvVar]: obfuscatePassword('pw', r.wallet.passwordEnvVar) };
    await st.client.rpc.request('dev_setStorage', [{ System: { Account: [[[coldkey], { providers: 1, data: { free: (100n * 10n ** 9n).toString() } }]] } }]);
  });
  afterAll(async () => {
    await st?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const sink = (x: { out: string[]; err: string[] }) => ({ outFn: (l: string) => void x.out.push(l), errFn: (l: string) => void x.err.push(l) });

  it('transfer: the fee is shown and a "no" sends nothing; --yes sends and the balance moves', async () => {
    const dest = '5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy';
    const before = (await st.getBalance(dest)).rao;
    const lines = { out: [] as string[], err: [] as string[] };
    const s = sink(lines);
    const base = { env, subtensor: st, walletOptions: { kdfParams: KDF }, out: s.outFn, err: s.errFn, readPassword: () => Promise.reject(new Error('no prompt expected')) };
    let asked = 0;
    const no = await writeMain(['transfer', dest, '1.5'], { ...base, confirm: async () => (asked++, false) });
    expect(no).toBe(1);
    expect(asked).toBe(1);
    expect(lines.err.join('\n')).toMatch(/transfer 1\.5 to 5DAA[\s\S]*fee: τ0\.\d{9} \(signed by the coldkey 5/);
    expect(lines.err.at(-1)).toBe('not sent');
    expect((await st.getBalance(dest)).rao).toBe(before);
    const yes = await writeMain(['transfer', dest, '1.5', '--yes', '--json'], { ...base, confirm: async () => (asked++, false) });
    expect(yes).toBe(0);
    expect(asked).toBe(1); // --yes: no prompt
    const receipt = JSON.parse(lines.out.at(-1)!);
    expect(receipt.success).toBe(true);
    expect(receipt.events).toContain('Balances.Transfer');
    expect((await st.getBalance(dest)).rao - before).toBe(1_500_000_000n);
    // more than the coldkey holds: refused before signing, nothing sent
    await expect(writeMain(['transfer', dest, '1000', '--yes'], { ...base, confirm: async () => true })).rejects.toMatchObject({ name: 'PreconditionError', check: 'balance' });
  });

  it('stake add on root with --yes: the stake is read back; stake <coldkey> stays the read command', async () => {
    const lines = { out: [] as string[], err: [] as string[] };
    const s = sink(lines);
    const [{ hotkey }] = await st.neuronsLite(1);
    const before = (await st.getStake(coldkey, hotkey, 0)).rao;
    const code = await writeMain(['stake', 'add', hotkey, '0', '2', '--yes'], {
      env, subtensor: st, walletOptions: { kdfParams: KDF }, out: s.outFn, err: s.errFn, readPassword: () => Promise.reject(new Error('no prompt expected')), confirm: async () => false,
    });
    expect(code, lines.out.join('\n')).toBe(0);
    expect(lines.err.join('\n')).toMatch(/addStake 2 on 5\w+ in subnet 0\nfee: τ/);
    expect(lines.out.at(-1)).toMatch(/^ok: block \d+/);
    const staked = (await st.getStake(coldkey, hotkey, 0)).rao - before;
    expect(staked > 1_999_000_000n && staked <= 2_000_000_000n).toBe(true);
    const { isWriteCommand } = await import('../src/cli-writes.js');
    expect([isWriteCommand(['stake', coldkey]), isWriteCommand(['stake', 'add']), isWriteCommand(['weights', 'set'])]).toEqual([false, true, true]);
  });

  it('axon serve and weights set sign with the hotkey: an unregistered one fails on chain (named) or before signing (Python\'s check)', async () => {
    const lines = { out: [] as string[], err: [] as string[] };
    const s = sink(lines);
    const base = { env, subtensor: st, walletOptions: { kdfParams: KDF }, out: s.outFn, err: s.errFn, readPassword: () => Promise.reject(new Error('the hotkey needs no password')), confirm: async () => true };
    // the hotkey pays its own fee: fund it
    const { openWallet } = await import('../src/keys/node/index.js');
    const hot = await (await openWallet({ path: dir, name: 'w', hotkey: 'h', kdfParams: KDF })).hotkey();
    await st.client.rpc.request('dev_setStorage', [{ System: { Account: [[[hot.address], { providers: 1, data: { free: (10n ** 9n).toString() } }]] } }]);
    const code = await writeMain(['axon', 'serve', '1', '1.2.3.4', '8091', '--yes'], base);
    expect(code).toBe(1);
    expect(lines.err.join('\n')).toContain(`signed by the hotkey ${hot.address}`);
    expect(lines.out.at(-1)).toMatch(/^failed: block \d+ .*SubtensorModule\.HotKeyNotRegisteredInNetwork/);
    await expect(writeMain(['weights', 'set', '1', '0:1', '--yes'], base)).rejects.toMatchObject({ name: 'PreconditionError', check: 'registration' });
  });
});
