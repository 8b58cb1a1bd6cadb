/**
 * Registration, serving (axon/prometheus), subnet registration and identity, hotkey swap: bittensor
 * 10.2's registration.py, root.py, serving.py and start_call.py. The coldkey signs registrations,
 * subnet calls and the hotkey swap; the hotkey signs what it serves. Python's pre-checks run at one
 * head block before anything is signed; where Python answers "already done" without sending
 * (already registered, axon already served with the same fields) these resolve to `null`.
 * @module
 */
import { addressesOf, composeCall, read, type Call, type ExtrinsicReceipt, type Signer } from '../substrate/index.js';
import { ss58Encode } from '../scale/index.js';
import type { FinneyChain } from '../chains/index.js';
import { addressArg, optBoolArg, optUintArg, optionsArg, signerArg, U16_MAX } from '../substrate/validate.js';
import { netuidArg } from './args.js';
import { balance } from './balance.js';
import { UIDS } from './addresses.js';
import { PreconditionError, submitCall, writeOptionsArg, type WriteOptions } from './write.js';
import {
  axonFieldsArg, callFields, certificateArg, prometheusFieldsArg, subnetIdentityArg,
  type AxonEndpoint, type PrometheusEndpoint, type SubnetIdentityInput,
} from './serve-calls.js';
import type { Subtensor } from './subtensor.js';
import { UnsupportedRuntimeError } from './subnets.js';

const finney = addressesOf<FinneyChain>();
const AXONS = finney.storage('SubtensorModule', 'Axons');
const PROMETHEUS = finney.storage('SubtensorModule', 'Prometheus');
const BURN = finney.storage('SubtensorModule', 'Burn');

/** Options of swapHotkey. */
export interface SwapHotkeyOptions extends WriteOptions {
  /** Swap on this subnet only (runtimes whose swap_hotkey takes a netuid); absent: every subnet. */
  netuid?: number | null;
  /** Send swap_hotkey_v2 with this keep_stake (runtimes that have it); absent: plain swap_hotkey. */
  keepStake?: boolean;
}

const addressOf = (st: Subtensor, s: Signer): string => ss58Encode(s.accountId ?? s.publicKey, st.client.ss58Prefix);
const head = (st: Subtensor, o: WriteOptions): Promise<string> => st.client.getChainHead({ signal: o.signal });

/** Compose `SubtensorModule.name(args)` at the head runtime, refusing plainly when the runtime lacks the call. */
async function compose(st: Subtensor, name: string, args: (fields: string[]) => Record<string, unknown>, o: WriteOptions): Promise<Call> {
  const rt = await st.client.runtime({ signal: o.signal });
  const fields = callFields(rt.registry, 'SubtensorModule', name);
  if (fields === null) throw new UnsupportedRuntimeError('SubtensorModule', name, rt.version.specVersion, 'the runtime has no such call');
  return composeCall(rt.registry, 'SubtensorModule', name, args(fields));
}

/** Python's shared checks: the subnet exists, and the hotkey is not on it yet (its uid, or null). */
async function registrationState(st: Subtensor, netuid: number, hotkey: string, o: WriteOptions): Promise<number | null> {
  const blockHash = await head(st, o);
  const sel = { blockHash, signal: o.signal };
  const [exists, uid] = await Promise.all([st.subnetExists(netuid, sel), st.getUidForHotkeyOnSubnet(hotkey, netuid, sel)]);
  if (!exists) throw new PreconditionError('subnet', `Subnet ${netuid} does not exist.`);
  return uid;
}

export async function burnedRegister(st: Subtensor, signer: Signer, netuid: number, hotkey: string, opts: WriteOptions = {}): Promise<ExtrinsicReceipt | null> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  addressArg(hotkey, 'hotkey');
  const o = writeOptionsArg(opts);
  if ((await registrationState(st, netuid, hotkey, o)) !== null) return null;
  return submitCall(st, signer, await compose(st, 'burned_register', () => ({ netuid, hotkey }), o), o);
}

export async function register(st: Subtensor, signer: Signer, netuid: number, hotkey: string, opts: WriteOptions = {}): Promise<null> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  addressArg(hotkey, 'hotkey');
  const o = writeOptionsArg(opts);
  if ((await registrationState(st, netuid, hotkey, o)) !== null) return null;
  throw new PreconditionError('pow-not-supported',
    `registering hotkey ${hotkey} on subnet ${netuid} needs a proof of work, which this library does not solve; use burnedRegister`);
}

