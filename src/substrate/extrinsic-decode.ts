// Decode an opaque extrinsic (as in chain_getBlock) with the block's runtime: version byte,
// signer/signature/extensions when signed (v4), then the call as { pallet, name, args }.
import { blake2_256, Cursor, DecodeError, compactLength, fromHex, toHex, type Codec, type Registry } from '../scale/index.js';
import { bytesArg, registryArg } from './validate.js';

export interface DecodedExtrinsic {
  hash: string;
  version: number;
  signed: boolean;
  /** Signer address (SS58 for MultiAddress::Id), or null if unsigned. */
  signer: unknown;
  signature: unknown;
  /** Explicit transaction-extension values, keyed by identifier. */
  extensions: Record<string, unknown> | null;
  pallet: string;
  call: string;
  args: unknown;
  /** The encoded extrinsic. */
  bytes: string;
}

export function extrinsicExtraCodecs(registry: Registry): { id: string; codec: Codec<unknown> }[] {
  registryArg(registry, 'registry');
  return registry.metadata.extrinsic.extensions.map((e) => ({ id: e.identifier, codec: registry.codec(e.type) }));
}

export function decodeExtrinsic(registry: Registry, hexOrBytes: string | Uint8Array): DecodedExtrinsic {
  registryArg(registry, 'registry');
  const given = bytesArg(hexOrBytes, 'hexOrBytes');
  const bytes = typeof given === 'string' ? fromHex(given) : given;
  const c = new Cursor(bytes);
  const len = compactLength(c, 'extrinsic length');
  if (len !== c.remaining()) throw new DecodeError(`extrinsic length prefix ${len} does not match the ${c.remaining()} byte(s) that follow`, 0);
  const head = c.bytes[c.need(1, 'extrinsic version')];
  c.offset++;
  const signed = (head & 0x80) !== 0;
  const version = head & 0x3f;
  const md = registry.metadata.extrinsic;
  let signer: unknown = null;
  let signature: unknown = null;
  let extensions: Record<string, unknown> | null = null;
  if (signed) {
    if (md.addressType === null || md.signatureType === null) throw new DecodeError('metadata does not name the address/signature types', c.offset);
    signer = registry.codec(md.addressType).dec(c);
    signature = registry.codec(md.signatureType).dec(c);
    extensions = {};
    for (const { id, codec } of extrinsicExtraCodecs(registry)) extensions[id] = codec.dec(c);
    const address = signer as { type?: unknown; value?: unknown } | null;
    if (address && typeof address === 'object' && address.type === 'Id') signer = address.value;
  } else if (version === 5 && (head & 0x40) !== 0) {
    // v5 "general" transaction: extension version byte + extensions, no signature
    c.offset++;
    extensions = {};
    for (const { id, codec } of extrinsicExtraCodecs(registry)) extensions[id] = codec.dec(c);
  }
  if (md.callType === null) throw new DecodeError('metadata does not name the call type', c.offset);
  const call = registry.codec(md.callType).dec(c) as { type: string; value: { type: string; value?: unknown } | string };
  if (c.offset !== bytes.length) throw new DecodeError(`${bytes.length - c.offset} trailing byte(s) after the call`, c.offset);
  const inner = call.value;
  return {
    hash: toHex(blake2_256(bytes)),
    version,
    signed,
    signer,
    signature,
    extensions,
    pallet: call.type,
    call: typeof inner === 'string' ? inner : inner.type,
    args: typeof inner === 'string' ? undefined : inner.value,
    bytes: toHex(bytes),
  };
}
