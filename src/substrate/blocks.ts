// Blocks and headers: resolving a block by number or hash, its hash from its header, its author
// (Aura), its extrinsics decoded with the runtime that executed it, and finding one extrinsic by
// "block-index" identifier or by hash, as AsyncSubstrateInterface does.
import {
  blake2_256, concatBytes, DecodeError, encodeCompactNumber, fromHex, ss58Encode, toHex, Writer,
} from '../scale/index.js';
import type { AtOptions, Header, SubstrateClient } from './client.js';
import { BlockNotFoundError, InvalidArgumentError } from './errors.js';
import { decodeExtrinsic, type DecodedExtrinsic } from './extrinsic-decode.js';
import { auraSlot } from './aura.js';
import {
  U32_MAX, arrayArg, atArg, clientArg, hashArg, hexArg, nameArg, objectArg, optBoolArg, optUintArg, type CheckedAt, uintArg,
} from './validate.js';
import type { ChainEvent } from './events.js';
import type { Runtime } from './runtime.js';

/** A header as the node sends it (number as hex). */
export interface RawHeader {
  parentHash: string;
  number: string | number;
  stateRoot: string;
  extrinsicsRoot: string;
  digest?: { logs?: string[] };
}

/** Which block: by hash, by number, or the head (finalised with `finalizedOnly`). */
export interface BlockQuery extends AtOptions {
  blockNumber?: number;
  finalizedOnly?: boolean;
}

/** An extrinsic the block's runtime could not decode, kept raw with the reason. */
export interface UndecodedExtrinsic {
  hash: string;
  bytes: string;
  error: DecodeError;
}

export interface Block<X = DecodedExtrinsic> {
  hash: string;
  header: Header;
  extrinsics: X[];
  author?: string | null;
}

export interface BlockOptions extends BlockQuery {
  author?: boolean;
  /** Return undecodable extrinsics raw with their DecodeError instead of failing the block. */
  ignoreDecodingErrors?: boolean;
}

/** A node's header, checked field by field (hashes as hex, number as a u32 or hex). */
function rawHeaderArg(v: unknown, name: string): RawHeader {
  const h = objectArg(v, name, 'a header { parentHash, number, stateRoot, extrinsicsRoot, digest? }');
  for (const f of ['parentHash', 'stateRoot', 'extrinsicsRoot']) hexArg(h[f], `${name}.${f}`);
  if (typeof h.number !== 'string') uintArg(h.number, `${name}.number`, U32_MAX);
  else if (!/^0x[0-9a-f]{1,8}$/i.test(h.number)) throw new InvalidArgumentError(`${name}.number: expected a u32 or its hex, got ${JSON.stringify(h.number)}`, `${name}.number`, h.number);
  if (h.digest != null) arrayArg(objectArg(h.digest, `${name}.digest`).logs, `${name}.digest.logs`, true).forEach((l, i) => hexArg(l, `${name}.digest.logs[${i}]`));
  return h as unknown as RawHeader;
}

/** `{ blockHash | blockNumber | finalizedOnly }` plus the usual signal and timeout, checked. */
export function blockQueryArg<T extends BlockQuery = BlockQuery>(v: unknown, name = 'opts'): T & CheckedAt {
  const o = atArg<T>(v, name);
  const blockNumber = optUintArg(o.blockNumber, `${name}.blockNumber`, U32_MAX);
  optBoolArg(o.finalizedOnly, `${name}.finalizedOnly`);
  if (o.blockHash !== undefined && blockNumber !== undefined) throw new InvalidArgumentError(`${name}: give blockHash or blockNumber, not both`, name, v);
  return { ...o, blockNumber };
}

/** The blake2-256 hash of the SCALE-encoded header: the block hash. */
export function headerHash(header: RawHeader): string {
  const h = rawHeaderArg(header, 'header');
  const w = new Writer();
  encodeCompactNumber(w, Number(h.number));
  const logs = h.digest?.logs ?? [];
  const n = new Writer();
  encodeCompactNumber(n, logs.length);
  return toHex(blake2_256(concatBytes(fromHex(h.parentHash), w.finish(), fromHex(h.stateRoot), fromHex(h.extrinsicsRoot), n.finish(), ...logs.map(fromHex))));
}

export function toHeader(hashIn: string, header: RawHeader): Header {
  const hash = hashArg(hashIn, 'hash');
  const h = rawHeaderArg(header, 'header');
  return { hash, parentHash: h.parentHash, number: Number(h.number), stateRoot: h.stateRoot, extrinsicsRoot: h.extrinsicsRoot, digest: { logs: h.digest?.logs ?? [] } };
}

/** The hash a selector names: given, by number, or the (finalised) head. */
export async function resolveBlockHash(client: SubstrateClient, opts: BlockQuery = {}): Promise<string> {
  clientArg(client, 'client');
  const sel = blockQueryArg(opts);
  if (sel.blockHash !== undefined) return sel.blockHash;
  if (sel.blockNumber !== undefined) return client.getBlockHash(sel.blockNumber, sel);
  return sel.finalizedOnly ? client.getChainFinalisedHead(sel) : client.getChainHead(sel);
}

/** A header by hash, by number, or the head's. */
export async function getBlockHeader(client: SubstrateClient, sel: BlockQuery): Promise<Header> {
  // Head first, then its header: one consistent (hash, header) pair even while blocks arrive.
  const hash = await resolveBlockHash(client, sel);
  const h = await client.readAt<RawHeader>('chain_getHeader', [hash], hash, { ...sel, nullIsMissing: true });
  return toHeader(hash, h);
}

