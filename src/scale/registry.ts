// The metadata-driven layer: walks the portable type registry and composes the primitive codecs,
// building one codec per type id on first use and caching it (PAPI's dynamic builder does the same).
// Recursive types resolve through `lazy`. Value conventions are documented in README "Values".
import { codec as mkCodec, type Codec } from './codec.js';
import { compact, compactU8, compactU16, compactU32, compactU64, compactU128, compactU256 } from './compact.js';
import { EncodeError, InvalidAddressError, MetadataError } from './errors.js';
import {
  array,
  bitSequence,
  lazy,
  option,
  optionBool,
  result,
  struct,
  tuple,
  variant,
  vec,
  type VariantDef,
} from './combinators.js';
import type { Constant, Field, Metadata, Pallet, Primitive, RuntimeApiMethod, StorageEntry } from './metadata.js';
import * as P from './primitives.js';
import { ss58Decode, ss58Encode } from './ss58.js';
import { decode } from './codec.js';

export interface Registry {
  readonly metadata: Metadata;
  readonly ss58Prefix: number;
  /** The codec for a type id, built on first use. */
  codec(typeId: number): Codec<unknown>;
  /** Human-readable name of a type, e.g. `frame_system::AccountInfo` or `Vec<u8>`. */
  typeName(typeId: number): string;
  /** Fewest bytes a value of this type can encode to (guards length prefixes). */
  minSize(typeId: number): number;
  pallet(name: string): Pallet;
  storageEntry(pallet: string, item: string): { pallet: Pallet; entry: StorageEntry };
  constant(pallet: string, name: string): { constant: Constant; value: unknown };
  runtimeApi(api: string, method: string): RuntimeApiMethod;
}

export interface RegistryOptions {
  /** SS58 prefix used to render AccountId32 values (default 42, the generic Substrate prefix). */
  ss58Prefix?: number;
}

const PRIM_CODEC: Record<Primitive, Codec<unknown>> = {
  bool: P.bool, char: P.char, str: P.str,
  u8: P.u8, u16: P.u16, u32: P.u32, u64: P.u64, u128: P.u128, u256: P.u256,
  i8: P.i8, i16: P.i16, i32: P.i32, i64: P.i64, i128: P.i128, i256: P.i256,
};
const PRIM_SIZE: Record<Primitive, number> = {
  bool: 1, char: 4, str: 1, u8: 1, u16: 2, u32: 4, u64: 8, u128: 16, u256: 32, i8: 1, i16: 2, i32: 4, i64: 8, i128: 16, i256: 32,
};

function sameKey(a: Uint8Array, b: Uint8Array, at: number): boolean {
  for (let i = 0; i < 32; i++) if (a[i] !== b[at + i]) return false;
  return true;
}

function accountId(prefix: number): Codec<string> {
  const cache = new Map<number, { bytes: Uint8Array; addr: string }>();
  return mkCodec(
    (w, v) => {
      let pk: Uint8Array;
      if (typeof v === 'string' && !v.startsWith('0x')) {
        try {
          pk = ss58Decode(v).publicKey;
        } catch (e) {
          if (e instanceof InvalidAddressError) throw new EncodeError(e.message);
          throw e;
        }
      } else pk = P.asBytes(v, 'AccountId32');
      if (pk.length !== 32) throw new EncodeError(`AccountId32 expects 32 bytes, got ${pk.length}`);
      w.bytes(pk);
    },
    (c) => {
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
    },
  );
}

