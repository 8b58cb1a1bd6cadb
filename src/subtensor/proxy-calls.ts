/**
 * The pieces the proxy writes (./proxy-writes.ts) are built from: proxy types checked against the
 * runtime's own ProxyType enum, call hashes, an inner Call decoded back into the runtime's call
 * value so Proxy.proxy can carry it, and what the receipt's events say (PureCreated, ProxyExecuted).
 * @module
 */
import { Cursor, blake2_256, fromHex, type Registry } from '../scale/index.js';
import { InvalidArgumentError, dispatchErrorInfo, type Call, type DispatchErrorInfo, type ExtrinsicReceipt } from '../substrate/index.js';
import { objectArg } from '../substrate/validate.js';

/** A proxy type name the runtime's ProxyType enum does not have; `allowed` lists the ones it has. */
export class UnknownProxyTypeError extends InvalidArgumentError {
  override name = 'UnknownProxyTypeError';
  /** The runtime's ProxyType variants, in index order. */
  readonly allowed: string[];
  readonly specVersion: number;
  constructor(argument: string, value: string, allowed: string[], specVersion: number) {
    super(`${argument}: the runtime (spec ${specVersion}) has no proxy type ${JSON.stringify(value)}; its ProxyType is one of ${allowed.join(', ')}`, argument, value);
    this.allowed = allowed;
    this.specVersion = specVersion;
  }
}

const shapeFail = (name: string, expected: string, v: unknown): never => {
  throw new InvalidArgumentError(`${name}: expected ${expected}, got ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`, name, v);
};

/** A proxy type name (a non-empty string); whether the runtime has it is checked by `checkProxyType`. */
export function proxyTypeArg(v: unknown, name: string): string {
  if (typeof v !== 'string' || v.length === 0) shapeFail(name, "a proxy type name such as 'Any' or 'Staking'", v);
  return v as string;
}

/** Like proxyTypeArg, but null (or undefined) is "no forced type": the runtime picks any proxy the signer has. */
export function optProxyTypeArg(v: unknown, name: string): string | null {
  return v === null || v === undefined ? null : proxyTypeArg(v, name);
}

/** The runtime's ProxyType variant names (the type of Proxy.add_proxy's `proxy_type`), in index order. */
export function runtimeProxyTypes(registry: Registry): string[] {
  const p = registry.pallet('Proxy');
  const calls = p.calls === null ? null : registry.metadata.types[p.calls].def;
  const add = calls?.tag === 'variant' ? calls.variants.find((v) => v.name === 'add_proxy') : undefined;
  const field = add?.fields.find((f) => f.name === 'proxy_type');
  const def = field ? registry.metadata.types[field.type].def : null;
  return def?.tag === 'variant' ? [...def.variants].sort((a, b) => a.index - b.index).map((v) => v.name) : [];
}

/** `value` if the runtime's ProxyType has it, else UnknownProxyTypeError naming `name`. */
export function checkProxyType(registry: Registry, specVersion: number, value: string, name: string): string {
  const allowed = runtimeProxyTypes(registry);
  if (!allowed.includes(value)) throw new UnknownProxyTypeError(name, value, allowed, specVersion);
  return value;
}

const HASH_HEX = /^(0x)?[0-9a-fA-F]{64}$/;

/**
 * A call hash: 32 bytes, as hex with or without 0x (Python prefixes a bare one), a Uint8Array, or
 * a Call (hashed with blake2-256, as the Proxy pallet hashes the call it is later given).
 */
export function callHashArg(v: unknown, name: string): Uint8Array {
  if (typeof v === 'string' && HASH_HEX.test(v)) return fromHex(v.startsWith('0x') ? v : `0x${v}`);
  if (v instanceof Uint8Array && v.length === 32) return v;
  if (isCall(v)) return blake2_256(v.bytes);
  return shapeFail(name, 'a call hash (32 bytes: 0x + 64 hex digits, a Uint8Array, or the Call itself)', v);
}

const isCall = (v: unknown): v is Call =>
  typeof v === 'object' && v !== null && (v as { bytes?: unknown }).bytes instanceof Uint8Array && typeof (v as { pallet?: unknown }).pallet === 'string';

/** A Call (from composeCall or st.tx(...).call()): an object with its encoded `bytes`. */
export function innerCallArg(v: unknown, name: string): Call {
  const c = objectArg(v, name, 'a Call from composeCall or st.tx(...).call()');
  if (!(c.bytes instanceof Uint8Array)) shapeFail(`${name}.bytes`, 'the encoded call (a Uint8Array); build calls with composeCall', c.bytes);
  return c as unknown as Call;
}

/** The runtime's call value of `call`, for a RuntimeCall argument; bytes that are not one call of it are refused. */
export function decodeInnerCall(registry: Registry, call: Call, name: string): unknown {
  const callType = registry.metadata.extrinsic.callType;
  if (callType === null) throw new InvalidArgumentError('metadata does not name the runtime call type');
  const cur = new Cursor(call.bytes);
  let value: unknown;
  try {
    value = registry.codec(callType).dec(cur);
  } catch (e) {
    throw new InvalidArgumentError(`${name}: not a call of this runtime (${(e as Error).message})`, name, call);
  }
  if (cur.offset !== call.bytes.length) {
    throw new InvalidArgumentError(`${name}: not one call of this runtime (${call.bytes.length - cur.offset} byte(s) left over)`, name, call);
  }
  return value;
}

/** An account as a MultiAddress argument. */
export const multiAddress = (address: string) => ({ type: 'Id', value: address });

/** The pure proxy createPureProxy made, from its PureCreated event (Python's response.data). */
export interface PureProxyInfo {
  /** The new keyless account. */
  pureAccount: string;
  /** Who created it (the signer); it is the pure account's proxy. */
  spawner: string;
  proxyType: string;
  /** The disambiguation index (salt) given. */
  index: number;
  /** Block number and extrinsic index of the creation: killPureProxy needs both. */
  height: number;
  extIndex: number;
}

const get = (data: unknown, key: string): unknown => (typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined);

/** The PureCreated event of `r` as PureProxyInfo; null when the receipt has no events (waitFor 'none', dryRun). */
export function pureCreatedOf(r: ExtrinsicReceipt): PureProxyInfo | null {
  const e = r.events.find((x) => x.pallet === 'Proxy' && x.name === 'PureCreated');
  if (!e || r.blockNumber === null || r.extrinsicIndex === null) return null;
  return {
    pureAccount: get(e.data, 'pure') as string,
    spawner: get(e.data, 'who') as string,
    proxyType: get(e.data, 'proxy_type') as string,
    index: Number(get(e.data, 'disambiguation_index')),
    height: r.blockNumber,
    extIndex: r.extrinsicIndex,
  };
}

/**
 * How the inner call of a proxy went, from the last (outermost) ProxyExecuted event: null when it
 * succeeded or there are no events, else its DispatchError.
 */
export function innerErrorOf(registry: Registry, r: ExtrinsicReceipt): DispatchErrorInfo | null {
  const e = r.events.filter((x) => x.pallet === 'Proxy' && x.name === 'ProxyExecuted').at(-1);
  const res = get(e?.data, 'result');
  if (typeof res !== 'object' || res === null || !('err' in res)) return null;
  return dispatchErrorInfo(registry, (res as { err: unknown }).err);
}
