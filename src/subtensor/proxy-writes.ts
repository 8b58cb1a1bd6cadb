/**
 * Proxy writes, ported from bittensor 10.2's AsyncSubtensor (extrinsics/asyncex/proxy.py): add and
 * remove proxies, pure proxies, calls made through a proxy, and the announcements of time-delayed
 * proxies. The real account signs what it grants or rejects (addProxy, removeProxy, removeProxies,
 * createPureProxy, rejectProxyAnnouncement, pokeDeposit); the delegate signs what it does for the
 * real account (proxy, proxyAnnounced, announceProxy, removeProxyAnnouncement); the spawner signs
 * killPureProxy. Proxy types are checked against the head runtime's ProxyType enum before anything
 * is signed (UnknownProxyTypeError lists the ones it has), as Python checks its ProxyType list; a
 * Proxy call the runtime lacks is an UnsupportedRuntimeError. Read the effects back with
 * getProxiesForRealAccount and getProxyAnnouncement (./proxies.ts).
 * @module
 */
import { ExtrinsicError, composeCall, type Call, type DispatchErrorInfo, type ExtrinsicReceipt, type Runtime, type Signer } from '../substrate/index.js';
import { U32_MAX, addressArg, signerArg, uintArg } from '../substrate/validate.js';
import type { Subtensor } from './subtensor.js';
import { UnsupportedRuntimeError } from './subnets.js';
import { submitCall, writeOptionsArg, type WriteOptions } from './write.js';
import {
  callHashArg, checkProxyType, decodeInnerCall, innerCallArg, innerErrorOf, multiAddress, optProxyTypeArg, proxyTypeArg, pureCreatedOf,
  type PureProxyInfo,
} from './proxy-calls.js';

/** createPureProxy's receipt, with the new account from its PureCreated event. */
export interface PureProxyReceipt extends ExtrinsicReceipt {
  /** The pure proxy made; null when the receipt has no events (`waitFor: 'none'`, `dryRun`). */
  pureProxy: PureProxyInfo | null;
}

/** The receipt of a call made through a proxy (proxy, proxyAnnounced, killPureProxy). */
export interface ProxyCallReceipt extends ExtrinsicReceipt {
  /**
   * The inner call's DispatchError from the ProxyExecuted event, null when it succeeded (or there
   * are no events). The proxy extrinsic itself succeeds either way; with `raiseError` (the
   * default) an inner failure rejects with an ExtrinsicError carrying this error.
   */
  innerError: DispatchErrorInfo | null;
}

/** The head runtime, refused with UnsupportedRuntimeError when its Proxy pallet lacks `name`. */
async function proxyRuntime(st: Subtensor, name: string, signal?: AbortSignal): Promise<Runtime> {
  const rt = await st.client.runtime({ signal });
  const p = rt.metadata.pallets.find((x) => x.name === 'Proxy');
  const def = p?.calls == null ? null : rt.metadata.types[p.calls].def;
  if (def?.tag !== 'variant' || !def.variants.some((v) => v.name === name)) {
    throw new UnsupportedRuntimeError('Proxy', name, rt.version.specVersion, p ? `the Proxy pallet has no ${name} call` : 'there is no Proxy pallet');
  }
  return rt;
}

/** Compose Proxy.`name` with the args `build` makes from the head runtime (where proxy types are checked), and send it. */
async function send(st: Subtensor, signer: Signer, name: string, o: WriteOptions, build: (rt: Runtime) => Record<string, unknown> = () => ({})): Promise<ExtrinsicReceipt> {
  const rt = await proxyRuntime(st, name, o.signal);
  return submitCall(st, signer, composeCall(rt.registry, 'Proxy', name, build(rt)), o);
}

const typeIn = (rt: Runtime, value: string, name: string) => checkProxyType(rt.registry, rt.version.specVersion, value, name);

/** Send Proxy.`name` carrying `inner`, and report (or, with raiseError, reject on) the inner call's failure. */
async function sendWrapped(
  st: Subtensor, signer: Signer, name: 'proxy' | 'proxy_announced', force: string | null, inner: Call, o: WriteOptions, args: Record<string, unknown>,
): Promise<ProxyCallReceipt> {
  const rt = await proxyRuntime(st, name, o.signal);
  const forceProxyType = force === null ? null : typeIn(rt, force, 'forceProxyType');
  const call = composeCall(rt.registry, 'Proxy', name, { ...args, force_proxy_type: forceProxyType, call: decodeInnerCall(rt.registry, inner, 'call') });
  const r = await submitCall(st, signer, call, o);
  const innerError = innerErrorOf(rt.registry, r);
  if (innerError && o.raiseError !== false) {
    const what = [innerError.pallet, innerError.name].filter(Boolean).join('.') || innerError.type;
    throw new ExtrinsicError(`Proxy.${name}: the inner call ${inner.pallet}.${inner.name} failed: ${what}${innerError.docs?.length ? ` — ${innerError.docs.join(' ')}` : ''}`, 'failed', innerError);
  }
  return { ...r, innerError };
}

