// typed<Chain>(client): every check here is twice-checked. `tsc` (npm run typecheck includes test/)
// verifies the expectTypeOf lines and that each `@ts-expect-error` line really is a compile error;
// vitest then runs the same calls against the local chain (Subtensor spec 218), so the typed
// results are real values of the claimed shape and the rejected calls also fail at runtime.
// The types are the bundled finney ones (spec 393); the items used exist in both runtimes.
import { afterAll, beforeAll, describe, expect, expectTypeOf, inject, it } from 'vitest';
import { EncodeError, MetadataError } from '../../src/scale/index.js';
import {
  InvalidArgumentError, SubstrateClient, typed, typedExtrinsics, type Input, type KeyPrefix, type TypedClient, type TypedDispatchError,
  type TypedEvent,
} from '../../src/substrate/index.js';
import type { FinneyChain } from '../../src/chains/index.js';
import type { AccountInfo, RuntimeVersion, DispatchEventInfo } from '../../src/chains/subtensor/finney.js';

const url = inject('chainUrl');
const skip = inject('chainSkip');
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
type Chain = FinneyChain;

describe('typed helper types', () => {
  it('Input widens what encoders accept and keeps the rest', () => {
    expectTypeOf<Input<bigint>>().toEqualTypeOf<bigint | number>();
    expectTypeOf<Input<Uint8Array>>().toEqualTypeOf<Uint8Array | `0x${string}` | number[]>();
    expectTypeOf<Input<{ a: bigint; b: string }>>().toEqualTypeOf<{ a: bigint | number; b: string }>();
    expectTypeOf<Input<[number, bigint]>>().toEqualTypeOf<[number, bigint | number]>();
    expectTypeOf<KeyPrefix<[string, string, number]>>().toEqualTypeOf<[] | [string] | [string, string]>();
    expectTypeOf<KeyPrefix<[]>>().toEqualTypeOf<never>();
    // a runtime anchor so this block is a test too: the helper types describe real encoder inputs
    expect(typeof typed).toBe('function');
  });

  it('events narrow by pallet and name; dispatch errors name real pallets and errors', () => {
    const describeEvent = (e: TypedEvent<Chain>): string => {
      if (e.pallet === 'Balances' && e.name === 'Transfer') {
        expectTypeOf(e.data).toEqualTypeOf<{ from: string; to: string; amount: bigint }>();
        return `${e.data.from}→${e.data.to}: ${e.data.amount}`;
      }
      if (e.pallet === 'System' && e.name === 'ExtrinsicSuccess') {
        expectTypeOf(e.data.dispatch_info).toEqualTypeOf<DispatchEventInfo>();
        return 'ok';
      }
      // @ts-expect-error no such pallet
      if (e.pallet === 'Balancez') return 'never';
      // @ts-expect-error no such event in Balances
      if (e.pallet === 'Balances' && e.name === 'Transferred') return 'never';
      return e.name;
    };
    const transfer = {
      index: 0, phase: 'Finalization' as unknown, extrinsicIndex: null, topics: [] as unknown[],
      pallet: 'Balances' as const, name: 'Transfer' as const, data: { from: ALICE, to: BOB, amount: 5n },
    };
    expect(describeEvent(transfer)).toBe(`${ALICE}→${BOB}: 5`);
    // @ts-expect-error Transfer data must carry `amount` as bigint
    describeEvent({ ...transfer, data: { from: ALICE, to: BOB, amount: 5 } });

    const errorName = (e: TypedDispatchError<Chain>): string =>
      e.type === 'Module' && e.pallet === 'Balances' && e.name === 'InsufficientBalance' ? 'poor' : `${e.pallet}.${e.name}`;
    expect(errorName({ type: 'Module', pallet: 'Balances', name: 'InsufficientBalance' })).toBe('poor');
    expect(errorName({ type: 'BadOrigin' })).toBe('undefined.undefined');
    // @ts-expect-error not an error of Balances
    errorName({ type: 'Module', pallet: 'Balances', name: 'NotEnoughBalanceToStake' });
  });
});