export async function rootRegister(st: Subtensor, signer: Signer, hotkey: string, opts: WriteOptions = {}): Promise<ExtrinsicReceipt | null> {
  signerArg(signer, 'signer');
  addressArg(hotkey, 'hotkey');
  const o = writeOptionsArg(opts);
  const sel = { blockHash: await head(st, o), signal: o.signal };
  const [burn, free, uid] = await Promise.all([
    read(st.client, BURN, [0], sel), st.getBalance(addressOf(st, signer), sel), st.getUidForHotkeyOnSubnet(hotkey, 0, sel),
  ]);
  if (free.rao < burn) throw new PreconditionError('balance', `Insufficient balance ${free.tao} τ to register neuron. Current recycle is ${balance(burn).tao} τ.`);
  if (uid !== null) return null;
  return submitCall(st, signer, await compose(st, 'root_register', () => ({ hotkey }), o), o);
}

export async function registerSubnet(st: Subtensor, signer: Signer, hotkey: string, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  addressArg(hotkey, 'hotkey');
  const o = writeOptionsArg(opts);
  const sel = { blockHash: await head(st, o), signal: o.signal };
  const [free, cost] = await Promise.all([st.getBalance(addressOf(st, signer), sel), st.getSubnetBurnCost(sel)]);
  if (cost.rao > free.rao) {
    throw new PreconditionError('balance', `Insufficient balance ${free.tao} τ to register subnet. Current burn cost is ${cost.tao} τ.`);
  }
  // older runtimes also take a mechanism id; bittensor sent 1 while they did
  const call = await compose(st, 'register_network', (f) => (f.includes('mechid') ? { hotkey, mechid: 1 } : { hotkey }), o);
  return submitCall(st, signer, call, o);
}

export async function startCall(st: Subtensor, signer: Signer, netuid: number, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  const o = writeOptionsArg(opts);
  return submitCall(st, signer, await compose(st, 'start_call', () => ({ netuid }), o), o);
}

export async function serveAxon(
  st: Subtensor, signer: Signer, netuid: number, axon: AxonEndpoint, certificate: string | Uint8Array | null = null, opts: WriteOptions = {},
): Promise<ExtrinsicReceipt | null> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  const fields = axonFieldsArg(axon);
  const cert = certificateArg(certificate);
  const o = writeOptionsArg(opts);
  const hotkey = addressOf(st, signer);
  const sel = { blockHash: await head(st, o), signal: o.signal };
  const [uid, stored] = await Promise.all([read(st.client, UIDS, [netuid, hotkey], sel), read(st.client, AXONS, [netuid, hotkey], sel)]);
  const same = stored !== null && (Object.keys(fields) as (keyof typeof fields)[]).every((k) => stored[k] === fields[k]);
  if (uid !== null && same) return null;
  const name = cert ? 'serve_axon_tls' : 'serve_axon';
  return submitCall(st, signer, await compose(st, name, () => ({ netuid, ...fields, ...(cert ? { certificate: cert } : {}) }), o), o);
}

export async function servePrometheus(st: Subtensor, signer: Signer, netuid: number, prometheus: PrometheusEndpoint, opts: WriteOptions = {}): Promise<ExtrinsicReceipt | null> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  const fields = prometheusFieldsArg(prometheus);
  const o = writeOptionsArg(opts);
  const hotkey = addressOf(st, signer);
  const sel = { blockHash: await head(st, o), signal: o.signal };
  const [uid, stored] = await Promise.all([read(st.client, UIDS, [netuid, hotkey], sel), read(st.client, PROMETHEUS, [netuid, hotkey], sel)]);
  const same = stored !== null && (Object.keys(fields) as (keyof typeof fields)[]).every((k) => stored[k] === fields[k]);
  if (uid !== null && same) return null;
  return submitCall(st, signer, await compose(st, 'serve_prometheus', () => ({ netuid, ...fields }), o), o);
}

export async function setSubnetIdentity(st: Subtensor, signer: Signer, netuid: number, subnetIdentity: SubnetIdentityInput, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  netuidArg(netuid);
  const identity = subnetIdentityArg(subnetIdentity);
  const o = writeOptionsArg(opts);
  const call = await compose(st, 'set_subnet_identity', (f) => {
    // older runtimes take fewer texts: an empty one they lack is dropped, a non-empty one refused
    const lost = Object.keys(identity).filter((k) => !f.includes(k) && identity[k].length > 0);
    if (lost.length) throw new PreconditionError('runtime', `this runtime's set_subnet_identity has no ${lost.join(', ')}`);
    return { netuid, ...Object.fromEntries(Object.entries(identity).filter(([k]) => f.includes(k))) };
  }, o);
  return submitCall(st, signer, call, o);
}

