// Typed addresses: shapes declared once (by hand, or from generated chain types) and checked at
// compile time (tsc via npm run typecheck, including the @ts-expect-error lines) and at runtime
// against the local chain.
import { afterAll, beforeAll, describe, expect, expectTypeOf, inject, it } from 'vitest';
import { EncodeError } from '../../src/scale/index.js';
import {
  SubstrateClient, addressesOf, constant, read, readMap, readMulti, runtimeApi, storage, InvalidArgumentError, type StorageAddress,
} from '../../src/substrate/index.js';
import type { FinneyChain } from '../../src/chains/index.js';
import type { AccountInfo } from '../../src/chains/subtensor/finney.js';

const url = inject('chainUrl');
const skip = inject('chainSkip');
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';

// hand-written shapes, as the Subtensor layer declares them for its own reads
interface Account { nonce: number; data: { free: bigint } }
const ACCOUNT = storage<[string], Account>('System', 'Account');
const TOTAL_NETWORKS = storage<[], number>('SubtensorModule', 'TotalNetworks');
const KEYS = storage<[number, number], string>('SubtensorModule', 'Keys');
const NONCE = runtimeApi<[string], number>('AccountNonceApi', 'account_nonce');
const EXISTENTIAL = constant<bigint>('Balances', 'ExistentialDeposit');
const finney = addressesOf<FinneyChain>();

describe('typed addresses', () => {
  it('are plain frozen data naming the item', () => {
    expect(ACCOUNT).toEqual({ kind: 'storage', pallet: 'System', item: 'Account' });
    expect(Object.isFrozen(ACCOUNT)).toBe(true);
    expect(NONCE).toEqual({ kind: 'runtimeApi', api: 'AccountNonceApi', method: 'account_nonce' });
    const fromChain = finney.storage('System', 'Account');
    expect(fromChain).toEqual(ACCOUNT);
    expectTypeOf(fromChain).toEqualTypeOf<StorageAddress<[string], AccountInfo>>();
    // @ts-expect-error not an item of System in the generated chain
    expect(finney.storage('System', 'Acount').item).toBe('Acount');
  });
});

describe.skipIf(!url)(`typed addresses on the local chain${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let client: SubstrateClient;
  beforeAll(async () => {
    client = await SubstrateClient.connect(url);
  });
  afterAll(() => client?.close());

  it('read: storage, runtime API and constant, typed by the address', async () => {
    const alice = await read(client, ACCOUNT, [ALICE]);
    expectTypeOf(alice).toEqualTypeOf<Account>();
    expect(alice.data.free).toBeGreaterThanOrEqual(10n ** 17n);
    const total = await read(client, TOTAL_NETWORKS);
    expectTypeOf(total).toEqualTypeOf<number>();
    expect(total).toBe(2);
    const nonce = await read(client, NONCE, [ALICE]);
    expectTypeOf(nonce).toEqualTypeOf<number>();
    expect(nonce).toBe(alice.nonce);
    expect(await read(client, EXISTENTIAL)).toBe(await client.getConstant('Balances', 'ExistentialDeposit'));
    const generated = await read(client, finney.storage('System', 'Account'), [BOB]);
    expectTypeOf(generated.data.frozen).toEqualTypeOf<bigint>();
    expect(generated.data.free).toBeGreaterThan(0n);
    // @ts-expect-error key must be an address string
    await expect(read(client, ACCOUNT, [1])).rejects.toThrow(EncodeError);
    // @ts-expect-error the map needs its key
    await expect(read(client, ACCOUNT)).rejects.toThrow(InvalidArgumentError);
    // @ts-expect-error the runtime API takes an account
    await expect(read(client, NONCE, [1])).rejects.toThrow(EncodeError);
  });

  it('readMulti and readMap follow the addresses', async () => {
    const [a, b, total] = await readMulti(client, [[ACCOUNT, [ALICE]], [ACCOUNT, [BOB]], [TOTAL_NETWORKS]]);
    expectTypeOf(a).toEqualTypeOf<Account>();
    expectTypeOf(total).toEqualTypeOf<number>();
    expect([a.data.free > 0n, b.data.free > 0n, total]).toEqual([true, true, 2]);
    // @ts-expect-error keys are checked per request
    await expect(readMulti(client, [[ACCOUNT, [7]]])).rejects.toThrow(EncodeError);
    const n = await read(client, storage<[number], number>('SubtensorModule', 'SubnetworkN'), [1]);
    const seen: [number, number][] = [];
    for await (const e of readMap(client, KEYS, [1], { maxResults: 4 })) {
      expectTypeOf(e.keys).toEqualTypeOf<[number, number]>();
      expectTypeOf(e.value).toEqualTypeOf<string>();
      expect(e.value).toMatch(/^5/);
      seen.push(e.keys);
    }
    expect(seen.length).toBe(Math.min(4, n));
    expect(seen.every(([netuid]) => netuid === 1)).toBe(true);
    // @ts-expect-error the full key is not a prefix
    await expect(readMap(client, KEYS, [1, 0]).next()).rejects.toThrow(InvalidArgumentError);
  });
});