describe.skipIf(!url)(`typed<FinneyChain>(client) on the local chain${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let client: SubstrateClient;
  let chain: TypedClient<Chain>;
  beforeAll(async () => {
    client = await SubstrateClient.connect(url);
    chain = typed<Chain>(client);
  });
  afterAll(() => client?.close());

  it('is the same object (a view, not a wrapper)', () => {
    expect(chain).toBe(client);
    expect(chain.genesisHash).toBe(client.genesisHash);
  });

  it('query: pallet, item and keys are checked; results are typed; | null exactly when Optional', async () => {
    const alice = await chain.query('System', 'Account', [ALICE]);
    expectTypeOf(alice).toEqualTypeOf<AccountInfo>();
    expect(alice.data.free).toBeGreaterThanOrEqual(10n ** 17n);
    expect(typeof alice.nonce).toBe('number');
    const total = await chain.query('SubtensorModule', 'TotalNetworks');
    expectTypeOf(total).toEqualTypeOf<number>();
    expect(total).toBe(2);
    const sudo = await chain.query('Sudo', 'Key'); // an Optional item
    expectTypeOf(sudo).toEqualTypeOf<string | null>();
    expect(sudo).toBe(ALICE);
    expectTypeOf(chain.query('System', 'Number')).resolves.toEqualTypeOf<number>(); // a Default item: no null

    // @ts-expect-error unknown pallet
    await expect(chain.query('Sytem', 'Account', [ALICE])).rejects.toThrow(MetadataError);
    // @ts-expect-error unknown item
    await expect(chain.query('System', 'Acount', [ALICE])).rejects.toThrow(MetadataError);
    // @ts-expect-error a map needs its key
    await expect(chain.query('System', 'Account')).rejects.toThrow(InvalidArgumentError);
    // @ts-expect-error two keys for a one-key map
    await expect(chain.query('System', 'Account', [ALICE, BOB])).rejects.toThrow(InvalidArgumentError);
    // @ts-expect-error an AccountId32 key is not a number
    await expect(chain.query('System', 'Account', [5])).rejects.toThrow(EncodeError);
    // @ts-expect-error a plain value takes no keys
    await expect(chain.query('SubtensorModule', 'TotalNetworks', [1])).rejects.toThrow();
  });

  it('queryMulti: the result tuple follows the request tuple', async () => {
    const [a, total, key] = await chain.queryMulti([
      ['System', 'Account', [ALICE]],
      ['SubtensorModule', 'TotalNetworks'],
      ['Sudo', 'Key'],
    ]);
    expectTypeOf(a).toEqualTypeOf<AccountInfo>();
    expectTypeOf(total).toEqualTypeOf<number>();
    expectTypeOf(key).toEqualTypeOf<string | null>();
    expect([a.data.free > 0n, total, key]).toEqual([true, 2, ALICE]);
    // @ts-expect-error wrong key type inside a request
    await expect(chain.queryMulti([['System', 'Account', [1]]])).rejects.toThrow(EncodeError);
  });

  it('queryMap: partial keys must be a strict prefix; keys and values typed', async () => {
    const hotkeys: [number, number, string][] = [];
    for await (const e of chain.queryMap('SubtensorModule', 'Keys', [1], { maxResults: 5 })) {
      expectTypeOf(e.keys).toEqualTypeOf<[number, number]>();
      expectTypeOf(e.value).toEqualTypeOf<string>();
      hotkeys.push([e.keys[0], e.keys[1], e.value]);
    }
    const n = await chain.query('SubtensorModule', 'SubnetworkN', [1]);
    expectTypeOf(n).toEqualTypeOf<number>();
    expect(hotkeys.length).toBe(Math.min(5, n));
    for (const [netuid, uid, hotkey] of hotkeys) {
      expect(netuid).toBe(1);
      expect(Number.isInteger(uid)).toBe(true);
      expect(hotkey).toMatch(/^5[1-9A-HJ-NP-Za-km-z]{47}$/);
    }
    const accounts: string[] = [];
    for await (const e of chain.queryMap('System', 'Account', [], { maxResults: 3 })) accounts.push(e.keys[0]);
    expect(accounts.length).toBeGreaterThan(0);
    // @ts-expect-error a plain value is not a map
    expect(() => chain.queryMap('SubtensorModule', 'TotalNetworks')).toBeTypeOf('function');
    // @ts-expect-error the full key is not a prefix
    await expect(chain.queryMap('SubtensorModule', 'Keys', [1, 0]).next()).rejects.toThrow(InvalidArgumentError);
    // @ts-expect-error netuid is a number
    await expect(chain.queryMap('SubtensorModule', 'Keys', ['1']).next()).rejects.toThrow();
  });

  it('runtimeCall: arguments by position or name, typed output', async () => {
    const nonce = await chain.runtimeCall('AccountNonceApi', 'account_nonce', [ALICE]);
    expectTypeOf(nonce).toEqualTypeOf<number>();
    expect(await chain.runtimeCall('AccountNonceApi', 'account_nonce', { account: ALICE })).toBe(nonce);
    const version = await chain.runtimeCall('Core', 'version');
    expectTypeOf(version).toEqualTypeOf<RuntimeVersion>();
    expect(version.spec_name).toBe('node-subtensor');
    // @ts-expect-error the argument is an account, not a number
    await expect(chain.runtimeCall('AccountNonceApi', 'account_nonce', [7])).rejects.toThrow(EncodeError);
    // @ts-expect-error missing argument
    await expect(chain.runtimeCall('AccountNonceApi', 'account_nonce', [])).rejects.toThrow(InvalidArgumentError);
    // @ts-expect-error unknown method
    await expect(chain.runtimeCall('AccountNonceApi', 'nonce', [ALICE])).rejects.toThrow(MetadataError);
  });

  it('getConstant and getEvents are typed', async () => {
    const existential = await chain.getConstant('Balances', 'ExistentialDeposit');
    expectTypeOf(existential).toEqualTypeOf<bigint>();
    expect(typeof existential).toBe('bigint');
    // @ts-expect-error not a constant of Balances
    await expect(chain.getConstant('Balances', 'TotalIssuance')).rejects.toThrow(MetadataError);
    const events = await chain.getEvents();
    expectTypeOf(events).toEqualTypeOf<TypedEvent<Chain>[]>();
    for (const e of events) if (e.pallet === 'System' && e.name === 'ExtrinsicSuccess') expect(typeof e.data.dispatch_info.weight.ref_time).toBe('bigint');
  });

  it('composeCall: call names and argument objects are checked', async () => {
    const { composeCall } = typedExtrinsics<Chain>();
    const rt = await client.runtime();
    const call = composeCall(rt.registry, 'Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: BOB }, value: 1_000_000_000n });
    expect(call.bytes.length).toBeGreaterThan(34);
    const sameByNumber = composeCall(rt.registry, 'Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: BOB }, value: 1_000_000_000 });
    expect(sameByNumber.bytes).toEqual(call.bytes);
    // @ts-expect-error `value` is required
    expect(() => composeCall(rt.registry, 'Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: BOB } })).toThrow(InvalidArgumentError);
    // @ts-expect-error dest is a MultiAddress, not a bare address
    expect(() => composeCall(rt.registry, 'Balances', 'transfer_keep_alive', { dest: 42, value: 1n })).toThrow(EncodeError);
    // @ts-expect-error no such call
    expect(() => composeCall(rt.registry, 'Balances', 'transfer', { dest: { type: 'Id', value: BOB }, value: 1n })).toThrow(InvalidArgumentError);
  });

  it('tx: the short path is typed the same way, and its call equals composeCall', async () => {
    const { composeCall, tx } = typedExtrinsics<Chain>();
    const rt = await client.runtime();
    const t = tx(client, 'Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: BOB }, value: 5n });
    expect((await t.call()).bytes).toEqual(composeCall(rt.registry, 'Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: BOB }, value: 5n }).bytes);
    // @ts-expect-error `value` is required
    await expect(tx(client, 'Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: BOB } }).call()).rejects.toThrow(InvalidArgumentError);
    // @ts-expect-error no such call
    expect(() => tx(client, 'Balances', 'transfer', {})).not.toThrow(); // names are checked when composed
  });
});
