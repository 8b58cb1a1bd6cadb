// Transaction extensions as a table: one small encoder per identifier, giving the explicit value
// (in the extrinsic) and the implicit one (signed, not sent). A runtime's new extension is one
// entry here. Extensions the table does not know are accepted only when both parts are empty in
// the metadata; one that carries data is refused by name, since signing a payload the chain
// computes differently only fails later and less clearly.
import { compactBig, concatBytes, encode, encodeCompactNumber, fromHex, u32, Writer, type Registry } from '../scale/index.js';
import { InvalidArgumentError } from './errors.js';

/** Everything an extension's value can depend on, gathered once per signature. */
export interface ExtensionContext {
  specVersion: number;
  transactionVersion: number;
  genesisHash: string;
  nonce: number;
  tip: bigint;
  /** Mortality period (power of two in 4..65536) or 0 for immortal. */
  period: number;
  /** The block the era is anchored on (a recent finalized block). */
  anchor: { number: number; hash: string };
}

interface Parts {
  explicit?: Uint8Array;
  implicit?: Uint8Array;
}
type ExtensionEncoder = (ctx: ExtensionContext) => Parts;

const era = (ctx: ExtensionContext): Parts => ({
  explicit: ctx.period === 0 ? new Uint8Array([0]) : mortalEra(ctx.period, ctx.anchor.number),
  implicit: fromHex(ctx.period === 0 ? ctx.genesisHash : ctx.anchor.hash),
});
const tip = (ctx: ExtensionContext): Uint8Array => encode(compactBig, ctx.tip);

/** identifier → encoder. Extensions absent here must be empty in both parts. */
export const EXTENSION_ENCODERS: Readonly<Record<string, ExtensionEncoder>> = {
  CheckSpecVersion: (ctx) => ({ implicit: encode(u32, ctx.specVersion) }),
  CheckTxVersion: (ctx) => ({ implicit: encode(u32, ctx.transactionVersion) }),
  CheckGenesis: (ctx) => ({ implicit: fromHex(ctx.genesisHash) }),
  CheckMortality: era,
  CheckEra: era,
  CheckNonce: (ctx) => {
    const w = new Writer(8);
    encodeCompactNumber(w, ctx.nonce);
    return { explicit: w.finish() };
  },
  ChargeTransactionPayment: (ctx) => ({ explicit: tip(ctx) }),
  // tip ++ Option<AssetId>::None
  ChargeAssetTxPayment: (ctx) => ({ explicit: concatBytes(tip(ctx), new Uint8Array([0])) }),
  // Mode::Disabled, and so no metadata hash (None) in the payload
  CheckMetadataHash: () => ({ explicit: new Uint8Array([0]), implicit: new Uint8Array([0]) }),
};

/**
 * The mortal era of `period` blocks (rounded up to a power of two, 4..65536) anchored at block
 * `current`: two bytes, the period's log2 - 1 in the low 4 bits and the quantized phase above.
 */
export function mortalEra(period: number, current: number): Uint8Array {
  let p = 4;
  while (p < period && p < 65536) p <<= 1;
  const phase = current % p;
  const quantizeFactor = Math.max(p >> 12, 1);
  const quantizedPhase = Math.floor(phase / quantizeFactor) * quantizeFactor;
  const trailing = Math.min(15, Math.max(1, Math.log2(p) - 1));
  const encoded = trailing | ((quantizedPhase / quantizeFactor) << 4);
  return new Uint8Array([encoded & 0xff, encoded >> 8]);
}

/** Period and phase of an encoded mortal era (the two bytes mortalEra makes). */
export function eraParts(encoded: number): { period: number; phase: number } {
  const period = 2 ** ((encoded & 0xf) + 1);
  const quantizeFactor = Math.max(period >> 12, 1);
  return { period, phase: (encoded >> 4) * quantizeFactor };
}

/**
 * The first block number at which a mortal transaction (period, phase) stops being valid, given
 * that it is still valid at block `now` (signed within its last `period` blocks).
 */
export function eraDeath(period: number, phase: number, now: number): number {
  const birth = now - ((((now - phase) % period) + period) % period);
  return birth + period;
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

/** The explicit ("extra") and implicit ("additional signed") bytes of every extension, in metadata order. */
export function encodeExtensions(registry: Registry, ctx: ExtensionContext): { explicit: Uint8Array; implicit: Uint8Array } {
  const explicit: Uint8Array[] = [];
  const implicit: Uint8Array[] = [];
  for (const ext of registry.metadata.extrinsic.extensions) {
    const parts = EXTENSION_ENCODERS[ext.identifier]?.(ctx) ?? {};
    if (parts.explicit === undefined && !isEmptyType(registry, ext.type)) {
      throw new InvalidArgumentError(`cannot sign: unknown transaction extension ${ext.identifier} carries a value of type ${registry.typeName(ext.type)}`);
    }
    if (parts.implicit === undefined && !isEmptyType(registry, ext.implicit)) {
      throw new InvalidArgumentError(`cannot sign: unknown transaction extension ${ext.identifier} needs an implicit ${registry.typeName(ext.implicit)}`);
    }
    explicit.push(parts.explicit ?? EMPTY);
    implicit.push(parts.implicit ?? EMPTY);
  }
  return { explicit: concatBytes(...explicit), implicit: concatBytes(...implicit) };
}
