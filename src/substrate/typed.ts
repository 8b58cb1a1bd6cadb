// Typed chain access: `typed<Chain>(client)` returns the same client object, seen through the
// types `substrate-lite typegen` generated for a chain. Pallet, item, key, argument and result
// types all come from `Chain`; at runtime nothing changes (an identity function after a check that
// the argument is a client), so the typed view costs no bytes beyond this file's few helpers.
import type { Registry } from '../scale/index.js';
import type { AtOptions, QueryMapEntry, QueryMapOptions, SubstrateClient } from './client.js';
import type { DispatchErrorInfo } from './errors.js';
import type { ChainEvent } from './events.js';
import { composeCall, submitExtrinsic, type Call, type ExtrinsicReceipt } from './extrinsic.js';
import { clientArg } from './validate.js';
import { tx, type Tx } from './tx.js';

/** One storage item: keys as query takes them, value as it returns, keys as queryMap decodes them. */
export interface StorageDef {
  keys: unknown[];
  value: unknown;
  decodedKeys: unknown[];
}

/** One runtime API method: arguments by position and by name, and the decoded output. */
export interface ApiMethodDef {
  args: unknown[];
  named: Record<string, unknown>;
  output: unknown;
}

/** The shape `substrate-lite typegen` emits as `Chain`. */
export interface ChainDefinition {
  storage: Record<string, Record<string, StorageDef>>;
  constants: Record<string, Record<string, unknown>>;
  calls: Record<string, Record<string, unknown>>;
  events: Record<string, Record<string, unknown>>;
  errors: Record<string, Record<string, number>>;
  apis: Record<string, Record<string, ApiMethodDef>>;
}

/**
 * What the encoders accept for a decoded type `T`: wide integers also as number, bytes also as
 * 0x-hex or number[]; the rest as decoded (an SS58 string for an account, `{ type, value }` enums).
 */
export type Input<T> = T extends bigint
  ? bigint | number
  : T extends Uint8Array
    ? Uint8Array | `0x${string}` | number[]
    : T extends string | number | boolean | null | undefined
      ? T
      : { [K in keyof T]: Input<T[K]> };

type S<C extends ChainDefinition> = C['storage'];
type Str<T> = keyof T & string;
type Item<C extends ChainDefinition, P extends Str<S<C>>, I extends Str<S<C>[P]>> = S<C>[P][I];

/** Items of a pallet that are maps (have keys), the ones queryMap iterates. */
export type MapItems<C extends ChainDefinition, P extends Str<S<C>>> = {
  [I in Str<S<C>[P]>]: S<C>[P][I]['keys'] extends [] ? never : I;
}[Str<S<C>[P]>];

/** Every strict prefix of a key tuple: `[A, B]` → `[] | [A]`. */
export type KeyPrefix<K extends unknown[]> = K extends [...infer H, unknown] ? H | KeyPrefix<H> : never;

type QueryArgs<K extends unknown[]> = K extends [] ? [keys?: [], opts?: AtOptions] : [keys: Input<K>, opts?: AtOptions];

/** A `[pallet, item, keys]` request for queryMulti, for every storage item of the chain. */
export type StorageRequestOf<C extends ChainDefinition> = {
  [P in Str<S<C>>]: {
    [I in Str<S<C>[P]>]: S<C>[P][I]['keys'] extends [] ? readonly [P, I] | readonly [P, I, []] : readonly [P, I, Input<S<C>[P][I]['keys']>];
  }[Str<S<C>[P]>];
}[Str<S<C>>];

type ValueOfRequest<C extends ChainDefinition, R> = R extends readonly [infer P, infer I, ...unknown[]]
  ? P extends Str<S<C>>
    ? I extends Str<S<C>[P]>
      ? S<C>[P][I]['value']
      : never
    : never
  : never;

type A<C extends ChainDefinition> = C['apis'];
type ApiArgs<M extends ApiMethodDef> = M['args'] extends [] ? [args?: [] | Record<string, never>, opts?: AtOptions] : [args: Input<M['args']> | Input<M['named']>, opts?: AtOptions];

/** A decoded event whose `pallet`/`name` pick the type of `data`. */
export type TypedEvent<C extends ChainDefinition> = Omit<ChainEvent, 'pallet' | 'name' | 'data'> &
  {
    [P in Str<C['events']>]: { [N in Str<C['events'][P]>]: { pallet: P; name: N; data: C['events'][P][N] } }[Str<C['events'][P]>];
  }[Str<C['events']>];

