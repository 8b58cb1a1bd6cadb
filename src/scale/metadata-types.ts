// The normalised shape of runtime metadata V14–V16 that decodeMetadata returns and the registry
// reads: the portable type registry, pallets with their storage/calls/events/constants, runtime APIs.
import type { StorageHasher } from './hashers.js';

export type { StorageHasher };

export type Primitive =
  | 'bool' | 'char' | 'str'
  | 'u8' | 'u16' | 'u32' | 'u64' | 'u128' | 'u256'
  | 'i8' | 'i16' | 'i32' | 'i64' | 'i128' | 'i256';


export interface Field {
  name: string | null;
  type: number;
  typeName: string | null;
  docs: string[];
}

export interface Variant {
  name: string;
  fields: Field[];
  index: number;
  docs: string[];
}

export type TypeDef =
  | { tag: 'composite'; fields: Field[] }
  | { tag: 'variant'; variants: Variant[] }
  | { tag: 'sequence'; type: number }
  | { tag: 'array'; len: number; type: number }
  | { tag: 'tuple'; types: number[] }
  | { tag: 'primitive'; primitive: Primitive }
  | { tag: 'compact'; type: number }
  | { tag: 'bitSequence'; storeType: number; orderType: number };

export interface PortableType {
  id: number;
  path: string[];
  params: { name: string; type: number | null }[];
  def: TypeDef;
  docs: string[];
}


export type Deprecation = null | { note: string | null; since: string | null };

export interface StorageEntry {
  name: string;
  modifier: 'Optional' | 'Default';
  /** Empty for a plain value; one hasher per key for maps. */
  hashers: StorageHasher[];
  /** Key type id (a tuple for multi-key maps), null for plain values. */
  keyType: number | null;
  valueType: number;
  /** SCALE bytes of the default value (`Option::None` for Optional entries). */
  default: Uint8Array;
  docs: string[];
  deprecation?: Deprecation;
}

export interface Constant {
  name: string;
  type: number;
  value: Uint8Array;
  docs: string[];
  deprecation?: Deprecation;
}

export interface Pallet {
  name: string;
  index: number;
  storage: { prefix: string; items: StorageEntry[] } | null;
  calls: number | null;
  events: number | null;
  errors: number | null;
  constants: Constant[];
  docs: string[];
  associatedTypes?: { name: string; type: number; docs: string[] }[];
  viewFunctions?: { id: Uint8Array; name: string; inputs: { name: string; type: number }[]; output: number; docs: string[] }[];
  deprecation?: Deprecation;
}

export interface RuntimeApiMethod {
  name: string;
  inputs: { name: string; type: number }[];
  output: number;
  docs: string[];
  deprecation?: Deprecation;
}

export interface RuntimeApi {
  name: string;
  methods: RuntimeApiMethod[];
  docs: string[];
  version?: number;
}

export interface TransactionExtension {
  identifier: string;
  /** Explicit part, carried in the extrinsic. */
  type: number;
  /** Implicit part, only in the signed payload (V14/V15 `additional_signed`). */
  implicit: number;
}

export interface ExtrinsicInfo {
  versions: number[];
  /** The UncheckedExtrinsic type (V14 only; null when metadata does not name it). */
  type: number | null;
  addressType: number | null;
  callType: number | null;
  signatureType: number | null;
  extraType: number | null;
  extensions: TransactionExtension[];
}

export interface Metadata {
  version: 14 | 15 | 16;
  types: PortableType[];
  pallets: Pallet[];
  extrinsic: ExtrinsicInfo;
  /** The runtime's own type id (V14/V15; -1 in V16, which no longer records it). */
  runtimeType: number;
  apis: RuntimeApi[];
  outerEnums: { call: number; event: number; error: number } | null;
  custom: { name: string; type: number; value: Uint8Array }[];
}
