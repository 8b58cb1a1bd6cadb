// Issue 10, point 7 (and 5 for the block selector): every public entry point of src/subtensor
// checks its arguments at entry. Same table runner as the substrate layer's test: a typed error
// naming the argument and keeping the value, and nothing sent to the recording in-memory node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as subtensor from '../../src/subtensor/index.js';
import { Subtensor, balance } from '../../src/subtensor/index.js';
import { devSigner, InvalidArgumentError } from '../../src/substrate/index.js';
import { memoryChain, HEAD, type MemoryChain } from '../helpers/memory-chain.js';
import {
  ALICE, HASH, addresses, blockNumbers, names, outcome, runTable, type Bad, type Entry,
} from '../helpers/bad-arguments.js';
import { netuids, selector, selOnly, signalOnly, signer } from '../helpers/subtensor-args.js';
import { neuronsRows } from './bad-args-neurons.js';
import { limitsRows } from './bad-args-limits.js';
import { subnetsRows } from './bad-args-subnets.js';
import { swapsRows } from './bad-args-swaps.js';
import { proxiesRows } from './bad-args-proxies.js';
import { stakeWritesRows } from './bad-args-stake-writes.js';
import { serveWritesRows } from './bad-args-serve-writes.js';
import { weightWritesRows } from './bad-args-weight-writes.js';
import { liquidityRows, liquidityFunctionRows } from './bad-args-liquidity.js';
import { proxyWritesRows } from './bad-args-proxy-writes.js';
import { crowdloanWritesRows } from './bad-args-crowdloan-writes.js';
import { miscWritesRows } from './bad-args-misc-writes.js';

const REVEAL = { tempo: 360, currentBlock: 1000, netuid: 1, subnetRevealPeriodEpochs: 1, now: 1_700_000_000 };
const SIG = new Uint8Array(48);
const PK = new Uint8Array(96);

let chain: MemoryChain | undefined;
let st: Subtensor;
let skip = '';
beforeAll(async () => {
  const c = await memoryChain();
  if ('skip' in c) skip = c.skip;
  else {
    chain = c;
    st = await Subtensor.connect(c.client);
  }
});
afterAll(() => chain?.client.close());

