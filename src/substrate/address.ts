// Typed addresses (subxt's `storage::address`, STYLE §2): a storage item, runtime API method or
// constant is named once together with its raw shape, e.g.
//   const ACCOUNT = storage<[string], AccountInfo>('System', 'Account');
//   const info = await read(client, ACCOUNT, [address]);   // info: AccountInfo, keys checked
// instead of an unchecked `query<T>(…)` at every call. `addressesOf<Chain>()` derives the shapes from
// generated types. An address is a plain frozen object; its types ride on a phantom field.
import type { AtOptions, QueryMapEntry, QueryMapOptions, SubstrateClient } from './client.js';
import { InvalidArgumentError } from './errors.js';
import type { ChainDefinition, Input, KeyPrefix } from './typed.js';
import { arrayArg, clientArg, keysArg, nameArg, show } from './validate.js';

/** A storage item with its key tuple `K` and value `V` (as query returns it). */
export interface StorageAddress<K extends unknown[], V> {
  readonly kind: 'storage';
  readonly pallet: string;
  readonly item: string;
  /** Types only; never set. */
  readonly __shape?: { keys: K; value: V };
}

/** A runtime API method with its argument tuple `A` and decoded output `R`. */
export interface RuntimeApiAddress<A extends unknown[], R> {
  readonly kind: 'runtimeApi';
  readonly api: string;
  readonly method: string;
  readonly __shape?: { args: A; output: R };
}

/** A pallet constant of type `V`. */
export interface ConstantAddress<V> {
  readonly kind: 'constant';
  readonly pallet: string;
  readonly name: string;
  readonly __shape?: { value: V };
}

export function storage<K extends unknown[], V>(pallet: string, item: string): StorageAddress<K, V> {
  return Object.freeze({ kind: 'storage', pallet: nameArg(pallet, 'pallet'), item: nameArg(item, 'item') });
}

export function runtimeApi<A extends unknown[], R>(api: string, method: string): RuntimeApiAddress<A, R> {
  return Object.freeze({ kind: 'runtimeApi', api: nameArg(api, 'api'), method: nameArg(method, 'method') });
}

export function constant<V>(pallet: string, name: string): ConstantAddress<V> {
  return Object.freeze({ kind: 'constant', pallet: nameArg(pallet, 'pallet'), name: nameArg(name, 'name') });
}

type AnyAddress = StorageAddress<unknown[], unknown> | RuntimeApiAddress<unknown[], unknown> | ConstantAddress<unknown>;
const NAMES = { storage: ['pallet', 'item'], runtimeApi: ['api', 'method'], constant: ['pallet', 'name'] } as const;

// An address is checked by shape (kind and its two names), so one built by hand as a plain
// object literal works as well as one from the constructors above.
function addressArg<K extends AnyAddress['kind']>(v: unknown, name: string, kinds: readonly K[]): Extract<AnyAddress, { kind: K }> {
  const a = v as Record<string, unknown> | null;
  const ok = typeof v === 'object' && a !== null && kinds.includes(a.kind as K)
    && NAMES[a.kind as K].every((f) => typeof a[f] === 'string' && a[f] !== '');
  if (!ok) throw new InvalidArgumentError(`${name}: expected a ${kinds.join(' or ')} address, got ${show(v)}`, name, v);
  return v as Extract<AnyAddress, { kind: K }>;
}

type KeysArgs<K extends unknown[]> = K extends [] ? [keys?: [], opts?: AtOptions] : [keys: Input<K>, opts?: AtOptions];
type ArgsArgs<A extends unknown[]> = A extends [] ? [args?: [], opts?: AtOptions] : [args: Input<A>, opts?: AtOptions];

/** Read an address: a storage value, a runtime API result or a constant, typed by the address. */
export function read<K extends unknown[], V>(client: SubstrateClient, address: StorageAddress<K, V>, ...rest: KeysArgs<K>): Promise<V>;
export function read<A extends unknown[], R>(client: SubstrateClient, address: RuntimeApiAddress<A, R>, ...rest: ArgsArgs<A>): Promise<R>;
export function read<V>(client: SubstrateClient, address: ConstantAddress<V>, opts?: AtOptions): Promise<V>;
// async, so a bad client or address rejects like a bad key does (the client methods are async)
export async function read(
  client: SubstrateClient,
  addr: AnyAddress,
  a?: unknown,
  b?: AtOptions,
): Promise<unknown> {
  clientArg(client, 'client');
  // keys/args/opts are checked by the client method with the same names (`keys`, `args`, `opts`)
  const address = addressArg(addr, 'address', ['storage', 'runtimeApi', 'constant']);
  switch (address.kind) {
    case 'storage':
      return client.query(address.pallet, address.item, (a as unknown[] | undefined) ?? [], b);
    case 'runtimeApi':
      return client.runtimeCall(address.api, address.method, (a as unknown[] | undefined) ?? [], b);
    case 'constant':
      return client.getConstant(address.pallet, address.name, a as AtOptions | undefined);
  }
}

