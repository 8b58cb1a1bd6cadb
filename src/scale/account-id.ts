// `sp_core::crypto::AccountId32` as an SS58 string: decoding renders the address for the registry's
// prefix, encoding takes an address or the 32 raw bytes (Uint8Array or 0x-hex).
import { codec, type Codec } from './codec.js';
import { EncodeError, InvalidAddressError } from './errors.js';
import { asBytes } from './primitives.js';
import { ss58Decode, ss58Encode } from './ss58.js';

function sameKey(a: Uint8Array, b: Uint8Array, at: number): boolean {
  for (let i = 0; i < 32; i++) if (a[i] !== b[at + i]) return false;
  return true;
}

function encodeAccount(w: Parameters<Codec<string>['enc']>[0], v: unknown): void {
  let pk: Uint8Array;
  if (typeof v === 'string' && !v.startsWith('0x')) {
    try {
      pk = ss58Decode(v).publicKey;
    } catch (e) {
      if (e instanceof InvalidAddressError) throw new EncodeError(e.message);
      throw e;
    }
  } else pk = asBytes(v, 'AccountId32');
  if (pk.length !== 32) throw new EncodeError(`AccountId32 expects 32 bytes, got ${pk.length}`);
  w.bytes(pk);
}

export function accountId(prefix: number): Codec<string> {
  const cache = new Map<number, { bytes: Uint8Array; addr: string }>();
  return codec(encodeAccount, (c) => {
    const at = c.need(32, 'AccountId32');
    c.offset = at + 32;
    // Chain data repeats accounts heavily (a coldkey in every stake list): cache the address,
    // keyed by 53 bits of the key and confirmed against all 32 bytes.
    const v = c.view;
    const a = v.getUint32(at, true);
    const key = a + (v.getUint32(at + 4, true) & 0x1fffff) * 4294967296;
    const hit = cache.get(key);
    if (hit !== undefined && sameKey(hit.bytes, c.bytes, at)) return hit.addr;
    const pk = c.bytes.slice(at, at + 32);
    const addr = ss58Encode(pk, prefix);
    if (cache.size >= 65536) cache.clear();
    cache.set(key, { bytes: pk, addr });
    return addr;
  });
}