/** A module error of the chain: a pallet and one of its error names. */
export type ModuleErrorOf<C extends ChainDefinition> = {
  [P in Str<C['errors']>]: { [N in Str<C['errors'][P]>]: { type: 'Module'; pallet: P; name: N } }[Str<C['errors'][P]>];
}[Str<C['errors']>];

/** `DispatchErrorInfo` with pallet and error names typed for the chain. */
export type TypedDispatchError<C extends ChainDefinition> = DispatchErrorInfo & (ModuleErrorOf<C> | { pallet?: undefined; name?: undefined });

/** The client's read methods, typed from `C`; everything else is the client as it is. */
export interface TypedReads<C extends ChainDefinition> {
  /** One storage value; `null` exactly when the item is Optional and absent. */
  query<P extends Str<S<C>>, I extends Str<S<C>[P]>>(pallet: P, item: I, ...rest: QueryArgs<Item<C, P, I>['keys']>): Promise<Item<C, P, I>['value']>;
  /** Many storage values in one request; the result tuple follows the request tuple. */
  queryMulti<const R extends readonly StorageRequestOf<C>[]>(requests: R, opts?: AtOptions): Promise<{ -readonly [K in keyof R]: ValueOfRequest<C, R[K]> }>;
  /** Iterate a map under a strict prefix of its keys. */
  queryMap<P extends Str<S<C>>, I extends MapItems<C, P>>(
    pallet: P,
    item: I,
    partialKeys?: Input<KeyPrefix<Item<C, P, I>['keys']>>,
    opts?: QueryMapOptions,
  ): AsyncGenerator<QueryMapEntry<Item<C, P, I>['decodedKeys'], Item<C, P, I>['value']>>;
  /** A runtime API call; args by position or by name. */
  runtimeCall<Api extends Str<A<C>>, M extends Str<A<C>[Api]>>(api: Api, method: M, ...rest: ApiArgs<A<C>[Api][M]>): Promise<A<C>[Api][M]['output']>;
  /** A pallet constant. */
  getConstant<P extends Str<C['constants']>, N extends Str<C['constants'][P]>>(pallet: P, name: N, opts?: AtOptions): Promise<C['constants'][P][N]>;
  /** The block's events, `data` typed by pallet and event name. */
  getEvents(opts?: AtOptions): Promise<TypedEvent<C>[]>;
}

/** A SubstrateClient seen through a chain's generated types. */
export type TypedClient<C extends ChainDefinition> = Omit<SubstrateClient, keyof TypedReads<C>> & TypedReads<C>;

/** View `client` through the types generated for a chain. Same object: no copy, no wrapper. */
export function typed<C extends ChainDefinition>(client: SubstrateClient): TypedClient<C> {
  clientArg(client, 'client');
  return client as unknown as TypedClient<C>;
}

/** composeCall with the pallet, call name and arguments checked against `C`. */
export type TypedComposeCall<C extends ChainDefinition> = <P extends Str<C['calls']>, N extends Str<C['calls'][P]>>(
  registry: Registry,
  pallet: P,
  name: N,
  ...args: C['calls'][P][N] extends null ? [args?: Record<string, never> | []] : [args: Input<C['calls'][P][N]>]
) => Call;

/** An extrinsic receipt whose events and dispatch error are typed for `C`. */
export type TypedReceipt<C extends ChainDefinition> = Omit<ExtrinsicReceipt, 'events' | 'dispatchError'> & {
  events: TypedEvent<C>[];
  dispatchError: TypedDispatchError<C> | null;
};

/** tx(client, pallet, name, args) with the pallet, call name and arguments checked against `C`. */
export type TypedTx<C extends ChainDefinition> = <P extends Str<C['calls']>, N extends Str<C['calls'][P]>>(
  client: SubstrateClient,
  pallet: P,
  name: N,
  ...args: C['calls'][P][N] extends null ? [args?: Record<string, never> | []] : [args: Input<C['calls'][P][N]>]
) => Tx;

/** composeCall, tx and submitExtrinsic, typed for `C`. */
export interface TypedExtrinsics<C extends ChainDefinition> {
  composeCall: TypedComposeCall<C>;
  tx: TypedTx<C>;
  submitExtrinsic(client: SubstrateClient, extrinsicHex: string, opts?: Parameters<typeof submitExtrinsic>[2]): Promise<TypedReceipt<C>>;
}

/** The extrinsic helpers seen through `C` (they are the same functions). */
export function typedExtrinsics<C extends ChainDefinition>(): TypedExtrinsics<C> {
  return { composeCall, submitExtrinsic, tx } as unknown as TypedExtrinsics<C>;
}
