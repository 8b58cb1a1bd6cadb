// Composing and signing extrinsics (v4), and pricing them. The signing payload is call ++ explicit
// extension values ++ implicit values, blake2-256 hashed when longer than 256 bytes; the values
// come from the extension table (./extensions.ts). Nonces are reserved per signer (./nonce.ts),
// mortality is 128 blocks from a recent finalized block unless asked otherwise. Submission and
// receipts live in ./submit.ts and ./receipt.ts.
import {
  Cursor, blake2_256, bytes, concatBytes, decode, encode, encodeCompactNumber, fromHex, toHex, ss58Decode, ss58Encode, Writer, type Registry,
} from '../scale/index.js';
import { read, runtimeApi } from './address.js';
import type { AtOptions, Header, SubstrateClient } from './client.js';
import { AbortError } from '../errors.js';
import { InvalidArgumentError } from './errors.js';
import { encodeExtensions } from './extensions.js';
import { getAccountNonce, releaseNonce, reserveNonce } from './nonce.js';
import type { Weight } from './receipt.js';
import type { Signer } from './signer.js';
import {
  U32_MAX, arrayArg, atArg, callArgsArg, hexArg, nameArg, objectArg, optOneOfArg, optUintArg, registryArg, addressArg, clientArg, signerArg,
  optBigintArg,
} from './validate.js';

export { getAccountNonce } from './nonce.js';
export { submitExtrinsic, type SubmitOptions } from './submit.js';
export { dispatchErrorInfo, retrieveExtrinsic, type ExtrinsicReceipt, type RetrievedExtrinsic, type Weight } from './receipt.js';

export interface Call {
  pallet: string;
  name: string;
  args: Record<string, unknown> | unknown[];
  /** Encoded call (pallet index, call index, args). */
  bytes: Uint8Array;
}

/** Encode `pallet.call(args)`; args by field name (object) or position (array). */
export function composeCall(registry: Registry, pallet: string, name: string, args: Record<string, unknown> | unknown[] = {}): Call {
  registryArg(registry, 'registry');
  nameArg(pallet, 'pallet');
  nameArg(name, 'name');
  args = args === undefined || args === null ? {} : callArgsArg(args, 'args');
  const callType = registry.metadata.extrinsic.callType;
  if (callType === null) throw new InvalidArgumentError('metadata does not name the runtime call type');
  const p = registry.pallet(pallet);
  if (p.calls === null) throw new InvalidArgumentError(`pallet: ${pallet} has no calls`, 'pallet', pallet);
  const def = registry.metadata.types[p.calls].def;
  const v = def.tag === 'variant' ? def.variants.find((x) => x.name === name) : undefined;
  if (!v) {
    const names = def.tag === 'variant' ? def.variants.map((x) => x.name) : [];
    throw new InvalidArgumentError(`name: pallet ${pallet} has no call ${name} (calls: ${names.slice(0, 30).join(', ')})`, 'name', name);
  }
  let value: unknown;
  if (v.fields.length === 0) value = undefined;
  else if (v.fields.every((f) => f.name !== null)) {
    const obj = Array.isArray(args) ? Object.fromEntries(v.fields.map((f, i) => [f.name!, args[i]])) : args;
    for (const f of v.fields) if (!(f.name! in obj)) throw new InvalidArgumentError(`args: ${pallet}.${name} needs argument ${f.name} (${registry.typeName(f.type)})`, 'args', args);
    value = obj;
  } else value = v.fields.length === 1 ? (Array.isArray(args) ? args[0] : args) : args;
  const bytes = encode(registry.codec(callType), { type: pallet, value: value === undefined ? { type: name } : { type: name, value } });
  return { pallet, name, args, bytes };
}

export interface SignOptions extends AtOptions {
  /** Explicit nonce; by default the next one is reserved for the signer (see ./nonce.ts). */
  nonce?: number;
  tip?: bigint;
  /** Mortality period in blocks (default 128, bittensor's DEFAULT_PERIOD; a power of two in 4..65536, rounded up); 0 = immortal. */
  era?: number;
}

/** Default mortality: bittensor's DEFAULT_PERIOD. */
export const DEFAULT_ERA_PERIOD = 128;