const methodTable = (): Record<string, Entry> => ({
  ...neuronsRows(),
  ...limitsRows(),
  ...subnetsRows(),
  ...swapsRows(),
  ...proxiesRows(),
  ...stakeWritesRows(),
  ...serveWritesRows(),
  ...weightWritesRows(),
  ...liquidityRows(),
  ...proxyWritesRows(),
  ...crowdloanWritesRows(),
  ...miscWritesRows(),
  close: { args: [], bad: [], none: 'takes no arguments' },
  tx: { args: ['Balances', 'transfer_keep_alive', { value: 1n }], bad: [...names(0, 'pallet'), ...names(1, 'name'), [2, 5, 'args'], [2, 'x', 'args']] },
  commitTimelockedWeights: {
    args: [signer(), 1, [0], [1], {}],
    bad: [
      [0, null, 'signer'], ...netuids(1), [2, null, 'uids'], [3, 'x', 'weights'], [2, [-1], 'uids[0]'], [3, [NaN], 'weights[0]'], [4, 5, 'opts'],
      [4, { mechid: 256 }, 'opts.mechid'], [4, { versionKey: -1n }, 'opts.versionKey'], [4, { blockTime: 0 }, 'opts.blockTime'], [4, { commitRevealVersion: 1.5 }, 'opts.commitRevealVersion'],
      [4, { waitFor: 'soon' }, 'opts.waitFor'], [4, { period: -1 }, 'opts.period'], [4, { dryRun: 1 }, 'opts.dryRun'],
    ],
  },
  at: { args: [HASH], bad: [null, undefined, '0x12', 5, {}, `0x${'z'.repeat(64)}`].map((v): Bad => [0, v, 'blockHash']) },
  resolveBlock: { args: [{}, false], bad: [...selector(0), [1, 'yes', 'pinHead']] },
  getCurrentBlock: { args: [{}], bad: signalOnly(0) },
  getBlockHash: { args: [1, {}], bad: [...blockNumbers(0, 'block', false), ...signalOnly(1)] },
  runtimeApi: { args: ['Core', 'version', [], {}], bad: [...names(0, 'api'), ...names(1, 'method'), [2, 5, 'args'], [2, 'x', 'args'], [2, {}, 'args'], ...selector(3)] },
  getTotalSubnets: selOnly(),
  getAllSubnetsNetuid: selOnly(),
  subnetExists: { args: [1, {}], bad: [...netuids(0), ...selector(1)] },
  getSubnetHyperparameters: { args: [1, {}], bad: [...netuids(0), ...selector(1)] },
  getHyperparameter: { args: ['Tempo', 1, {}], bad: [...names(0, 'name'), ...netuids(1), ...selector(2)] },
  getMetagraphInfo: {
    args: [1, {}],
    bad: [...netuids(0), ...selector(1, 'opts'), [1, { mechid: -1 }, 'opts.mechid'], [1, { mechid: 256 }, 'opts.mechid'], [1, { selectedIndices: 3 }, 'opts.selectedIndices'], [1, { selectedIndices: [74] }, 'opts.selectedIndices[0]']],
  },
  getAllMetagraphsInfo: { args: [{}], bad: [...selector(0, 'opts'), [0, { allMechanisms: 1 }, 'opts.allMechanisms']] },
  metagraph: {
    args: [1, {}],
    bad: [...netuids(0), ...selector(1, 'opts'), [1, { mechid: 1.5 }, 'opts.mechid'], [1, { lite: 'no' }, 'opts.lite'], [1, { selectedIndices: 'x' }, 'opts.selectedIndices']],
  },
  allMetagraphs: { args: [{}], bad: [...selector(0, 'opts'), [0, { netuids: [70_000] }, 'opts.netuids[0]'], [0, { lite: 0 }, 'opts.lite']] },
  neuronsLite: { args: [1, {}], bad: [...netuids(0), ...selector(1)] },
  neurons: { args: [1, {}], bad: [...netuids(0), ...selector(1)] },
  neuronForUid: { args: [0, 1, {}], bad: [...netuids(0, 'uid'), ...netuids(1), ...selector(2)] },
  neuronsLiteAll: {
    args: [{}],
    bad: [
      ...selector(0, 'opts'), [0, { netuids: 5 }, 'opts.netuids'], [0, { netuids: [-1] }, 'opts.netuids[0]'], [0, { netuids: [1, 70_000] }, 'opts.netuids[1]'],
      [0, { concurrent: 'yes' }, 'opts.concurrent'], [0, { onProgress: 5 }, 'opts.onProgress'],
    ],
  },
  getTimestamp: selOnly(),
  blocksSinceLastUpdate: { args: [1, 0, {}], bad: [...netuids(0), ...netuids(1, 'uid'), ...selector(2)] },
  blocksUntilNextEpoch: { args: [1, {}], bad: [...netuids(0), ...selector(1)] },
  getNextEpochStartBlock: { args: [1, {}], bad: [...netuids(0), ...selector(1)] },
  getNeuronForPubkeyAndSubnet: { args: [ALICE, 1, {}], bad: [...addresses(0, 'hotkey'), ...netuids(1), ...selector(2)] },
  tempo: { args: [1, {}], bad: [...netuids(0), ...selector(1)] },
  difficulty: { args: [1, {}], bad: [...netuids(0), ...selector(1)] },
  immunityPeriod: { args: [1, {}], bad: [...netuids(0), ...selector(1)] },
  subnetworkN: { args: [1, {}], bad: [...netuids(0), ...selector(1)] },
  getSubnetOwnerHotkey: { args: [1, {}], bad: [...netuids(0), ...selector(1)] },
  getChildren: { args: [ALICE, 1, {}], bad: [...addresses(0, 'hotkey'), ...netuids(1), ...selector(2)] },
  getParents: { args: [ALICE, 1, {}], bad: [...addresses(0, 'hotkey'), ...netuids(1), ...selector(2)] },
  getCommitment: { args: [1, 0, {}], bad: [...netuids(0), ...netuids(1, 'uid'), ...selector(2)] },
  getAllCommitments: { args: [1, {}], bad: [...netuids(0), ...selector(1)] },
  getDelegateTake: { args: [ALICE, {}], bad: [...addresses(0, 'hotkey'), ...selector(1)] },
  getUidForHotkeyOnSubnet: { args: [ALICE, 1, {}], bad: [...addresses(0, 'hotkey'), ...netuids(1), ...selector(2)] },
  getNetuidsForHotkey: { args: [ALICE, {}], bad: [...addresses(0, 'hotkey'), ...selector(1)] },
  // netuid null/undefined is "any subnet" here, so only the other bad values
  isHotkeyRegistered: { args: [ALICE, 1, {}], bad: [...addresses(0, 'hotkey'), ...netuids(1).filter(([, v]) => v != null), ...selector(2)] },
  isHotkeyRegisteredAny: { args: [ALICE, {}], bad: [...addresses(0, 'hotkey'), ...selector(1)] },
  isHotkeyRegisteredOnSubnet: { args: [ALICE, 1, {}], bad: [...addresses(0, 'hotkey'), ...netuids(1), ...selector(2)] },
  getHotkeyOwner: { args: [ALICE, {}], bad: [...addresses(0, 'hotkey'), ...selector(1)] },
  doesHotkeyExist: { args: [ALICE, {}], bad: [...addresses(0, 'hotkey'), ...selector(1)] },
  getOwnedHotkeys: { args: [ALICE, {}], bad: [...addresses(0, 'coldkey'), ...selector(1)] },
  getBalance: { args: [ALICE, {}], bad: [...addresses(0, 'address'), ...selector(1)] },
  getBalances: { args: [[ALICE], {}], bad: [[0, null, 'addresses'], [0, 'x', 'addresses'], [0, [5], 'addresses[0]'], [0, [ALICE, 'bad'], 'addresses[1]'], ...selector(1)] },
  getExistentialDeposit: selOnly(),
  getStake: { args: [ALICE, ALICE, 1, {}], bad: [...addresses(0, 'coldkey'), ...addresses(1, 'hotkey'), ...netuids(2), ...selector(3)] },
  getStakeInfoForColdkey: { args: [ALICE, {}], bad: [...addresses(0, 'coldkey'), ...selector(1)] },
  getStakeInfoForColdkeys: { args: [[ALICE], {}], bad: [[0, null, 'coldkeys'], [0, ALICE, 'coldkeys'], [0, [ALICE.slice(1)], 'coldkeys[0]'], ...selector(1)] },
  getStakeForHotkey: { args: [ALICE, 1, {}], bad: [...addresses(0, 'hotkey'), ...netuids(1), ...selector(2)] },
  getDelegates: selOnly(),
  getDelegated: { args: [ALICE, {}], bad: [...addresses(0, 'coldkey'), ...selector(1)] },
  transfer: {
    args: [signer(), ALICE, 1n, {}],
    bad: [
      [0, null, 'signer'], [0, {}, 'signer'], [0, { ...signer(), publicKey: new Uint8Array(33) }, 'signer'], ...addresses(1, 'dest'),
      ...[0n, -1n, 5, '5', null, undefined, { rao: 5 }].map((v): Bad => [2, v, 'amount']),
      [3, 5, 'opts'], [3, { waitFor: 'soon' }, 'opts.waitFor'], [3, { keepAlive: 'no' }, 'opts.keepAlive'], [3, { signal: {} }, 'opts.signal'],
    ],
  },
});