export async function getBlock(client: SubstrateClient, opts: BlockOptions): Promise<Block<DecodedExtrinsic | UndecodedExtrinsic>> {
  const hash = await resolveBlockHash(client, opts);
  const [raw, rt] = await Promise.all([
    client.readAt<{ block: { header: RawHeader; extrinsics: string[] } } | null>('chain_getBlock', [hash], hash, { ...opts, nullIsMissing: true }),
    client.runtime({ ...opts, blockHash: hash }),
  ]);
  if (!raw?.block?.header) throw new BlockNotFoundError(hash);
  const header = toHeader(hash, raw.block.header);
  const extrinsics = raw.block.extrinsics.map((x) => decodeOne(rt, x, opts.ignoreDecodingErrors === true));
  if (!opts.author) return { hash, header, extrinsics };
  return { hash, header, extrinsics, author: await blockAuthor(client, header, rt, opts) };
}

function decodeOne(rt: Runtime, hex: string, keepRaw: boolean): DecodedExtrinsic | UndecodedExtrinsic {
  try {
    return decodeExtrinsic(rt.registry, hex);
  } catch (e) {
    if (!keepRaw || !(e instanceof DecodeError)) throw e;
    return { hash: toHex(blake2_256(fromHex(hex))), bytes: hex, error: e };
  }
}

/** The Aura author: the pre-runtime digest's slot indexes Aura.Authorities at the parent. */
export async function blockAuthor(client: SubstrateClient, header: Header, rt: Runtime, opts: AtOptions): Promise<string | null> {
  const slot = auraSlot(header.digest.logs);
  if (slot === null || header.number === 0) return null;
  if (!rt.metadata.pallets.some((p) => p.name === 'Aura')) return null;
  const authorities = await client.query<unknown>('Aura', 'Authorities', [], { ...opts, blockHash: header.parentHash });
  const list = (Array.isArray(authorities) ? authorities : []) as unknown[];
  if (list.length === 0) return null;
  const key = list[Number(slot % BigInt(list.length))];
  const bytes = key instanceof Uint8Array ? key : typeof key === 'string' && key.startsWith('0x') ? fromHex(key) : null;
  return bytes ? ss58Encode(bytes, rt.registry.ss58Prefix) : (key as string);
}

/** One extrinsic of a block with the events it emitted. */
export interface ExtrinsicInBlock {
  blockHash: string;
  blockNumber: number;
  index: number;
  extrinsic: DecodedExtrinsic | UndecodedExtrinsic;
  events: ChainEvent[];
}

/** Find an extrinsic by `"<block number>-<index>"` (as explorers print it). */
export async function retrieveExtrinsicByIdentifier(client: SubstrateClient, id: string, optsIn: AtOptions = {}): Promise<ExtrinsicInBlock> {
  clientArg(client, 'client');
  const m = /^(\d+)-(\d+)$/.exec(nameArg(id, 'id'));
  if (!m || Number(m[1]) > U32_MAX) throw new InvalidArgumentError(`id: extrinsic identifier must be "<block number>-<index>", got ${JSON.stringify(id)}`, 'id', id);
  const opts = atArg(optsIn);
  const block = await getBlock(client, { ...opts, blockHash: undefined, blockNumber: Number(m[1]), ignoreDecodingErrors: true });
  return inBlock(client, block, Number(m[2]), id, opts);
}

/** Find an extrinsic by its hash within the block `blockHash`. */
export async function retrieveExtrinsicByHash(client: SubstrateClient, blockHash: string, extrinsicHash: string, optsIn: AtOptions = {}): Promise<ExtrinsicInBlock> {
  clientArg(client, 'client');
  hashArg(blockHash, 'blockHash');
  hashArg(extrinsicHash, 'extrinsicHash');
  const opts = atArg(optsIn);
  const block = await getBlock(client, { ...opts, blockHash, ignoreDecodingErrors: true });
  const index = block.extrinsics.findIndex((x) => x.hash.toLowerCase() === extrinsicHash.toLowerCase());
  return inBlock(client, block, index, extrinsicHash, opts);
}

async function inBlock(client: SubstrateClient, block: Block<DecodedExtrinsic | UndecodedExtrinsic>, index: number, what: string, opts: AtOptions): Promise<ExtrinsicInBlock> {
  const extrinsic = block.extrinsics[index];
  if (!extrinsic) throw new InvalidArgumentError(`no extrinsic ${what} in block ${block.header.number} (${block.extrinsics.length} extrinsics)`);
  const events = (await client.getEvents({ ...opts, blockHash: block.hash })).filter((e) => e.extrinsicIndex === index);
  return { blockHash: block.hash, blockNumber: block.header.number, index, extrinsic, events };
}

/** Extrinsics in the node's pool, decoded with the head's runtime (raw with the error if not decodable). */
export async function retrievePendingExtrinsics(client: SubstrateClient, optsIn: AtOptions = {}): Promise<(DecodedExtrinsic | UndecodedExtrinsic)[]> {
  clientArg(client, 'client');
  const opts = atArg(optsIn);
  const [list, rt] = await Promise.all([client.rpc.request<string[]>('author_pendingExtrinsics', [], opts), client.runtime({ ...opts, blockHash: undefined })]);
  return (list ?? []).map((x) => decodeOne(rt, x, true));
}

/** An unsigned (bare, v4) extrinsic of `call`, hex: compact length ++ 0x04 ++ call. */
export function createUnsignedExtrinsic(call: { bytes: Uint8Array }): string {
  if (!(objectArg(call, 'call', 'a call { bytes }').bytes instanceof Uint8Array)) throw new InvalidArgumentError('call.bytes: expected a Uint8Array', 'call.bytes', call.bytes);
  const body = concatBytes(new Uint8Array([4]), call.bytes);
  const w = new Writer();
  encodeCompactNumber(w, body.length);
  return toHex(concatBytes(w.finish(), body));
}
