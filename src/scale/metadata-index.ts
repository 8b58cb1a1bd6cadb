// The metadata index a registry is built on: type look-up by id that fails with MetadataError
// (metadata comes from the network, so an id may point nowhere) and by-name maps of pallets,
// storage items and runtime APIs, built once instead of searched on every call.
import { MetadataError } from './errors.js';
import type { Constant, Metadata, Pallet, PortableType, RuntimeApi, RuntimeApiMethod, StorageEntry } from './metadata.js';

export interface MetadataIndex {
  readonly metadata: Metadata;
  /** The type with this id; MetadataError when the metadata has none. */
  type(id: number): PortableType;
  pallet(name: string): Pallet;
  storageEntry(pallet: string, item: string): { pallet: Pallet; entry: StorageEntry };
  constant(pallet: string, name: string): Constant;
  runtimeApi(api: string, method: string): RuntimeApiMethod;
}

function list(names: Iterable<string>, max = 40): string {
  const all = [...names];
  return all.slice(0, max).join(', ') + (all.length > max ? ', …' : '');
}

export function indexMetadata(metadata: Metadata): MetadataIndex {
  const types = metadata.types;
  // Built on first look-up: a registry is often created only to decode one type.
  let pallets: Map<string, Pallet> | null = null;
  const storage = new Map<Pallet, Map<string, StorageEntry>>();
  let apis: Map<string, RuntimeApi> | null = null;

  function type(id: number): PortableType {
    const t = types[id];
    if (t === undefined || !Number.isInteger(id)) {
      throw new MetadataError(`type id ${id} is not in the metadata (${types.length} types)`);
    }
    return t;
  }

  function pallet(name: string): Pallet {
    pallets ??= new Map(metadata.pallets.map((p) => [p.name, p]));
    const p = pallets.get(name);
    if (!p) throw new MetadataError(`no pallet ${JSON.stringify(name)} in metadata (pallets: ${list(pallets.keys(), 200)})`);
    return p;
  }

  function storageEntry(palletName: string, item: string) {
    const p = pallet(palletName);
    let items = storage.get(p);
    if (!items) storage.set(p, (items = new Map((p.storage?.items ?? []).map((e) => [e.name, e]))));
    const entry = items.get(item);
    if (!entry) throw new MetadataError(`no storage item ${palletName}.${item} (has: ${list(items.keys())})`);
    return { pallet: p, entry };
  }

  function constant(palletName: string, name: string): Constant {
    const p = pallet(palletName);
    const k = p.constants.find((c) => c.name === name);
    if (!k) throw new MetadataError(`no constant ${palletName}.${name} (has: ${list(p.constants.map((c) => c.name), 200)})`);
    return k;
  }

  function runtimeApi(api: string, method: string): RuntimeApiMethod {
    apis ??= new Map(metadata.apis.map((a) => [a.name, a]));
    const a = apis.get(api);
    if (!a) {
      if (metadata.apis.length === 0) throw new MetadataError(`metadata V${metadata.version} lists no runtime APIs; ${api}_${method} needs V15+ metadata`);
      throw new MetadataError(`no runtime API ${api} (has: ${list(apis.keys(), 200)})`);
    }
    const m = a.methods.find((x) => x.name === method);
    if (!m) throw new MetadataError(`runtime API ${api} has no method ${method} (has: ${list(a.methods.map((x) => x.name), 200)})`);
    return m;
  }

  return { metadata, type, pallet, storageEntry, constant, runtimeApi };
}
