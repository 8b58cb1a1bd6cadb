// Bad-argument rows of src/subtensor/proxy-writes.ts, spread into bad-arguments.test.ts. Proxy type
// names are checked here for shape only; whether the runtime has one needs its metadata
// (UnknownProxyTypeError, test/subtensor/proxy-writes.test.ts).
import { ALICE, HASH, addresses, type Bad, type Entry } from '../helpers/bad-arguments.js';
import { signer } from '../helpers/subtensor-args.js';

const signers = (i: number): Bad[] => [[i, null, 'signer'], [i, {}, 'signer'], [i, { ...signer(), publicKey: new Uint8Array(33) }, 'signer']];
const writeOpts = (i: number): Bad[] => [
  [i, 5, 'opts'], [i, 'x', 'opts'], [i, { waitFor: 'soon' }, 'opts.waitFor'], [i, { period: -1 }, 'opts.period'], [i, { nonce: 1.5 }, 'opts.nonce'],
  [i, { tip: 5 }, 'opts.tip'], [i, { dryRun: 'yes' }, 'opts.dryRun'], [i, { raiseError: 1 }, 'opts.raiseError'], [i, { signal: {} }, 'opts.signal'],
];
const ints = (i: number, name: string, max: number): Bad[] => [-1, 1.5, NaN, max + 1, '1', 1n, null, undefined].map((v): Bad => [i, v, name]);
const types = (i: number, name = 'proxyType', optional = false): Bad[] =>
  ['', 5, {}, ['Any'], true, ...(optional ? [] : [null, undefined])].map((v): Bad => [i, v, name]);
const hashes = (i: number): Bad[] =>
  ['0x1234', `0x${'g'.repeat(64)}`, `0x${'a'.repeat(63)}`, '', 12, {}, [HASH], new Uint8Array(31), null].map((v): Bad => [i, v, 'callHash']);
const calls = (i: number): Bad[] => [[i, null, 'call'], [i, 'x', 'call'], [i, [], 'call'], [i, { pallet: 'Balances', bytes: '0x0500' }, 'call.bytes']];
const CALL = { pallet: 'System', name: 'remark', args: { remark: '0x' }, bytes: new Uint8Array([0, 0, 0]) };
const U32 = 2 ** 32 - 1;

export const proxyWritesRows = (): Record<string, Entry> => ({
  addProxy: { args: [signer(), ALICE, 'Any', 0, {}], bad: [...signers(0), ...addresses(1, 'delegate'), ...types(2), ...ints(3, 'delay', U32), ...writeOpts(4)] },
  removeProxy: { args: [signer(), ALICE, 'Any', 0, {}], bad: [...signers(0), ...addresses(1, 'delegate'), ...types(2), ...ints(3, 'delay', U32), ...writeOpts(4)] },
  removeProxies: { args: [signer(), {}], bad: [...signers(0), ...writeOpts(1)] },
  createPureProxy: { args: [signer(), 'Any', 0, 0, {}], bad: [...signers(0), ...types(1), ...ints(2, 'delay', U32), ...ints(3, 'index', 0xffff), ...writeOpts(4)] },
  killPureProxy: {
    args: [signer(), ALICE, ALICE, 'Any', 0, 1, 1, 'Any', {}],
    bad: [
      ...signers(0), ...addresses(1, 'pureProxy'), ...addresses(2, 'spawner'), ...types(3), ...ints(4, 'index', 0xffff), ...ints(5, 'height', U32),
      ...ints(6, 'extIndex', U32), ...types(7, 'forceProxyType', true), ...writeOpts(8),
    ],
  },
  proxy: { args: [signer(), ALICE, null, CALL, {}], bad: [...signers(0), ...addresses(1, 'realAccount'), ...types(2, 'forceProxyType', true), ...calls(3), ...writeOpts(4)] },
  proxyAnnounced: {
    args: [signer(), ALICE, ALICE, 'Any', CALL, {}],
    bad: [...signers(0), ...addresses(1, 'delegate'), ...addresses(2, 'realAccount'), ...types(3, 'forceProxyType', true), ...calls(4), ...writeOpts(5)],
  },
  announceProxy: { args: [signer(), ALICE, HASH, {}], bad: [...signers(0), ...addresses(1, 'realAccount'), ...hashes(2), ...writeOpts(3)] },
  rejectProxyAnnouncement: { args: [signer(), ALICE, HASH, {}], bad: [...signers(0), ...addresses(1, 'delegate'), ...hashes(2), ...writeOpts(3)] },
  removeProxyAnnouncement: { args: [signer(), ALICE, HASH, {}], bad: [...signers(0), ...addresses(1, 'realAccount'), ...hashes(2), ...writeOpts(3)] },
  pokeDeposit: { args: [signer(), {}], bad: [...signers(0), ...writeOpts(1)] },
});
