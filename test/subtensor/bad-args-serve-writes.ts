// Bad-argument rows of src/subtensor/serve-writes.ts, spread into bad-arguments.test.ts.
import { ALICE, addresses, type Bad, type Entry } from '../helpers/bad-arguments.js';
import { netuids, signer } from '../helpers/subtensor-args.js';

const signers = (i: number): Bad[] => [[i, null, 'signer'], [i, {}, 'signer'], [i, { ...signer(), publicKey: new Uint8Array(33) }, 'signer']];
/** The WriteOptions every write takes. */
const writeOpts = (i: number): Bad[] => [
  [i, 5, 'opts'], [i, 'x', 'opts'], [i, { waitFor: 'soon' }, 'opts.waitFor'], [i, { period: -1 }, 'opts.period'], [i, { period: 70_000 }, 'opts.period'],
  [i, { nonce: 1.5 }, 'opts.nonce'], [i, { tip: 5 }, 'opts.tip'], [i, { tip: -1n }, 'opts.tip'], [i, { dryRun: 'yes' }, 'opts.dryRun'],
  [i, { raiseError: 1 }, 'opts.raiseError'], [i, { signal: {} }, 'opts.signal'], [i, { timeoutMs: -1 }, 'opts.timeoutMs'],
];
const AXON = { ip: '1.2.3.4', port: 8091 };
const axons = (i: number): Bad[] => [
  [i, null, 'axon'], [i, 5, 'axon'], [i, [], 'axon'],
  ...[undefined, 5, '', '1.2.3', '256.0.0.1', 'localhost', '1::2::3'].map((ip): Bad => [i, { ...AXON, ip }, 'axon.ip']),
  ...[undefined, -1, 1.5, 65536, '80'].map((port): Bad => [i, { ...AXON, port }, 'axon.port']),
  [i, { ...AXON, protocol: 256 }, 'axon.protocol'], [i, { ...AXON, version: -1 }, 'axon.version'], [i, { ...AXON, version: 2 ** 32 }, 'axon.version'],
  [i, { ...AXON, placeholder1: 1.5 }, 'axon.placeholder1'], [i, { ...AXON, placeholder2: 256 }, 'axon.placeholder2'],
];
const prometheus = (i: number): Bad[] => [
  [i, null, 'prometheus'], [i, 'x', 'prometheus'],
  ...[undefined, 7, '1.2.3.4.5'].map((ip): Bad => [i, { ...AXON, ip }, 'prometheus.ip']),
  ...[undefined, -1, 65536].map((port): Bad => [i, { ...AXON, port }, 'prometheus.port']),
  [i, { ...AXON, version: 'x' }, 'prometheus.version'],
];
const identities = (i: number): Bad[] => [
  [i, null, 'subnetIdentity'], [i, 5, 'subnetIdentity'],
  ...['subnetName', 'githubRepo', 'subnetContact', 'subnetUrl', 'logoUrl', 'discord', 'description', 'additional']
    .map((k): Bad => [i, { [k]: 5 }, `subnetIdentity.${k}`]),
];

export const serveWritesRows = (): Record<string, Entry> => ({
  burnedRegister: { args: [signer(), 1, ALICE, {}], bad: [...signers(0), ...netuids(1), ...addresses(2, 'hotkey'), ...writeOpts(3)] },
  register: { args: [signer(), 1, ALICE, {}], bad: [...signers(0), ...netuids(1), ...addresses(2, 'hotkey'), ...writeOpts(3)] },
  rootRegister: { args: [signer(), ALICE, {}], bad: [...signers(0), ...addresses(1, 'hotkey'), ...writeOpts(2)] },
  registerSubnet: { args: [signer(), ALICE, {}], bad: [...signers(0), ...addresses(1, 'hotkey'), ...writeOpts(2)] },
  startCall: { args: [signer(), 1, {}], bad: [...signers(0), ...netuids(1), ...writeOpts(2)] },
  serveAxon: {
    args: [signer(), 1, AXON, null, {}],
    bad: [...signers(0), ...netuids(1), ...axons(2), [3, 5, 'certificate'], [3, [1], 'certificate'], [3, {}, 'certificate'], ...writeOpts(4)],
  },
  servePrometheus: { args: [signer(), 1, AXON, {}], bad: [...signers(0), ...netuids(1), ...prometheus(2), ...writeOpts(3)] },
  setSubnetIdentity: { args: [signer(), 1, { subnetName: 'x' }, {}], bad: [...signers(0), ...netuids(1), ...identities(2), ...writeOpts(3)] },
  swapHotkey: {
    args: [signer(), ALICE, ALICE, {}],
    bad: [
      ...signers(0), ...addresses(1, 'hotkey'), ...addresses(2, 'newHotkey'), ...writeOpts(3),
      [3, { netuid: -1 }, 'opts.netuid'], [3, { netuid: 65536 }, 'opts.netuid'], [3, { netuid: '1' }, 'opts.netuid'], [3, { keepStake: 'yes' }, 'opts.keepStake'],
    ],
  },
});