/** createSignedExtrinsic's arguments, checked before anything is read from the node. */
function signArgs(client: unknown, call: unknown, signer: unknown, opts: unknown): SignOptions {
  clientArg(client, 'client');
  callArg(call, 'call');
  signerArg(signer, 'signer');
  const o = atArg<SignOptions>(opts);
  optUintArg(o.nonce, 'opts.nonce', U32_MAX);
  optBigintArg(o.tip, 'opts.tip');
  if (o.tip !== undefined && o.tip < 0n) throw new InvalidArgumentError(`opts.tip: must not be negative, got ${o.tip}`, 'opts.tip', o.tip);
  optUintArg(o.era, 'opts.era', 65536);
  return o;
}

function callArg(v: unknown, name: string): Call {
  const c = objectArg(v, name, 'a Call from composeCall');
  if (!(c.bytes instanceof Uint8Array)) throw new InvalidArgumentError(`${name}.bytes: expected the encoded call (a Uint8Array); build calls with composeCall`, `${name}.bytes`, c.bytes);
  return c as unknown as Call;
}

// The era's anchor: the latest finalized header, shared by the signatures of the next ANCHOR_MS (a
// bot signing hundreds of extrinsics asks the node once, not twice per signature; a 128-block era
// loses nothing by starting a second earlier).
const ANCHOR_MS = 2000;
const anchors = new WeakMap<object, { at: number; header: Promise<Header> }>();

