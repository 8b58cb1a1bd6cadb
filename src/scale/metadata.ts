// Runtime metadata V14, V15 and V16 decoded by hand on the Cursor into one normalised shape, so the
// registry and the client never branch on the version. Layouts follow frame-metadata 16.x
// (`RuntimeMetadataV14/V15/V16`); V14 lacks runtime APIs and outer enums, which are derived here
// where the type registry allows (the extrinsic type's generic params name Address/Call/Signature/Extra).
import { Cursor } from './codec.js';
import { compactLength } from './compact.js';
import { DecodeError, MetadataError } from './errors.js';
import { toBytes } from './hex.js';
import { apiMethod, cpt, custom, deprecation, outerEnums, pallet14, pallet16, portableType, strs, vecOf } from './metadata-readers.js';
import type { Metadata, PortableType } from './metadata-types.js';
import { str, u8 } from './primitives.js';

export type {
  Constant, Deprecation, ExtrinsicInfo, Field, Metadata, Pallet, PortableType, Primitive, RuntimeApi, RuntimeApiMethod,
  StorageEntry, StorageHasher, TransactionExtension, TypeDef, Variant,
} from './metadata-types.js';

const MAGIC = 0x6174656d; // "meta" little-endian

/**
 * Decode metadata bytes (or 0x-hex). Accepts the raw `meta`-prefixed blob (`state_getMetadata`),
 * the `Option<Vec<u8>>` returned by `Metadata_metadata_at_version`, or a bare `Vec<u8>`.
 */
export function decodeMetadata(input: Uint8Array | string): Metadata {
  const raw = unwrapMetadata(toBytes(input));
  const c = new Cursor(raw, 4);
  const version = raw[c.offset++];
  if (version !== 14 && version !== 15 && version !== 16) {
    throw new MetadataError(`unsupported metadata version ${version} (supported: 14, 15, 16)`);
  }
  try {
    const md = version === 14 ? v14(c) : version === 15 ? v15(c) : v16(c);
    if (c.offset !== raw.length) throw new DecodeError(`${raw.length - c.offset} trailing byte(s) after metadata`, c.offset);
    return md;
  } catch (e) {
    if (e instanceof DecodeError) e.within(`MetadataV${version}`);
    throw e;
  }
}

function readMagic(b: Uint8Array, at: number): boolean {
  return b.length >= at + 5 && (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) === MAGIC;
}

function unwrapMetadata(b: Uint8Array): Uint8Array {
  if (readMagic(b, 0)) return b;
  if (b.length === 1 && b[0] === 0) throw new MetadataError('the runtime returned None for this metadata version');
  for (const start of [1, 0]) {
    if (start === 1 && b[0] !== 1) continue;
    const c = new Cursor(b, start);
    try {
      const len = compactLength(c);
      if (readMagic(b, c.offset) && c.offset + len === b.length) return b.subarray(c.offset);
    } catch {
      /* not this wrapping */
    }
  }
  const head = Array.from(b.subarray(0, 4), (x) => x.toString(16).padStart(2, '0')).join('');
  throw new MetadataError(`not metadata: expected the magic 0x6d657461 ("meta"), got 0x${head}`);
}

function v14(c: Cursor): Metadata {
  const types = vecOf(c, portableType);
  const pallets = vecOf(c, (c) => pallet14(c, false));
  const extType = cpt(c);
  const version = u8.dec(c);
  const extensions = vecOf(c, (c) => ({ identifier: str.dec(c), type: cpt(c), implicit: cpt(c) }));
  const runtimeType = cpt(c);
  const p = types[extType]?.params ?? [];
  const param = (n: string) => p.find((x) => x.name === n)?.type ?? null;
  return {
    version: 14,
    types: checkIds(types),
    pallets,
    extrinsic: {
      versions: [version],
      type: extType,
      addressType: param('Address'),
      callType: param('Call'),
      signatureType: param('Signature'),
      extraType: param('Extra'),
      extensions,
    },
    runtimeType,
    apis: [],
    outerEnums: deriveOuterEnums(types, param('Call')),
    custom: [],
  };
}

function v15(c: Cursor): Metadata {
  const types = vecOf(c, portableType);
  const pallets = vecOf(c, (c) => pallet14(c, true));
  const version = u8.dec(c);
  const addressType = cpt(c);
  const callType = cpt(c);
  const signatureType = cpt(c);
  const extraType = cpt(c);
  const extensions = vecOf(c, (c) => ({ identifier: str.dec(c), type: cpt(c), implicit: cpt(c) }));
  const runtimeType = cpt(c);
  const apis = vecOf(c, (c) => ({ name: str.dec(c), methods: vecOf(c, (c) => apiMethod(c, false)), docs: strs(c) }));
  const oe = outerEnums(c);
  const cu = custom(c);
  return {
    version: 15,
    types: checkIds(types),
    pallets,
    extrinsic: { versions: [version], type: null, addressType, callType, signatureType, extraType, extensions },
    runtimeType,
    apis,
    outerEnums: oe,
    custom: cu,
  };
}

function v16(c: Cursor): Metadata {
  const types = vecOf(c, portableType);
  const pallets = vecOf(c, pallet16);
  const versions = vecOf(c, u8.dec);
  const addressType = cpt(c);
  const callType = cpt(c);
  const signatureType = cpt(c);
  const byVersion = vecOf(c, (c) => [u8.dec(c), vecOf(c, cpt)] as const);
  const all = vecOf(c, (c) => ({ identifier: str.dec(c), type: cpt(c), implicit: cpt(c) }));
  // Signing uses the extensions of the newest extrinsic version that lists them (v4 "signed" here).
  const chosen = byVersion.find(([v]) => v === 4) ?? byVersion[0];
  const extensions = chosen ? chosen[1].map((i) => all[i]).filter(Boolean) : all;
  const runtimeType = -1; // V16 dropped the runtime type id
  const apis = vecOf(c, (c) => {
    const name = str.dec(c);
    const methods = vecOf(c, (c) => apiMethod(c, true));
    const docs = strs(c);
    const version = cpt(c);
    deprecation(c);
    return { name, methods, docs, version };
  });
  const oe = outerEnums(c);
  const cu = custom(c);
  return {
    version: 16,
    types: checkIds(types),
    pallets,
    extrinsic: { versions, type: null, addressType, callType, signatureType, extraType: null, extensions },
    runtimeType,
    apis,
    outerEnums: oe,
    custom: cu,
  };
}

// The registry indexes `types` by id; scale-info emits ids 0..n-1 in order, so check once instead
// of building a Map.
function checkIds(types: PortableType[]): PortableType[] {
  for (let i = 0; i < types.length; i++) {
    if (types[i].id !== i) throw new MetadataError(`type ids are not dense: position ${i} holds id ${types[i].id}`);
  }
  return types;
}

// V14 does not record the outer enums; find RuntimeEvent/RuntimeError by path next to RuntimeCall.
function deriveOuterEnums(types: PortableType[], call: number | null): Metadata['outerEnums'] {
  if (call === null) return null;
  const ns = types[call]?.path.slice(0, -1).join('::');
  const find = (names: string[]) =>
    types.find((t) => t.path.slice(0, -1).join('::') === ns && names.includes(t.path[t.path.length - 1]))?.id;
  const event = find(['RuntimeEvent', 'Event']);
  const error = find(['RuntimeError', 'Error']);
  return event === undefined ? null : { call, event, error: error ?? -1 };
}
