// The on-disk / in-browser form of one cached runtime's metadata. A cache entry outlives the
// process that wrote it, so a reader cannot trust it: a crash mid-write (without atomic rename, e.g.
// in a KV store), a disk error, or a file copied from another chain must all be detected before
// the bytes reach the metadata decoder. The envelope binds the payload to its key and checksums it:
//
//   "slmd" | format u8 (1) | genesis hash (32) | spec version u32 LE | metadata version u8 |
//   payload length u32 LE | CRC-32(payload) u32 LE | payload
//
// The checksum guards against accidents (torn writes, bit rot, truncation), not attackers — whoever
// can write the cache directory can already run code as the user — so CRC-32 is enough. Measured on
// the 296 KB finney metadata on this VM: CRC-32 ~1 ms, noble blake2b-256 9–45 ms, which would have
// eaten a tenth of the warm start.
import { fromHex } from '../scale/index.js';
import { U32_MAX, hashArg, uint8ArrayArg, uintArg } from './validate.js';

const MAGIC = [0x73, 0x6c, 0x6d, 0x64]; // "slmd"
const FORMAT = 1;
const HEADER = 4 + 1 + 32 + 4 + 1 + 4 + 4;

/** Why a cache entry was rejected (for warnings and tests). */
export type EnvelopeProblem = 'magic' | 'format' | 'truncated' | 'genesis' | 'spec' | 'checksum' | 'metadata';

/** Wrap metadata bytes (starting with the "meta" magic and its version byte) for storage. */
export function sealMetadata(genesisHash: string, specVersion: number, metadata: Uint8Array): Uint8Array {
  entryArgs(genesisHash, specVersion, metadata, 'metadata');
  const out = new Uint8Array(HEADER + metadata.length);
  const dv = new DataView(out.buffer);
  out.set(MAGIC, 0);
  out[4] = FORMAT;
  out.set(genesisBytes(genesisHash), 5);
  dv.setUint32(37, specVersion >>> 0, true);
  out[41] = metadataVersion(metadata);
  dv.setUint32(42, metadata.length, true);
  dv.setUint32(46, crc32(metadata), true);
  out.set(metadata, HEADER);
  return out;
}

/**
 * Unwrap a stored entry: the metadata bytes, or the reason the entry must be discarded (wrong
 * magic, truncated, another chain or spec, damaged payload).
 */
export function openMetadata(genesisHash: string, specVersion: number, data: Uint8Array): { metadata: Uint8Array } | { problem: EnvelopeProblem } {
  entryArgs(genesisHash, specVersion, data, 'data');
  if (data.length < HEADER) return { problem: 'truncated' };
  for (let i = 0; i < 4; i++) if (data[i] !== MAGIC[i]) return { problem: 'magic' };
  if (data[4] !== FORMAT) return { problem: 'format' };
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const g = genesisBytes(genesisHash);
  for (let i = 0; i < 32; i++) if (data[5 + i] !== g[i]) return { problem: 'genesis' };
  if (dv.getUint32(37, true) !== specVersion >>> 0) return { problem: 'spec' };
  const len = dv.getUint32(42, true);
  if (data.length !== HEADER + len) return { problem: 'truncated' };
  const metadata = data.subarray(HEADER);
  if (crc32(metadata) !== dv.getUint32(46, true)) return { problem: 'checksum' };
  if (metadataVersion(metadata) !== data[41]) return { problem: 'metadata' };
  return { metadata };
}

/** The version byte after the "meta" magic (0 when the bytes are not metadata). */
export function metadataVersion(md: Uint8Array): number {
  const isMeta = md.length > 4 && md[0] === 0x6d && md[1] === 0x65 && md[2] === 0x74 && md[3] === 0x61;
  return isMeta ? md[4] : 0;
}

function entryArgs(genesisHash: unknown, specVersion: unknown, bytes: unknown, bytesName: string): void {
  hashArg(genesisHash, 'genesisHash');
  uintArg(specVersion, 'specVersion', U32_MAX);
  uint8ArrayArg(bytes, bytesName);
}

function genesisBytes(genesisHash: string): Uint8Array {
  const b = fromHex(genesisHash);
  const out = new Uint8Array(32);
  out.set(b.subarray(0, 32));
  return out;
}

let table: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, reflected, as in zip and PNG). */
export function crc32(data: Uint8Array): number {
  uint8ArrayArg(data, 'data');
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