export async function addProxy(st: Subtensor, signer: Signer, delegate: string, proxyType: string, delay: number, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  addressArg(delegate, 'delegate');
  proxyTypeArg(proxyType, 'proxyType');
  uintArg(delay, 'delay', U32_MAX);
  const o = writeOptionsArg(opts);
  return send(st, signer, 'add_proxy', o, (rt) => ({ delegate: multiAddress(delegate), proxy_type: typeIn(rt, proxyType, 'proxyType'), delay }));
}

export async function removeProxy(st: Subtensor, signer: Signer, delegate: string, proxyType: string, delay: number, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  addressArg(delegate, 'delegate');
  proxyTypeArg(proxyType, 'proxyType');
  uintArg(delay, 'delay', U32_MAX);
  const o = writeOptionsArg(opts);
  return send(st, signer, 'remove_proxy', o, (rt) => ({ delegate: multiAddress(delegate), proxy_type: typeIn(rt, proxyType, 'proxyType'), delay }));
}

export async function removeProxies(st: Subtensor, signer: Signer, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  return send(st, signer, 'remove_proxies', writeOptionsArg(opts));
}

export async function createPureProxy(st: Subtensor, signer: Signer, proxyType: string, delay: number, index: number, opts: WriteOptions = {}): Promise<PureProxyReceipt> {
  signerArg(signer, 'signer');
  proxyTypeArg(proxyType, 'proxyType');
  uintArg(delay, 'delay', U32_MAX);
  uintArg(index, 'index', 0xffff);
  const o = writeOptionsArg(opts);
  const r = await send(st, signer, 'create_pure', o, (rt) => ({ proxy_type: typeIn(rt, proxyType, 'proxyType'), delay, index }));
  return { ...r, pureProxy: pureCreatedOf(r) };
}

export async function killPureProxy(
  st: Subtensor, signer: Signer, pureProxy: string, spawner: string, proxyType: string, index: number, height: number, extIndex: number,
  forceProxyType: string | null = 'Any', opts: WriteOptions = {},
): Promise<ProxyCallReceipt> {
  signerArg(signer, 'signer');
  addressArg(pureProxy, 'pureProxy');
  addressArg(spawner, 'spawner');
  proxyTypeArg(proxyType, 'proxyType');
  uintArg(index, 'index', 0xffff);
  uintArg(height, 'height', U32_MAX);
  uintArg(extIndex, 'extIndex', U32_MAX);
  const force = optProxyTypeArg(forceProxyType, 'forceProxyType');
  const o = writeOptionsArg(opts);
  const rt = await proxyRuntime(st, 'kill_pure', o.signal);
  const kill = composeCall(rt.registry, 'Proxy', 'kill_pure', {
    spawner: multiAddress(spawner), proxy_type: typeIn(rt, proxyType, 'proxyType'), index, height, ext_index: extIndex,
  });
  return sendWrapped(st, signer, 'proxy', force, kill, o, { real: multiAddress(pureProxy) });
}

export async function proxy(st: Subtensor, signer: Signer, realAccount: string, forceProxyType: string | null, call: Call, opts: WriteOptions = {}): Promise<ProxyCallReceipt> {
  signerArg(signer, 'signer');
  addressArg(realAccount, 'realAccount');
  const force = optProxyTypeArg(forceProxyType, 'forceProxyType');
  const inner = innerCallArg(call, 'call');
  const o = writeOptionsArg(opts);
  return sendWrapped(st, signer, 'proxy', force, inner, o, { real: multiAddress(realAccount) });
}

export async function proxyAnnounced(
  st: Subtensor, signer: Signer, delegate: string, realAccount: string, forceProxyType: string | null, call: Call, opts: WriteOptions = {},
): Promise<ProxyCallReceipt> {
  signerArg(signer, 'signer');
  addressArg(delegate, 'delegate');
  addressArg(realAccount, 'realAccount');
  const force = optProxyTypeArg(forceProxyType, 'forceProxyType');
  const inner = innerCallArg(call, 'call');
  const o = writeOptionsArg(opts);
  return sendWrapped(st, signer, 'proxy_announced', force, inner, o, { delegate: multiAddress(delegate), real: multiAddress(realAccount) });
}

