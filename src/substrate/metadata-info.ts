// The runtime's self-description as plain lists, for the questions Python users ask
// (`get_metadata_call_functions`, `get_metadata_errors`, …): which pallets, calls, events, errors,
// constants and storage items exist, with their docs. Pure functions of one runtime.
import { decode, type Field, type Metadata, type Pallet, type Variant } from '../scale/index.js';
import type { AtOptions, SubstrateClient } from './client.js';
import type { Runtime } from './runtime.js';
import { arrayArg, atArg, clientArg, nameArg, objectArg, optOneOfArg } from './validate.js';

export interface PalletInfo {
  name: string;
  index: number;
  docs: string[];
}

export interface VariantInfo {
  pallet: string;
  name: string;
  /** Call, event or error index within the pallet. */
  index: number;
  fields: { name: string | null; typeName: string | null; type: number }[];
  docs: string[];
}

export interface ConstantInfo {
  pallet: string;
  name: string;
  value: unknown;
  docs: string[];
}

export interface StorageInfo {
  pallet: string;
  name: string;
  modifier: 'Optional' | 'Default';
  /** Number of map keys (0 for a plain value). */
  keys: number;
  docs: string[];
}

export type VariantKind = 'calls' | 'events' | 'errors';

const KINDS = ['pallets', 'calls', 'events', 'errors', 'constants', 'storage'] as const;

function metadataArg(v: unknown, name = 'md'): Metadata {
  arrayArg(objectArg(v, name, 'decoded Metadata').pallets, `${name}.pallets`);
  return v as Metadata;
}

/** An optional pallet name: absent (undefined or null) = every pallet. */
function palletArg(v: unknown, name = 'pallet'): string | undefined {
  return v === undefined || v === null ? undefined : nameArg(v, name);
}

export function listPallets(md: Metadata): PalletInfo[] {
  metadataArg(md);
  return md.pallets.map((p) => ({ name: p.name, index: p.index, docs: p.docs }));
}

/** Calls, events or errors of one pallet (or of all pallets when `pallet` is omitted). */
export function listVariants(md: Metadata, kind: VariantKind, palletIn?: string): VariantInfo[] {
  metadataArg(md);
  if (optOneOfArg(kind, 'kind', ['calls', 'events', 'errors']) === undefined) nameArg(kind, 'kind');
  const pallet = palletArg(palletIn);
  return selected(md, pallet).flatMap((p) => variantsOf(md, p, kind).map((v) => variantInfo(p, v)));
}

export function listConstants(rt: Runtime, palletIn?: string): ConstantInfo[] {
  metadataArg(objectArg(rt, 'rt', 'a Runtime').metadata, 'rt.metadata');
  const pallet = palletArg(palletIn);
  return selected(rt.metadata, pallet).flatMap((p) =>
    p.constants.map((c) => ({ pallet: p.name, name: c.name, value: decode(rt.registry.codec(c.type), c.value), docs: c.docs })),
  );
}

export function listStorage(md: Metadata, palletIn?: string): StorageInfo[] {
  metadataArg(md);
  const pallet = palletArg(palletIn);
  return selected(md, pallet).flatMap((p) =>
    (p.storage?.items ?? []).map((s) => ({ pallet: p.name, name: s.name, modifier: s.modifier, keys: s.hashers.length, docs: s.docs })),
  );
}

/** A pallet error by name (e.g. from a DispatchError), or null when the runtime has no such error. */
export function metadataError(md: Metadata, pallet: string, name: string): VariantInfo | null {
  metadataArg(md);
  nameArg(pallet, 'pallet');
  nameArg(name, 'name');
  return listVariants(md, 'errors', pallet).find((e) => e.name === name) ?? null;
}

function selected(md: Metadata, pallet: string | undefined): Pallet[] {
  return pallet === undefined ? md.pallets : md.pallets.filter((p) => p.name === pallet);
}

function variantsOf(md: Metadata, p: Pallet, kind: VariantKind): Variant[] {
  const id = p[kind];
  if (id === null) return [];
  const def = md.types[id]?.def;
  return def?.tag === 'variant' ? def.variants : [];
}

function variantInfo(p: Pallet, v: Variant): VariantInfo {
  return { pallet: p.name, name: v.name, index: v.index, fields: v.fields.map((f: Field) => ({ name: f.name, typeName: f.typeName, type: f.type })), docs: v.docs };
}

/** Pallets, calls, events, errors, constants or storage items of the runtime at a block, with docs. */
export async function listMetadata(client: SubstrateClient, kind: 'pallets', opts?: AtOptions): Promise<PalletInfo[]>;
export async function listMetadata(client: SubstrateClient, kind: VariantKind, opts?: AtOptions & { pallet?: string }): Promise<VariantInfo[]>;
export async function listMetadata(client: SubstrateClient, kind: 'constants', opts?: AtOptions & { pallet?: string }): Promise<ConstantInfo[]>;
export async function listMetadata(client: SubstrateClient, kind: 'storage', opts?: AtOptions & { pallet?: string }): Promise<StorageInfo[]>;
export async function listMetadata(client: SubstrateClient, kind: 'pallets' | VariantKind | 'constants' | 'storage', optsIn: AtOptions & { pallet?: string } = {}): Promise<unknown[]> {
  clientArg(client, 'client');
  if (optOneOfArg(kind, 'kind', KINDS) === undefined) nameArg(kind, 'kind');
  const opts = atArg<{ pallet?: string }>(optsIn);
  const pallet = palletArg(opts.pallet, 'opts.pallet');
  const rt = await client.runtime(opts);
  if (kind === 'pallets') return listPallets(rt.metadata);
  if (kind === 'constants') return listConstants(rt, pallet);
  if (kind === 'storage') return listStorage(rt.metadata, pallet);
  return listVariants(rt.metadata, kind, pallet);
}

/** A pallet error by name with its docs, or null when the runtime has no such error. */
export async function getMetadataError(client: SubstrateClient, pallet: string, name: string, opts: AtOptions = {}): Promise<VariantInfo | null> {
  clientArg(client, 'client');
  nameArg(pallet, 'pallet');
  nameArg(name, 'name');
  atArg(opts);
  return metadataError((await client.runtime(opts)).metadata, pallet, name);
}