function recentFinalized(client: SubstrateClient, signal?: AbortSignal): Promise<Header> {
  const hit = anchors.get(client);
  let header: Promise<Header>;
  if (hit && Date.now() - hit.at < ANCHOR_MS) header = hit.header;
  else {
    // fetched without any one caller's signal, since others share it; each caller's signal still ends its wait
    header = client.getChainFinalisedHead().then((blockHash) => client.getBlockHeader({ blockHash }));
    const entry = { at: Date.now(), header };
    anchors.set(client, entry);
    header.catch(() => anchors.get(client) === entry && anchors.delete(client));
  }
  if (!signal) return header;
  if (signal.aborted) return Promise.reject(new AbortError('createSignedExtrinsic', signal.reason));
  return new Promise<Header>((resolve, reject) => {
    const onAbort = () => reject(new AbortError('createSignedExtrinsic', signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    header.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Build and sign a v4 extrinsic for `call` from `signer`. Returns the hex extrinsic. */
export async function createSignedExtrinsic(client: SubstrateClient, call: Call, signer: Signer, opts: SignOptions = {}): Promise<string> {
  opts = signArgs(client, call, signer, opts);
  const who = signer.accountId ?? signer.publicKey; // ecdsa signs as blake2-256 of its key
  const [rt, anchor] = await Promise.all([
    client.runtime(opts),
    opts.blockHash !== undefined ? client.getBlockHeader(opts) : recentFinalized(client, opts.signal),
  ]);
  const address = ss58Encode(who, rt.registry.ss58Prefix);
  const reserved = opts.nonce === undefined;
  const nonce = opts.nonce ?? (await reserveNonce(client, address, opts));
  try {
    const { explicit, implicit } = encodeExtensions(rt.registry, {
      specVersion: rt.version.specVersion, transactionVersion: rt.version.transactionVersion, genesisHash: client.genesisHash,
      nonce, tip: opts.tip ?? 0n, period: opts.era ?? DEFAULT_ERA_PERIOD, anchor,
    });
    let payload = concatBytes(call.bytes, explicit, implicit);
    if (payload.length > 256) payload = blake2_256(payload);
    const sig = await signer.sign(payload);
    // MultiAddress::Id(AccountId32) = 0x00 ++ key; MultiSignature::<type>(sig) = index ++ sig
    const sigIndex = signer.type === 'Ed25519' ? 0 : signer.type === 'Sr25519' ? 1 : 2;
    const body = concatBytes(new Uint8Array([0x84, 0x00]), who, new Uint8Array([sigIndex]), sig, explicit, call.bytes);
    const w = new Writer(body.length + 5);
    encodeCompactNumber(w, body.length);
    w.bytes(body);
    return toHex(w.finish());
  } catch (e) {
    if (reserved) releaseNonce(client, address, nonce);
    throw e;
  }
}

export interface PaymentInfo {
  weight: Weight;
  /** DispatchClass: 'Normal', 'Operational' or 'Mandatory'. */
  class: string;
  /** The fee before tip, in the chain's base unit. */
  partialFee: bigint;
}

// The fields of RuntimeDispatchInfo read here.
const QUERY_INFO = runtimeApi<[uxt: Uint8Array, len: number], { weight: unknown; class: unknown; partial_fee: bigint | number }>('TransactionPaymentApi', 'query_info');

/**
 * Fee and weight of an extrinsic: of a signed one (hex), or of `call` as `address` would send it
 * (Python's get_payment_info(call, keypair)) — signed with a placeholder signature, since the fee
 * depends on the extrinsic's length and weight, not on the signature's bytes; no nonce is reserved.
 */
export async function getPaymentInfo(client: SubstrateClient, extrinsicHex: string, opts?: AtOptions): Promise<PaymentInfo>;
export async function getPaymentInfo(client: SubstrateClient, call: Call, address: string, opts?: AtOptions): Promise<PaymentInfo>;
export async function getPaymentInfo(client: SubstrateClient, what: string | Call, addressOrOpts?: string | AtOptions, maybeOpts?: AtOptions): Promise<PaymentInfo> {
  clientArg(client, 'client');
  let full: Uint8Array;
  let opts: AtOptions;
  if (typeof what !== 'object' || what === null || !('bytes' in what)) {
    hexArg(what, 'extrinsicHex');
    opts = atArg(addressOrOpts);
    full = fromHex(what);
  } else {
    callArg(what, 'call');
    const address = addressArg(addressOrOpts, 'address');
    opts = atArg(maybeOpts);
    full = fromHex(await placeholderSigned(client, what, address, opts));
  }
  // The API's `uxt` is typed as a Vec<u8> wrapper whose encoding is the extrinsic itself (length
  // prefix included), so hand the codec the body and let it add the prefix back.
  const body = decode(bytes, full);
  const r = await read(client, QUERY_INFO, [body, full.length], opts);
  const w = r.weight as { ref_time?: bigint | number; proof_size?: bigint | number } | bigint | number;
  const weight = typeof w === 'object' ? { refTime: BigInt(w.ref_time ?? 0), proofSize: BigInt(w.proof_size ?? 0) } : { refTime: BigInt(w), proofSize: 0n };
  const cls = typeof r.class === 'string' ? r.class : String((r.class as { type?: unknown })?.type);
  return { weight, class: cls, partialFee: BigInt(r.partial_fee) };
}

async function placeholderSigned(client: SubstrateClient, call: Call, address: string, opts: AtOptions): Promise<string> {
  const publicKey = ss58Decode(address).publicKey;
  const fake: Signer = { publicKey, type: 'Sr25519', sign: () => new Uint8Array(64) };
  const nonce = await getAccountNonce(client, address, opts);
  return createSignedExtrinsic(client, call, fake, { ...opts, nonce });
}

/** Utility pallet batch flavours: `batch` stops at the first failure, `batch_all` reverts all, `force_batch` runs every call. */
export type BatchMode = 'batch' | 'batch_all' | 'force_batch';

/**
 * One Utility call wrapping `calls` (each from composeCall with the same registry). The `*Multiple`
 * writes and anyone sending several calls as one extrinsic build on this.
 */
export function batchCall(registry: Registry, calls: Call[], mode: BatchMode = 'batch_all'): Call {
  registryArg(registry, 'registry');
  const list = arrayArg(calls, 'calls');
  list.forEach((c, i) => callArg(c, `calls[${i}]`));
  optOneOfArg(mode, 'mode', ['batch', 'batch_all', 'force_batch'] as const);
  const callType = registry.metadata.extrinsic.callType;
  if (callType === null) throw new InvalidArgumentError('metadata does not name the runtime call type');
  const codec = registry.codec(callType);
  const decoded = (list as Call[]).map((c, i) => {
    const cur = new Cursor(c.bytes);
    const v = codec.dec(cur);
    if (cur.offset !== c.bytes.length) throw new InvalidArgumentError(`calls[${i}]: not one call of this runtime (${c.bytes.length - cur.offset} byte(s) left over)`, `calls[${i}]`, c);
    return v;
  });
  return composeCall(registry, 'Utility', mode, { calls: decoded });
}