export async function announceProxy(st: Subtensor, signer: Signer, realAccount: string, callHash: string | Uint8Array | Call, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  addressArg(realAccount, 'realAccount');
  const hash = callHashArg(callHash, 'callHash');
  return send(st, signer, 'announce', writeOptionsArg(opts), () => ({ real: multiAddress(realAccount), call_hash: hash }));
}

export async function rejectProxyAnnouncement(st: Subtensor, signer: Signer, delegate: string, callHash: string | Uint8Array | Call, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  addressArg(delegate, 'delegate');
  const hash = callHashArg(callHash, 'callHash');
  return send(st, signer, 'reject_announcement', writeOptionsArg(opts), () => ({ delegate: multiAddress(delegate), call_hash: hash }));
}

export async function removeProxyAnnouncement(st: Subtensor, signer: Signer, realAccount: string, callHash: string | Uint8Array | Call, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  addressArg(realAccount, 'realAccount');
  const hash = callHashArg(callHash, 'callHash');
  return send(st, signer, 'remove_announcement', writeOptionsArg(opts), () => ({ real: multiAddress(realAccount), call_hash: hash }));
}

export async function pokeDeposit(st: Subtensor, signer: Signer, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  return send(st, signer, 'poke_deposit', writeOptionsArg(opts));
}

/** The methods this module adds to Subtensor (./methods.ts). */
export const proxyWrites = {
  /**
   * Let `delegate` act for the signer (the real account) with `proxyType` (a name of the runtime's
   * ProxyType enum, e.g. 'Any', 'Staking', 'NonTransfer') and `delay` blocks between announcing a
   * call and making it (0: no announcement needed): Python's add_proxy. The runtime reserves
   * ProxyDepositBase + ProxyDepositFactor × proxies from the signer, returned on removal.
   */
  addProxy,
  /** Remove one proxy of the signer; `delegate`, `proxyType` and `delay` must be those it was added with: Python's remove_proxy. */
  removeProxy,
  /** Remove every proxy of the signer and unreserve their deposit: Python's remove_proxies. */
  removeProxies,
  /**
   * Create a keyless pure proxy account whose `proxyType` proxy (with `delay`) is the signer; `index`
   * (u16 salt) tells apart pure proxies made with the same type in the same extrinsic: Python's
   * create_pure_proxy. The receipt's `pureProxy` is what the PureCreated event says (the new
   * account, spawner, type, index) with the block `height` and `extIndex` killPureProxy needs.
   */
  createPureProxy,
  /**
   * Destroy a pure proxy: Proxy.kill_pure(spawner, proxyType, index, height, extIndex) made by the
   * spawner (the signer) through proxy() on behalf of `pureProxy`, with `forceProxyType` (default
   * 'Any'; null lets the runtime pick): Python's kill_pure_proxy. Funds left in it are lost.
   */
  killPureProxy,
  /**
   * Make `call` (a Call from composeCall or `st.tx(...).call()`) on behalf of `realAccount`, signed
   * by its proxy; `forceProxyType` null lets the runtime use any proxy the signer has: Python's
   * proxy. The inner call's outcome is in the receipt's `innerError` (ProxyExecuted); with
   * `raiseError` (default) its failure rejects with an ExtrinsicError naming the inner error.
   */
  proxy,
  /**
   * Make a call `delegate` announced for `realAccount` once its delay has passed (the call's
   * blake2-256 hash must be the announced one): Python's proxy_announced. The inner outcome as proxy().
   */
  proxyAnnounced,
  /**
   * Announce, as a delegate with a delay, the hash of a call to be made for `realAccount` later
   * (`callHash`: 32 bytes as hex with or without 0x, or the Call itself, hashed with blake2-256):
   * Python's announce_proxy. Reserves AnnouncementDepositBase + Factor × announcements from the signer.
   */
  announceProxy,
  /** As the real account, reject (delete) `delegate`'s announcement of `callHash`; its deposit returns to the delegate: Python's reject_proxy_announcement. */
  rejectProxyAnnouncement,
  /** As the delegate, withdraw its own announcement of `callHash` for `realAccount`, unreserving its deposit: Python's remove_proxy_announcement. */
  removeProxyAnnouncement,
  /**
   * Recompute the signer's proxy and announcement deposits from the current constants (the fee is
   * waived when a deposit changes): Python's poke_deposit. Runtimes without Proxy.poke_deposit
   * (spec 218) give UnsupportedRuntimeError before anything is signed.
   */
  pokeDeposit,
} satisfies Record<string, (st: Subtensor, ...a: never[]) => unknown>;
