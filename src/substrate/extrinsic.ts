// Building, signing and submitting extrinsics (v4). The signing payload is call ++ explicit
// extension values ++ implicit values, blake2-256 hashed when longer than 256 bytes. Extensions
// are driven by metadata: the known ones get their values, every other must have empty explicit and
// implicit parts, else we refuse with an error naming it (signing a payload the chain computes
// differently would only fail later, less clearly).
import {
  blake2_256, bytes, concatBytes, decode, encode, encodeCompactNumber, fromHex, toHex, ss58Encode, Writer, compactBig, u32,
  type Registry,
} from '../scale/index.js';
import type { RpcTransactionStatus } from '../rpc/methods.js';
import { read, runtimeApi } from './address.js';
import type { AtOptions, SubstrateClient } from './client.js';
import type { ChainEvent } from './events.js';
import { ExtrinsicError, InvalidArgumentError, type DispatchErrorInfo } from './errors.js';
import type { Signer } from './signer.js';
import {
  U32_MAX, atArg, callArgsArg, hexArg, nameArg, objectArg, optOneOfArg, optUintArg, registryArg, addressArg, clientArg, signerArg,
  optBigintArg,
} from './validate.js';

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
  nonce?: number;
  tip?: bigint;
  /** Mortality period in blocks (default 64); 0 = immortal. */
  era?: number;
}

const EMPTY = new Uint8Array(0);

function isEmptyType(registry: Registry, id: number): boolean {
  return registry.minSize(id) === 0 && encode(registry.codec(id), emptyValue(registry, id)).length === 0;
}
function emptyValue(registry: Registry, id: number): unknown {
  const d = registry.metadata.types[id].def;
  if (d.tag === 'composite' && d.fields.length > 0) return d.fields.every((f) => f.name) ? Object.fromEntries(d.fields.map((f) => [f.name!, emptyValue(registry, f.type)])) : null;
  if (d.tag === 'tuple' && d.types.length > 0) return d.types.map((t) => emptyValue(registry, t));
  return null;
}

function mortalEra(period: number, current: number): Uint8Array {
  let p = 4;
  while (p < period && p < 65536) p <<= 1;
  const phase = current % p;
  const quantizeFactor = Math.max(p >> 12, 1);
  const quantizedPhase = Math.floor(phase / quantizeFactor) * quantizeFactor;
  const trailing = Math.min(15, Math.max(1, Math.log2(p) - 1));
  const encoded = trailing | ((quantizedPhase / quantizeFactor) << 4);
  return new Uint8Array([encoded & 0xff, encoded >> 8]);
}

/** createSignedExtrinsic's arguments, checked before anything is read from the node. */
function signArgs(client: unknown, call: unknown, signer: unknown, opts: unknown): SignOptions {
  clientArg(client, 'client');
  const c = objectArg(call, 'call', 'a Call from composeCall');
  if (!(c.bytes instanceof Uint8Array)) throw new InvalidArgumentError('call.bytes: expected the encoded call (a Uint8Array); build calls with composeCall', 'call.bytes', c.bytes);
  signerArg(signer, 'signer');
  const o = atArg<SignOptions>(opts);
  optUintArg(o.nonce, 'opts.nonce', U32_MAX);
  optBigintArg(o.tip, 'opts.tip');
  // Mortality periods are powers of two in 4..65536; smaller values round up to 4.
  optUintArg(o.era, 'opts.era', 65536);
  return o;
}