export function createRegistry(metadata: Metadata, options: RegistryOptions = {}): Registry {
  const ss58Prefix = options.ss58Prefix ?? 42;
  const types = metadata.types;
  const cache: (Codec<unknown> | undefined)[] = new Array(types.length);
  const sizes: (number | undefined)[] = new Array(types.length);
  const names: (string | undefined)[] = new Array(types.length);
  const building = new Set<number>();
  const account = accountId(ss58Prefix);
  const palletsByName = new Map(metadata.pallets.map((p) => [p.name, p]));

  function typeOf(id: number) {
    const t = types[id];
    if (!t) throw new MetadataError(`type id ${id} is not in the metadata (${types.length} types)`);
    return t;
  }

  function getCodec(id: number): Codec<unknown> {
    const hit = cache[id];
    if (hit) return hit;
    // A type that refers back to itself gets a lazy handle while it is being built.
    if (building.has(id)) return lazy(() => cache[id]!);
    building.add(id);
    try {
      const built = build(id);
      cache[id] = built;
      return built;
    } finally {
      building.delete(id);
    }
  }

  function fieldsCodec(fields: Field[]): Codec<unknown> | null {
    if (fields.length === 0) return null;
    if (fields.every((f) => f.name !== null)) {
      return struct(fields.map((f) => [f.name!, getCodec(f.type)]));
    }
    if (fields.length === 1) return getCodec(fields[0].type);
    return tuple(...fields.map((f) => getCodec(f.type)));
  }

  function isU8(id: number): boolean {
    const d = typeOf(id).def;
    return d.tag === 'primitive' && d.primitive === 'u8';
  }

  // Follow single-field wrappers (Perbill(u32), Compact<Balance>) to the primitive inside a Compact.
  function innerPrimitive(id: number, depth = 0): Primitive | null {
    const d = typeOf(id).def;
    if (d.tag === 'primitive') return d.primitive;
    if (depth < 8 && d.tag === 'composite' && d.fields.length === 1) return innerPrimitive(d.fields[0].type, depth + 1);
    if (depth < 8 && d.tag === 'tuple' && d.types.length === 1) return innerPrimitive(d.types[0], depth + 1);
    return null;
  }

  function build(id: number): Codec<unknown> {
    const t = typeOf(id);
    const d = t.def;
    const path = t.path;
    switch (d.tag) {
      case 'primitive':
        return PRIM_CODEC[d.primitive];
      case 'composite': {
        if (path.length === 3 && path[2] === 'AccountId32' && path[0] === 'sp_core') return account as Codec<unknown>;
        // Ethereum-style big integers are [u64; N] words, little-endian both ways: one integer.
        if (path.length === 2 && path[0] === 'primitive_types') {
          if (path[1] === 'U256') return P.u256 as Codec<unknown>;
          if (path[1] === 'U128') return P.u128 as Codec<unknown>;
        }
        return fieldsCodec(d.fields) ?? P.unit;
      }
      case 'variant': {
        if (path.length === 1 && path[0] === 'Option' && d.variants.length === 2) {
          const some = d.variants.find((v) => v.name === 'Some');
          if (some && some.fields.length === 1) {
            const innerDef = typeOf(some.fields[0].type).def;
            if (innerDef.tag === 'primitive' && innerDef.primitive === 'bool') return optionBool as Codec<unknown>;
            return option(getCodec(some.fields[0].type));
          }
        }
        if (path.length === 1 && path[0] === 'Result' && d.variants.length === 2) {
          const ok = d.variants.find((v) => v.name === 'Ok' && v.index === 0);
          const err = d.variants.find((v) => v.name === 'Err' && v.index === 1);
          if (ok && err && ok.fields.length === 1 && err.fields.length === 1) {
            return result(getCodec(ok.fields[0].type), getCodec(err.fields[0].type)) as Codec<unknown>;
          }
        }
        const defs: VariantDef[] = d.variants.map((v) => ({ name: v.name, index: v.index, codec: fieldsCodec(v.fields) }));
        return variant(defs, path.join('::') || `enum#${id}`) as Codec<unknown>;
      }
      case 'sequence':
        if (isU8(d.type)) return P.bytes;
        return vec(getCodec(d.type), minSize(d.type)) as Codec<unknown>;
      case 'array':
        if (isU8(d.type)) return P.fixedBytes(d.len);
        return array(getCodec(d.type), d.len) as Codec<unknown>;
      case 'tuple':
        if (d.types.length === 0) return P.unit;
        return tuple(...d.types.map(getCodec)) as Codec<unknown>;
      case 'compact': {
        const p = innerPrimitive(d.type);
        if (p === 'u8') return compactU8 as Codec<unknown>;
        if (p === 'u16') return compactU16 as Codec<unknown>;
        if (p === 'u32') return compactU32 as Codec<unknown>;
        if (p === 'u64') return compactU64 as Codec<unknown>;
        if (p === 'u128') return compactU128 as Codec<unknown>;
        if (p === 'u256') return compactU256 as Codec<unknown>;
        if (typeOf(d.type).def.tag === 'tuple') return P.unit; // Compact<()>
        return compact as Codec<unknown>;
      }
      case 'bitSequence': {
        const store = typeOf(d.storeType).def;
        const storeBytes = store.tag === 'primitive' ? PRIM_SIZE[store.primitive] : 1;
        if (storeBytes !== 1 && storeBytes !== 2 && storeBytes !== 4 && storeBytes !== 8) {
          throw new MetadataError(`BitSequence store type ${typeName(d.storeType)} is not u8/u16/u32/u64`);
        }
        const order = typeOf(d.orderType).path;
        return bitSequence(storeBytes, order[order.length - 1] === 'Msb0') as Codec<unknown>;
      }
    }
  }

  function minSize(id: number): number {
    const hit = sizes[id];
    if (hit !== undefined) return hit;
    sizes[id] = 0; // cycle guard: a recursive reference counts as zero bytes (a safe lower bound)
    const d = typeOf(id).def;
    let n = 0;
    switch (d.tag) {
      case 'primitive':
        n = PRIM_SIZE[d.primitive];
        break;
      case 'composite':
        for (const f of d.fields) n += minSize(f.type);
        break;
      case 'variant':
        n = 1;
        break;
      case 'sequence':
      case 'compact':
      case 'bitSequence':
        n = 1;
        break;
      case 'array':
        n = d.len * minSize(d.type);
        break;
      case 'tuple':
        for (const t of d.types) n += minSize(t);
        break;
    }
    sizes[id] = n;
    return n;
  }

  function typeName(id: number): string {
    const hit = names[id];
    if (hit !== undefined) return hit;
    names[id] = `#${id}`;
    const t = typeOf(id);
    const d = t.def;
    let n: string;
    const params = t.params.filter((p) => p.type !== null).map((p) => typeName(p.type!));
    if (t.path.length) n = t.path.join('::') + (params.length ? `<${params.join(', ')}>` : '');
    else if (d.tag === 'primitive') n = d.primitive;
    else if (d.tag === 'sequence') n = `Vec<${typeName(d.type)}>`;
    else if (d.tag === 'array') n = `[${typeName(d.type)}; ${d.len}]`;
    else if (d.tag === 'tuple') n = `(${d.types.map(typeName).join(', ')})`;
    else if (d.tag === 'compact') n = `Compact<${typeName(d.type)}>`;
    else if (d.tag === 'bitSequence') n = 'BitSequence';
    else n = `#${id}`;
    names[id] = n;
    return n;
  }

  function pallet(name: string): Pallet {
    const p = palletsByName.get(name);
    if (!p) {
      throw new MetadataError(`no pallet ${JSON.stringify(name)} in metadata (pallets: ${[...palletsByName.keys()].join(', ')})`);
    }
    return p;
  }

  return {
    metadata,
    ss58Prefix,
    codec: getCodec,
    typeName,
    minSize,
    pallet,
    storageEntry(palletName, item) {
      const p = pallet(palletName);
      const entry = p.storage?.items.find((e) => e.name === item);
      if (!entry) {
        const items = p.storage?.items.map((e) => e.name) ?? [];
        throw new MetadataError(`no storage item ${palletName}.${item} (has: ${items.slice(0, 40).join(', ')}${items.length > 40 ? ', …' : ''})`);
      }
      return { pallet: p, entry };
    },
    constant(palletName, name) {
      const p = pallet(palletName);
      const k = p.constants.find((c) => c.name === name);
      if (!k) throw new MetadataError(`no constant ${palletName}.${name} (has: ${p.constants.map((c) => c.name).join(', ')})`);
      return { constant: k, value: decode(getCodec(k.type), k.value) };
    },
    runtimeApi(api, method) {
      const a = metadata.apis.find((x) => x.name === api);
      if (!a) {
        if (metadata.apis.length === 0) throw new MetadataError(`metadata V${metadata.version} lists no runtime APIs; ${api}_${method} needs V15+ metadata`);
        throw new MetadataError(`no runtime API ${api} (has: ${metadata.apis.map((x) => x.name).join(', ')})`);
      }
      const m = a.methods.find((x) => x.name === method);
      if (!m) throw new MetadataError(`runtime API ${api} has no method ${method} (has: ${a.methods.map((x) => x.name).join(', ')})`);
      return m;
    },
  };
}
