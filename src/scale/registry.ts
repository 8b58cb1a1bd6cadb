// The metadata-driven layer, in polkadot-api's metadata-builders shape: a metadata index
// (metadata-index.ts), a classifier that turns each type into a tagged union (type-class.ts), a
// builder from class to codec (codec-builder.ts) and one cache and cycle guard for every per-type
// derivation (with-cache.ts). Codecs are built on first use and cached; the back edge of a
// recursive type becomes a `recursive` handle that bounds nesting at decode time.
// Value conventions are documented in README "Values".
import { decode, type Codec } from './codec.js';
import { accountId } from './account-id.js';
import { buildCodec } from './codec-builder.js';
import { recursive } from './combinators.js';
import { indexMetadata } from './metadata-index.js';
import type { Constant, Metadata, Pallet, PortableType, RuntimeApiMethod, StorageEntry } from './metadata.js';
import { classify, type TypeClass } from './type-class.js';
import { minSizeOf, typeNameOf } from './type-info.js';
import { withCache } from './with-cache.js';

export interface Registry {
  readonly metadata: Metadata;
  readonly ss58Prefix: number;
  /** The codec for a type id, built on first use. */
  codec(typeId: number): Codec<unknown>;
  /** The metadata type with this id; MetadataError when there is none. */
  type(typeId: number): PortableType;
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

export function createRegistry(metadata: Metadata, options: RegistryOptions = {}): Registry {
  const ss58Prefix = options.ss58Prefix ?? 42;
  const index = indexMetadata(metadata);
  const classes = new Map<number, TypeClass>();
  const classOf = (id: number): TypeClass => {
    let cls = classes.get(id);
    if (cls === undefined) classes.set(id, (cls = classify(index, id)));
    return cls;
  };
  const typeName: (id: number) => string = withCache('type name', (id) => typeNameOf(index.type(id), typeName), (id) => `#${id}`);
  const minSize: (id: number) => number = withCache('minimum size', (id) => minSizeOf(classOf(id), minSize), () => 0);
  const account = accountId(ss58Prefix);
  const codec: (id: number) => Codec<unknown> = withCache(
    'codec',
    (id) => buildCodec(classOf(id), { codec, minSize, account }),
    (id, levels) => recursive(() => codec(id), levels, typeName(id)),
  );
  return {
    metadata,
    ss58Prefix,
    codec,
    type: index.type,
    typeName,
    minSize,
    pallet: index.pallet,
    storageEntry: index.storageEntry,
    constant(pallet, name) {
      const k = index.constant(pallet, name);
      return { constant: k, value: decode(codec(k.type), k.value) };
    },
    runtimeApi: index.runtimeApi,
  };
}