/** Iterate a storage map address under a strict prefix of its keys. */
export function readMap<K extends unknown[], V>(
  client: SubstrateClient,
  address: StorageAddress<K, V>,
  partialKeys?: Input<KeyPrefix<K>>,
  opts?: QueryMapOptions,
): AsyncGenerator<QueryMapEntry<K, V>> {
  clientArg(client, 'client');
  const { pallet, item } = addressArg(address, 'address', ['storage']);
  return client.queryMap(pallet, item, (partialKeys as unknown[] | undefined) ?? [], opts) as AsyncGenerator<QueryMapEntry<K, V>>;
}

type Request = readonly [StorageAddress<unknown[], unknown>, ...unknown[]];
type Values<R extends readonly Request[]> = { -readonly [I in keyof R]: R[I][0] extends StorageAddress<unknown[], infer V> ? V : never };

// Checks each request's keys against its own address (a plain `Request[]` would accept whatever keys).
type KeysChecked<R extends readonly Request[]> = {
  [I in keyof R]: R[I][0] extends StorageAddress<infer K, unknown> ? (K extends [] ? readonly [R[I][0], []?] : readonly [R[I][0], Input<K>]) : never;
};

/** Many storage addresses in one request (`[address, keys]` pairs); the result tuple follows the requests. */
export async function readMulti<const R extends readonly Request[]>(client: SubstrateClient, requests: R & KeysChecked<R>, opts?: AtOptions): Promise<Values<R>> {
  clientArg(client, 'client');
  const reqs = arrayArg(requests, 'requests').map((r, i): [string, string, unknown[]] => {
    if (!Array.isArray(r)) throw new InvalidArgumentError(`requests[${i}]: expected an [address, keys?] pair, got ${show(r)}`, `requests[${i}]`, r);
    const { pallet, item } = addressArg(r[0], `requests[${i}][0]`, ['storage']);
    return [pallet, item, keysArg(r[1], `requests[${i}][1]`)];
  });
  try {
    return (await client.queryMulti(reqs, opts)) as Values<R>;
  } catch (e) {
    throw renameKeys(e);
  }
}

// queryMulti names a request's keys `requests[i][2]` (its `[pallet, item, keys]` shape); here they
// are `requests[i][1]`. The key count is only known from metadata, so it is checked there.
function renameKeys(e: unknown): unknown {
  const m = e instanceof InvalidArgumentError ? /^requests\[(\d+)\]\[2\]$/.exec(e.argument ?? '') : null;
  if (!m) return e;
  const argument = `requests[${m[1]}][1]`;
  return new InvalidArgumentError((e as Error).message.replace(`requests[${m[1]}][2]`, argument), argument, (e as InvalidArgumentError).value);
}

/** Address constructors whose shapes come from a generated chain: `addressesOf<FinneyChain>().storage('System', 'Account')`. */
export interface ChainAddresses<C extends ChainDefinition> {
  storage<P extends keyof C['storage'] & string, I extends keyof C['storage'][P] & string>(
    pallet: P,
    item: I,
  ): StorageAddress<C['storage'][P][I]['keys'], C['storage'][P][I]['value']>;
  runtimeApi<Api extends keyof C['apis'] & string, M extends keyof C['apis'][Api] & string>(api: Api, method: M): RuntimeApiAddress<C['apis'][Api][M]['args'], C['apis'][Api][M]['output']>;
  constant<P extends keyof C['constants'] & string, N extends keyof C['constants'][P] & string>(pallet: P, name: N): ConstantAddress<C['constants'][P][N]>;
}

/** The address constructors, typed from a generated chain (the same functions). */
export function addressesOf<C extends ChainDefinition>(): ChainAddresses<C> {
  return { storage, runtimeApi, constant } as ChainAddresses<C>;
}