const functionTable = (): Record<string, Entry> => ({
  balance: { args: [1n, 0], bad: [...[null, 1.5, '1.5', NaN, {}, undefined].map((v): Bad => [0, v, 'rao']), ...[-1, 1.5, 65536, '1'].map((v): Bad => [1, v, 'netuid'])] },
  unitFor: { args: [1], bad: [null, undefined, -1, 1.5, '1', 65536].map((v): Bad => [0, v, 'netuid']) },
  fromTao: { args: ['1.5', 0], bad: [...[null, undefined, 'abc', NaN, Infinity, {}, '1.2.3'].map((v): Bad => [0, v, 'tao']), [1, -1, 'netuid']] },
  formatBalance: { args: [balance(1n)], bad: [[0, null, 'b'], [0, 5, 'b']] },
  sumBalances: { args: [[], 0], bad: [[0, null, 'list'], [0, 'x', 'list'], [0, [5], 'list[0]'], [0, [{ rao: 5 }], 'list[0]'], [1, 1.5, 'netuid']] },
  u16Normalized: { args: [1], bad: [-1, 1.5, 65536, '1', null, NaN].map((v): Bad => [0, v, 'v']) },
  fixedToNumber: { args: [{ bits: 1n }, 64], bad: [...[null, 'x', 1.5, { bits: 'x' }].map((v): Bad => [0, v, 'v']), ...[-1, 1.5, 129].map((v): Bad => [1, v, 'fracBits'])] },
  ipToString: { args: [0n, 4], bad: [...[null, -1, 1.5, 'x'].map((v): Bad => [0, v, 'ip']), ...[-1, 1.5, 256, '4'].map((v): Bad => [1, v, 'ipType'])] },
  axonInfo: { args: [{}, ALICE, ALICE], bad: [[0, null, 'raw'], [0, 5, 'raw']] },
  neuronLite: { args: [{}], bad: [[0, null, 'raw'], [0, 5, 'raw'], [0, [], 'raw']] },
  neuronFull: { args: [{}], bad: [[0, null, 'raw'], [0, 5, 'raw'], [0, [], 'raw']] },
  stakeInfo: { args: [{}], bad: [[0, null, 'raw'], [0, 5, 'raw'], [0, [], 'raw']] },
  delegateInfo: { args: [{}], bad: [[0, null, 'raw'], [0, 5, 'raw'], [0, [], 'raw']] },
  convertWeightsAndUidsForEmit: { args: [[0], [1]], bad: [[0, null, 'uids'], [0, [-1], 'uids[0]'], [0, [70_000], 'uids[0]'], [1, [NaN], 'weights[0]'], [1, [-1], 'weights[0]']] },
  convertAndNormalizeWeightsAndUids: { args: [[0], [1]], bad: [[1, 'x', 'weights'], [1, [Infinity], 'weights[0]'], [0, [1.5], 'uids[0]']] },
  normalizeMaxWeight: { args: [[1], 0.1, 'float64'], bad: [[0, null, 'x'], [1, 'x', 'limit'], [2, 'f16', 'dtype']] },
  processWeights: { args: [{ uids: [0], weights: [1], numNeurons: 1, minAllowedWeights: 1, maxWeightLimit: 1 }], bad: [[0, null, 'args'], [0, { uids: [0], weights: [1], numNeurons: -1, minAllowedWeights: 1, maxWeightLimit: 1 }, 'args.numNeurons']] },
  convertWeightUidsAndValsToTensor: { args: [1, [0], [1]], bad: [[0, -1, 'n'], [0, 1.5, 'n']] },
  mechanismStorageIndex: { args: [1, 0], bad: [[0, 1.5, 'netuid'], [1, 300, 'mechid']] },
  generateWeightHash: { args: [{ address: ALICE, netuid: 1, uids: [0], values: [1], versionKey: 1, salt: [1] }], bad: [[0, null, 'args'], [0, { address: ALICE, netuid: 1, uids: [0], values: [1], versionKey: -1, salt: [1] }, 'args.versionKey'], [0, { address: ALICE, netuid: 1.5, uids: [0], values: [1], versionKey: 1, salt: [1] }, 'args.netuid']] },
  roundIdentity: { args: [1], bad: [[0, -1, 'round'], [0, 'x', 'round'], [0, 2n ** 64n, 'round'], [0, 1.5, 'round']] },
  verifyRoundSignature: { args: [1, SIG, PK], bad: [[0, -1, 'round'], [1, null, 'signature'], [1, 'x', 'signature'], [2, 5, 'publicKey']] },
  timelockEncrypt: { args: [new Uint8Array(1), 1, {}], bad: [[0, null, 'payload'], [0, [1], 'payload'], [1, -1, 'round'], [2, 5, 'opts'], [2, { rng: 5 }, 'opts.rng'], [2, { publicKey: 'x' }, 'opts.publicKey'], [2, { rng: () => new Uint8Array(1) }, 'opts.rng']] },
  timelockDecrypt: { args: [new Uint8Array(1), SIG], bad: [[0, null, 'ciphertext'], [0, 'x', 'ciphertext'], [1, null, 'roundSignature']] },
  parseCiphertext: { args: [new Uint8Array(0)], bad: [[0, null, 'bytes'], [0, '0x', 'bytes']] },
  serializeCiphertext: { args: [{}], bad: [[0, null, 'ct'], [0, { header: 5 }, 'ct.header']] },
  revealRound: { args: [REVEAL], bad: [[0, null, 'params'], [0, { ...REVEAL, tempo: -1 }, 'params.tempo'], [0, { ...REVEAL, netuid: 70_000 }, 'params.netuid'], [0, { ...REVEAL, blockTime: 0 }, 'params.blockTime']] },
  revealSchedule: { args: [REVEAL], bad: [[0, null, 'params'], [0, { ...REVEAL, currentBlock: 1.5 }, 'params.currentBlock']] },
  revealRoundAfterBlocks: { args: [{ blocksUntilReveal: 1 }], bad: [[0, null, 'params'], [0, { blocksUntilReveal: -1 }, 'params.blocksUntilReveal'], [0, { blocksUntilReveal: 1, period: 'x' }, 'params.period']] },
  metagraphInfo: { args: [{ netuid: 1 }], bad: [[0, null, 'raw'], [0, 5, 'raw'], [0, [], 'raw']] },
  ...liquidityFunctionRows(),
  ipToInt: { args: ['1.2.3.4'], bad: [[0, 5, 'ip'], [0, null, 'ip'], [0, '1.2.3', 'ip'], [0, '256.1.1.1', 'ip'], [0, '::g', 'ip']] },
  ipVersion: { args: ['::1'], bad: [[0, 5, 'ip'], [0, '', 'ip'], [0, '1.2.3.4.5', 'ip']] },
  resolveEndpoints: { args: ['finney'], bad: [[0, null, 'network'], [0, 5, 'network'], [0, '', 'network'], [0, 'nonsense', 'network'], [0, 'toString', 'network'], [0, [], 'network'], [0, [5], 'network[0]']] },
});