export async function swapHotkey(st: Subtensor, signer: Signer, hotkey: string, newHotkey: string, opts: SwapHotkeyOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  addressArg(hotkey, 'hotkey');
  addressArg(newHotkey, 'newHotkey');
  const p = optionsArg(opts, 'opts');
  const netuid = optUintArg(p.netuid, 'opts.netuid', U16_MAX) ?? null;
  const keepStake = optBoolArg(p.keepStake, 'opts.keepStake');
  const o = writeOptionsArg(opts);
  const name = keepStake === undefined ? 'swap_hotkey' : 'swap_hotkey_v2';
  const call = await compose(st, name, (f) => {
    if (!f.includes('netuid')) {
      if (netuid !== null) throw new PreconditionError('runtime', "this runtime's swap_hotkey swaps on every subnet; it takes no netuid");
      return { hotkey, new_hotkey: newHotkey };
    }
    return { hotkey, new_hotkey: newHotkey, netuid, ...(keepStake === undefined ? {} : { keep_stake: keepStake }) };
  }, o);
  return submitCall(st, signer, call, o);
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const serveWrites = {
  /**
   * Register `hotkey` on subnet `netuid` by recycling TAO (burned_register), signed by the coldkey
   * `signer` that will own it. Python's checks first, at the head: the subnet must exist
   * (PreconditionError 'subnet'); a hotkey already on it resolves to `null` with nothing sent, as
   * Python's "Already registered.". The burn is not compared with the balance (Python does not
   * either): the runtime refuses with its own error.
   */
  burnedRegister,
  /**
   * Python's proof-of-work registration. The same checks as burnedRegister (missing subnet:
   * PreconditionError 'subnet'; already registered: `null`), then a refusal: solving the proof of
   * work is not implemented here, so anything else rejects with PreconditionError
   * 'pow-not-supported' before signing. Use burnedRegister.
   */
  register,
  /**
   * Register `hotkey` on the root network (root_register), signed by the coldkey `signer`. As
   * Python: a free balance below subnet 0's Burn is PreconditionError 'balance'; a hotkey already
   * on root resolves to `null` with nothing sent.
   */
  rootRegister,
  /**
   * Register a new subnet owned by the coldkey `signer` with `hotkey` as its owner hotkey
   * (register_network; runtimes that also take a mechanism id get 1, as bittensor sent). A free
   * balance below the lock cost (getSubnetBurnCost) is PreconditionError 'balance'. The new netuid
   * is in the receipt's NetworkAdded event.
   */
  registerSubnet,
  /** Start a subnet's emissions (start_call), signed by the subnet owner's coldkey. */
  startCall,
  /**
   * Publish the axon endpoint of the hotkey `signer` on subnet `netuid` (serve_axon, or
   * serve_axon_tls when a non-empty `certificate` is given: a string is sent UTF-8 encoded, as
   * Python's Certificate, bytes as they are). The IP string becomes the chain's integer and ip_type
   * (4 or 6); protocol defaults to 4, version to BITTENSOR_VERSION_AS_INT, placeholders to 0, as
   * Python. When the hotkey is registered there and its stored axon (Axons) already has exactly
   * these fields, resolves to `null` with nothing sent (the certificate is not compared, as in
   * Python). An unregistered hotkey is sent anyway, as Python does, and the runtime refuses it.
   */
  serveAxon,
  /**
   * Publish the prometheus endpoint of the hotkey `signer` on subnet `netuid` (serve_prometheus).
   * Python 10.2 dropped this method; it follows bittensor 8's: `null` when the stored endpoint
   * (Prometheus) already has this version, ip, port and ip type.
   */
  servePrometheus,
  /**
   * Set subnet `netuid`'s identity (set_subnet_identity), signed by the owner's coldkey. Texts are
   * sent UTF-8 encoded; absent ones are empty. A runtime whose call takes fewer texts gets the ones
   * it has; a non-empty text it has no field for is PreconditionError 'runtime'.
   */
  setSubnetIdentity,
  /**
   * Move `hotkey`'s registrations and stake to `newHotkey` (swap_hotkey), signed by the coldkey
   * owning `hotkey`. `opts.netuid` limits it to one subnet and `opts.keepStake` sends
   * swap_hotkey_v2, on runtimes whose calls take them (else PreconditionError 'runtime'). Not in
   * Python 10.2's AsyncSubtensor (btcli sends it); the runtime checks ownership and the swap cost.
   */
  swapHotkey,
} satisfies Record<string, (st: Subtensor, ...a: never[]) => unknown>;