/** Build and sign a v4 extrinsic for `call` from `signer`. Returns the hex extrinsic. */
export async function createSignedExtrinsic(client: SubstrateClient, call: Call, signer: Signer, opts: SignOptions = {}): Promise<string> {
  opts = signArgs(client, call, signer, opts);
  const rt = await client.runtime(opts);
  const reg = rt.registry;
  const md = reg.metadata.extrinsic;
  const who = signer.accountId ?? signer.publicKey; // ecdsa signs as blake2-256 of its key
  const address = ss58Encode(who, reg.ss58Prefix);
  const [nonce, header] = await Promise.all([
    opts.nonce ?? poolAwareNonce(client, address, opts),
    client.getBlockHeader({ ...opts, blockHash: opts.blockHash ?? (await client.getChainFinalisedHead(opts)) }),
  ]);
  const period = opts.era ?? 64;
  const explicit: Uint8Array[] = [];
  const implicit: Uint8Array[] = [];
  for (const ext of md.extensions) {
    let ex: Uint8Array | null = null;
    let im: Uint8Array | null = null;
    switch (ext.identifier) {
      case 'CheckSpecVersion':
        im = encode(u32, rt.version.specVersion);
        break;
      case 'CheckTxVersion':
        im = encode(u32, rt.version.transactionVersion);
        break;
      case 'CheckGenesis':
        im = fromHex(client.genesisHash);
        break;
      case 'CheckMortality':
      case 'CheckEra':
        ex = period === 0 ? new Uint8Array([0]) : mortalEra(period, header.number);
        im = fromHex(period === 0 ? client.genesisHash : header.hash);
        break;
      case 'CheckNonce': {
        const w = new Writer(8);
        encodeCompactNumber(w, nonce);
        ex = w.finish();
        break;
      }
      case 'ChargeTransactionPayment':
        ex = encode(compactBig, opts.tip ?? 0n);
        break;
      case 'ChargeAssetTxPayment':
        ex = concatBytes(encode(compactBig, opts.tip ?? 0n), new Uint8Array([0]));
        break;
      case 'CheckMetadataHash':
        ex = new Uint8Array([0]); // Mode::Disabled
        im = new Uint8Array([0]); // None
        break;
    }
    if (ex === null) {
      if (!isEmptyType(reg, ext.type)) throw new InvalidArgumentError(`cannot sign: unknown transaction extension ${ext.identifier} carries a value of type ${reg.typeName(ext.type)}`);
      ex = EMPTY;
    }
    if (im === null) {
      if (!isEmptyType(reg, ext.implicit)) throw new InvalidArgumentError(`cannot sign: unknown transaction extension ${ext.identifier} needs an implicit ${reg.typeName(ext.implicit)}`);
      im = EMPTY;
    }
    explicit.push(ex);
    implicit.push(im);
  }
  const extra = concatBytes(...explicit);
  let payload = concatBytes(call.bytes, extra, ...implicit);
  if (payload.length > 256) payload = blake2_256(payload);
  const sig = await signer.sign(payload);
  // MultiAddress::Id(AccountId32) = 0x00 ++ key; MultiSignature::<type>(sig) = index ++ sig
  const sigIndex = signer.type === 'Ed25519' ? 0 : signer.type === 'Sr25519' ? 1 : 2;
  const body = concatBytes(new Uint8Array([0x84, 0x00]), who, new Uint8Array([sigIndex]), sig, extra, call.bytes);
  const w = new Writer(body.length + 5);
  encodeCompactNumber(w, body.length);
  w.bytes(body);
  return toHex(w.finish());
}

/**
 * Nonce for a new transaction: `system_accountNextIndex` counts transactions still in the pool (two
 * quick submits must not reuse a nonce); where a node lacks it, the on-chain nonce.
 */
async function poolAwareNonce(client: SubstrateClient, address: string, opts: AtOptions): Promise<number> {
  try {
    return Number(await client.rpc.request<number>('system_accountNextIndex', [address], opts));
  } catch (e) {
    if ((e as Error).name !== 'RpcError') throw e;
    return getAccountNonce(client, address, opts);
  }
}

/** On-chain next nonce: AccountNonceApi when the runtime has it, else `system_accountNextIndex`. */
export async function getAccountNonce(client: SubstrateClient, address: string, opts: AtOptions = {}): Promise<number> {
  clientArg(client, 'client');
  addressArg(address, 'address');
  opts = atArg(opts);
  try {
    return Number(await client.runtimeCall('AccountNonceApi', 'account_nonce', [address], opts));
  } catch (e) {
    if ((e as Error).name !== 'MetadataError') throw e;
  }
  return client.rpc.request<number>('system_accountNextIndex', [address], opts);
}

export interface PaymentInfo {
  weight: unknown;
  class: unknown;
  partialFee: bigint;
}

// The fields of RuntimeDispatchInfo read here (weight and class pass through as decoded).
const QUERY_INFO = runtimeApi<[uxt: Uint8Array, len: number], { weight: unknown; class: unknown; partial_fee: bigint | number }>('TransactionPaymentApi', 'query_info');

export async function getPaymentInfo(client: SubstrateClient, extrinsicHex: string, opts: AtOptions = {}): Promise<PaymentInfo> {
  clientArg(client, 'client');
  hexArg(extrinsicHex, 'extrinsicHex');
  opts = atArg(opts);
  const full = fromHex(extrinsicHex);
  // The API's `uxt` is typed as a Vec<u8> wrapper whose encoding is the extrinsic itself (length
  // prefix included), so hand the codec the body and let it add the prefix back.
  const body = decode(bytes, full);
  const r = await read(client, QUERY_INFO, [body, full.length], opts);
  return { weight: r.weight, class: r.class, partialFee: BigInt(r.partial_fee) };
}

export interface ExtrinsicReceipt {
  extrinsicHash: string;
  blockHash: string | null;
  extrinsicIndex: number | null;
  success: boolean;
  dispatchError: DispatchErrorInfo | null;
  fee: bigint | null;
  events: ChainEvent[];
  status: 'none' | 'inclusion' | 'finalization';
}

