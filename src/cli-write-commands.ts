// The write commands' arguments → a Subtensor write. Each parses and checks its positionals here
// (numbers, amounts in TAO, uid:weight lists), so a typo fails before a wallet is even opened.
import { SubstrateLiteError } from './errors.js';
import type { ExtrinsicReceipt, Signer } from './substrate/index.js';
import { fromTao, type Subtensor } from './subtensor/index.js';
import type { WriteOptions } from './subtensor/write.js';

export interface WriteContext {
  /** The wallet's hotkey and coldkey addresses. */
  hotkey: string;
  coldkey: string;
}

export interface WriteCommand {
  /** Which of the wallet's keys signs. */
  key: 'coldkey' | 'hotkey';
  /** One line saying what will be sent. */
  describe: string;
  /** The receipt, or null when there was nothing to do (already registered, axon unchanged). */
  run(st: Subtensor, signer: Signer, ctx: WriteContext, opts: WriteOptions): Promise<ExtrinsicReceipt | null>;
}

export const WRITE_COMMANDS = new Set(['transfer', 'stake', 'weights', 'register', 'axon']);

type Method = (...a: unknown[]) => Promise<ExtrinsicReceipt | null>;
const call = (st: Subtensor, name: string): Method => {
  const m = (st as unknown as Record<string, Method | undefined>)[name];
  if (typeof m !== 'function') throw new SubstrateLiteError(`this build has no Subtensor.${name}`);
  return m.bind(st);
};

function int(v: string | undefined, what: string, max = 65535): number {
  const n = Number(v);
  if (v === undefined || !/^\d+$/.test(v) || n > max) throw new SubstrateLiteError(`${what}: expected an integer 0..${max}, got ${JSON.stringify(v ?? '')}`);
  return n;
}

function tao(v: string | undefined, what: string) {
  if (v === undefined) throw new SubstrateLiteError(`${what}: expected an amount in TAO`);
  return fromTao(v);
}

/** `0:0.5,3:0.5` → uids and weights. */
export function uidWeights(v: string | undefined): { uids: number[]; weights: number[] } {
  if (!v) throw new SubstrateLiteError('weights: expected uid:weight pairs like 0:0.5,3:0.5');
  const pairs = v.split(',').map((p) => p.split(':'));
  const uids: number[] = [];
  const weights: number[] = [];
  for (const p of pairs) {
    const w = Number(p[1]);
    if (p.length !== 2 || !Number.isFinite(w) || w < 0) throw new SubstrateLiteError(`weights: ${JSON.stringify(p.join(':'))} is not uid:weight with a weight ≥ 0`);
    uids.push(int(p[0], 'uid'));
    weights.push(w);
  }
  return { uids, weights };
}

function salt(v: string | undefined): number[] {
  if (!v) throw new SubstrateLiteError('--salt: expected comma-separated u16 numbers (keep them: the reveal needs the same salt)');
  return v.split(',').map((x) => int(x, 'salt'));
}

function stake(sub: string | undefined, a: string[]): WriteCommand {
  if (sub === 'add' || sub === 'remove') {
    const [hotkey, netuid, amount] = [a[0], int(a[1], 'netuid'), tao(a[2], 'amount')];
    if (!hotkey) throw new SubstrateLiteError(`stake ${sub} needs <hotkey> <netuid> <tao>`);
    const method = sub === 'add' ? 'addStake' : 'unstake';
    return { key: 'coldkey', describe: `${method} ${a[2]} on ${hotkey} in subnet ${netuid}`, run: (st, s, _c, o) => call(st, method)(s, netuid, hotkey, amount, o) };
  }
  if (sub === 'move') {
    const [fromHotkey, fromNetuid, toHotkey, toNetuid, amount] = [a[0], int(a[1], 'from-netuid'), a[2], int(a[3], 'to-netuid'), tao(a[4], 'amount')];
    if (!fromHotkey || !toHotkey) throw new SubstrateLiteError('stake move needs <from-hotkey> <from-netuid> <to-hotkey> <to-netuid> <tao>');
    return {
      key: 'coldkey', describe: `moveStake ${a[4]} from ${fromHotkey}@${fromNetuid} to ${toHotkey}@${toNetuid}`,
      run: (st, s, _c, o) => call(st, 'moveStake')(s, fromNetuid, fromHotkey, toNetuid, toHotkey, amount, o),
    };
  }
  throw new SubstrateLiteError('stake needs add, remove or move');
}

function weights(sub: string | undefined, a: string[], saltText: string | undefined): WriteCommand {
  const netuid = int(a[0], 'netuid');
  const { uids, weights: w } = uidWeights(a[1]);
  const what = `${uids.length} weight(s) on subnet ${netuid}`;
  if (sub === 'set') return { key: 'hotkey', describe: `setWeights ${what}`, run: (st, s, _c, o) => call(st, 'setWeights')(s, netuid, uids, w, o) };
  if (sub === 'commit') {
    const sl = salt(saltText);
    return { key: 'hotkey', describe: `commitWeights ${what}`, run: (st, s, _c, o) => call(st, 'commitWeights')(s, netuid, sl, uids, w, o) };
  }
  if (sub === 'reveal') {
    const sl = salt(saltText);
    return { key: 'hotkey', describe: `revealWeights ${what}`, run: (st, s, _c, o) => call(st, 'revealWeights')(s, netuid, uids, w, sl, o) };
  }
  throw new SubstrateLiteError('weights needs set, commit or reveal');
}

/** Parse a write command line (positionals after the options are taken out). */
export function writeCommand(positionals: string[], flags: { all: boolean; salt?: string }): WriteCommand {
  const [cmd, ...a] = positionals;
  switch (cmd) {
    case 'transfer': {
      const dest = a[0];
      if (!dest) throw new SubstrateLiteError('transfer needs <dest> <tao> (or <dest> --all)');
      const amount = flags.all ? null : tao(a[1], 'amount');
      return {
        key: 'coldkey', describe: `transfer ${flags.all ? 'everything' : a[1]} to ${dest}`,
        run: (st, s, _c, o) => st.transfer(s, dest, amount, { ...o, transferAll: flags.all }),
      };
    }
    case 'stake':
      return stake(a[0], a.slice(1));
    case 'weights':
      return weights(a[0], a.slice(1), flags.salt);
    case 'register': {
      const netuid = int(a[0], 'netuid');
      return { key: 'coldkey', describe: `burnedRegister the wallet's hotkey on subnet ${netuid}`, run: (st, s, c, o) => call(st, 'burnedRegister')(s, netuid, c.hotkey, o) };
    }
    case 'axon': {
      if (a[0] !== 'serve') throw new SubstrateLiteError('axon needs serve <netuid> <ip> <port>');
      const [netuid, ip, port] = [int(a[1], 'netuid'), a[2], int(a[3], 'port')];
      if (!ip) throw new SubstrateLiteError('axon serve needs <netuid> <ip> <port>');
      return { key: 'hotkey', describe: `serveAxon ${ip}:${port} on subnet ${netuid}`, run: (st, s, _c, o) => call(st, 'serveAxon')(s, netuid, { ip, port }, undefined, o) };
    }
    default:
      throw new SubstrateLiteError(`unknown write command ${JSON.stringify(cmd ?? '')}`);
  }
}