describe('bad arguments to src/subtensor: typed error naming the argument, nothing sent', () => {
  it('the tables cover every public method and exported function', (ctx) => {
    if (!chain) return ctx.skip(skip);
    const own = Object.getOwnPropertyNames(Subtensor.prototype).filter((n) => n !== 'constructor');
    expect(own.sort()).toEqual(Object.keys(methodTable()).sort());
    expect(Object.getOwnPropertyNames(Subtensor).filter((n) => !['length', 'name', 'prototype'].includes(n))).toEqual(['connect']);
    // error classes are constructed by the library, not called with user input
    const fns = Object.entries(subtensor).filter(([k, v]) => typeof v === 'function' && !['Subtensor', 'Metagraph'].includes(k) && !(v.prototype instanceof Error)).map(([k]) => k);
    expect(fns.sort()).toEqual(Object.keys(functionTable()).sort());
  });

  it('Subtensor methods', async (ctx) => {
    if (!chain) return ctx.skip(skip);
    const s = st as unknown as Record<string, (...a: unknown[]) => unknown>;
    const rows = await runTable(methodTable(), (name, args) => s[name](...args), () => chain!.sent.length);
    expect(rows).toBeGreaterThan(400);
  });

  it('Subtensor.connect: a bad network or option fails before connecting', async () => {
    const table: Record<string, Entry> = {
      connect: {
        args: ['ws://127.0.0.1:9', {}],
        bad: [[0, 5, 'network'], [0, {}, 'network'], [0, [], 'network'], [0, ['ws://a', 5], 'network[1]'], [0, 'nonsense', 'network'], [1, 5, 'options'], [1, { ss58Prefix: -1 }, 'options.ss58Prefix']],
      },
    };
    await runTable(table, (_, args) => Subtensor.connect(...(args as [never, never])), () => 0);
  });

  it('exported functions', async () => {
    const fns = subtensor as unknown as Record<string, (...a: unknown[]) => unknown>;
    expect(await runTable(functionTable(), (name, args) => fns[name](...args), () => 0)).toBeGreaterThan(50);
  });
});