/**
 * Submit a signed extrinsic. waitFor 'none' returns once the pool accepts it; 'inclusion' and
 * 'finalization' follow `author_submitAndWatchExtrinsic` and read the block's events.
 */
export async function submitExtrinsic(
  client: SubstrateClient,
  extrinsicHex: string,
  opts: { waitFor?: 'none' | 'inclusion' | 'finalization'; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<ExtrinsicReceipt> {
  clientArg(client, 'client');
  hexArg(extrinsicHex, 'extrinsicHex');
  opts = atArg(opts);
  const waitFor = optOneOfArg(opts.waitFor, 'opts.waitFor', ['none', 'inclusion', 'finalization'] as const) ?? 'inclusion';
  const hash = toHex(blake2_256(fromHex(extrinsicHex)));
  if (waitFor === 'none') {
    await client.rpc.request('author_submitExtrinsic', [extrinsicHex], opts);
    return { extrinsicHash: hash, blockHash: null, extrinsicIndex: null, success: true, dispatchError: null, fee: null, events: [], status: 'none' };
  }
  const it = client.rpc.subscribeIter<RpcTransactionStatus>('author_submitAndWatchExtrinsic', [extrinsicHex], 'author_unwatchExtrinsic', opts);
  let blockHash: string | null = null;
  try {
    for await (const status of it) {
      if (typeof status === 'string') {
        // 'usurped' is listed too: some nodes send it bare rather than as { usurped: hash }
        if (['dropped', 'invalid', 'usurped'].includes(status)) throw new ExtrinsicError(`extrinsic ${hash} ${status}`, status);
        continue;
      }
      const kind = Object.keys(status)[0];
      if ('inBlock' in status && waitFor === 'inclusion') {
        blockHash = status.inBlock;
        break;
      }
      if ('finalized' in status) {
        blockHash = status.finalized;
        break;
      }
      if (['dropped', 'invalid', 'usurped', 'finalityTimeout'].includes(kind)) throw new ExtrinsicError(`extrinsic ${hash} ${kind}`, kind);
    }
  } finally {
    await it.return?.();
  }
  if (!blockHash) throw new ExtrinsicError(`extrinsic ${hash}: subscription ended before ${waitFor}`, 'ended');
  return receipt(client, hash, blockHash, waitFor, opts);
}

async function receipt(client: SubstrateClient, hash: string, blockHash: string, waitFor: 'inclusion' | 'finalization', opts: AtOptions): Promise<ExtrinsicReceipt> {
  const [block, events, rt] = await Promise.all([
    client.getBlock({ ...opts, blockHash }),
    client.getEvents({ ...opts, blockHash }),
    client.runtime({ ...opts, blockHash }),
  ]);
  const index = block.extrinsics.findIndex((x) => x.hash === hash);
  const mine = events.filter((e) => e.extrinsicIndex === index);
  const failed = mine.find((e) => e.pallet === 'System' && e.name === 'ExtrinsicFailed');
  const feeEv = mine.find((e) => e.pallet === 'TransactionPayment' && e.name === 'TransactionFeePaid');
  return {
    extrinsicHash: hash,
    blockHash,
    extrinsicIndex: index < 0 ? null : index,
    success: index >= 0 && !failed,
    dispatchError: failed ? dispatchErrorInfo(rt.registry, field(failed.data, 'dispatch_error')) : null,
    fee: feeEv ? BigInt(field(feeEv.data, 'actual_fee') as bigint | number) : null,
    events: mine,
    status: waitFor,
  };
}

// A field of a decoded event's data (a struct: a plain object), undefined when there is none.
function field(data: unknown, name: string): unknown {
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[name] : undefined;
}

/** `DispatchError::Module { index, error }` → the pallet and error name with docs from metadata. */
export function dispatchErrorInfo(registry: Registry, err: unknown): DispatchErrorInfo {
  registryArg(registry, 'registry');
  const type = typeof err === 'string' ? err : (objectArg(err, 'err', 'a decoded DispatchError').type as string);
  if (type !== 'Module') return { type, value: err };
  const { index, error } = field(err, 'value') as { index: number; error: Uint8Array | number };
  const pallet = registry.metadata.pallets.find((p) => p.index === index);
  const code = typeof error === 'number' ? error : error[0];
  const def = pallet?.errors != null ? registry.metadata.types[pallet.errors].def : null;
  const v = def?.tag === 'variant' ? def.variants.find((x) => x.index === code) : undefined;
  return { type, pallet: pallet?.name, name: v?.name, docs: v?.docs, value: err };
}
