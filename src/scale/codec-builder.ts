// Build a codec from a type's class (polkadot-api's `lookup-codec-builder.ts` step). Other types
// are reached through `ctx.codec`, which caches them and hands out a `recursive` handle on cycles.
import type { Codec } from './codec.js';
import {
  array, bitSequence, option, result, struct, tuple, variant, vec, type VariantDef,
} from './combinators.js';
import { compact, compactU8, compactU16, compactU32, compactU64, compactU128, compactU256 } from './compact.js';
import type { Primitive } from './metadata.js';
import * as P from './primitives.js';
import type { CompactWidth, FieldsShape, TypeClass } from './type-class.js';

export interface BuildContext {
  codec(id: number): Codec<unknown>;
  minSize(id: number): number;
  account: Codec<string>;
}

const PRIM_CODEC: Record<Primitive, Codec<unknown>> = {
  bool: P.bool, char: P.char, str: P.str,
  u8: P.u8, u16: P.u16, u32: P.u32, u64: P.u64, u128: P.u128, u256: P.u256,
  i8: P.i8, i16: P.i16, i32: P.i32, i64: P.i64, i128: P.i128, i256: P.i256,
};

const COMPACT: Record<CompactWidth, Codec<unknown>> = {
  8: compactU8, 16: compactU16, 32: compactU32, 64: compactU64, 128: compactU128, 256: compactU256,
};

function shapeCodec(shape: FieldsShape, ctx: BuildContext): Codec<unknown> | null {
  switch (shape.tag) {
    case 'none':
      return null;
    case 'single':
      return ctx.codec(shape.type);
    case 'struct':
      return struct(shape.fields.map((f) => [f.name, ctx.codec(f.type)])) as Codec<unknown>;
    case 'tuple':
      return tuple(...shape.types.map(ctx.codec)) as Codec<unknown>;
  }
}

export function buildCodec(cls: TypeClass, ctx: BuildContext): Codec<unknown> {
  switch (cls.tag) {
    case 'primitive':
      return PRIM_CODEC[cls.primitive];
    case 'accountId32':
      return ctx.account as Codec<unknown>;
    case 'bigUint':
      return (cls.bits === 256 ? P.u256 : P.u128) as Codec<unknown>;
    case 'unit':
      return P.unit;
    case 'fields':
      return shapeCodec(cls.shape, ctx)!;
    case 'tuple':
      return tuple(...cls.types.map(ctx.codec)) as Codec<unknown>;
    case 'option':
      return option(ctx.codec(cls.inner));
    case 'result':
      return result(ctx.codec(cls.ok), ctx.codec(cls.err)) as Codec<unknown>;
    case 'enum': {
      const defs: VariantDef[] = cls.variants.map((v) => ({ name: v.name, index: v.index, codec: shapeCodec(v.shape, ctx) }));
      return variant(defs, cls.name) as Codec<unknown>;
    }
    case 'bytes':
      return P.bytes;
    case 'fixedBytes':
      return P.fixedBytes(cls.len);
    case 'sequence':
      return vec(ctx.codec(cls.inner), ctx.minSize(cls.inner)) as Codec<unknown>;
    case 'array':
      return array(ctx.codec(cls.inner), cls.len, ctx.minSize(cls.inner)) as Codec<unknown>;
    case 'compact':
      return (cls.width === null ? compact : COMPACT[cls.width]) as Codec<unknown>;
    case 'bitSequence':
      return bitSequence(cls.storeBytes, cls.msb0) as Codec<unknown>;
  }
}