describe('the block selector of Subtensor (points 5 and 7)', () => {
  it('block above u32, a malformed or non-string hash: typed, named, nothing sent; null means not given', async (ctx) => {
    if (!chain) return ctx.skip(skip);
    const before = chain.sent.length;
    const big = (await outcome(() => st.getTotalSubnets({ block: 2 ** 32 }))) as InvalidArgumentError;
    expect(big.message).toBe('sel.block: expected an integer in 0..4294967295, got 4294967296');
    const obj = (await outcome(() => st.getTotalSubnets({ blockHash: {} as never }))) as InvalidArgumentError;
    expect(obj.message).toMatch(/^sel\.blockHash: expected a block hash \(0x \+ 64 hex digits\), got an object/);
    await new Promise((r) => setTimeout(r, 0));
    expect(chain.sent.length).toBe(before);
    // null reads the head exactly as undefined does
    await st.getTotalSubnets({ blockHash: null, block: null });
    expect(chain.sent.at(-1)!.method).toBe('state_getStorage');
    expect(chain.sent.at(-1)!.params).toHaveLength(1);
    // an upper-case hash is the same block, sent lower-case
    await st.getTotalSubnets({ blockHash: HEAD.replace(/[a-f]/g, (c) => c.toUpperCase()) });
    expect(chain.sent.at(-1)!.params[1]).toBe(HEAD);
  });
});
