/**
 * Iterating a storage map (optionally under partial keys) at ONE block: the next page's keys are
 * requested while the current page's values are in flight. Split from the client so the paging
 * logic reads on its own; the client hands in the three reads it needs.
 * @module
 */
import { decodeStorageKey, storageKey } from '../scale/index.js';
import { InvalidArgumentError } from './errors.js';
import type { Runtime } from './runtime.js';
import { decodeStorageValue, valuesOfKeys } from './storage-value.js';
import { atArg, hexArg, optBoolArg, optFunctionArg, optUintArg, type CheckedAt } from './validate.js';

export interface QueryMapEntry<K = unknown[], V = unknown> {
  /** Full storage key (hex). */
  key: string;
  /** Decoded map keys (all of them, including the partial keys given). */
  keys: K;
  value: V;
}

export interface QueryMapOptions {
  blockHash?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Keys per `state_getKeysPaged` page: an integer ≥ 1 (above 1000 it is capped at 1000). */
  pageSize?: number;
  /** Total cap on entries yielded (an integer ≥ 0; absent = no cap). */
  maxResults?: number;
  startKey?: string;
  /** Fetch all keys first, then every value page in parallel. */
  fullyExhaust?: boolean;
  onProgress?: (done: number, total?: number) => void;
}

/** What the iteration needs from the client. */
export interface MapSource {
  head(opts: CheckedAt): Promise<string>;
  runtime(opts: CheckedAt): Promise<Runtime>;
  read<T>(method: string, params: unknown[], blockHash: string, opts: CheckedAt): Promise<T>;
}

type Checked = CheckedAt & { pageSize: number; max: number; startKey?: string; fullyExhaust?: boolean; onProgress?: QueryMapOptions['onProgress'] };

/** Check queryMap's options once, at the call. */
export function queryMapOptionsArg(v: unknown, name = 'opts'): Checked {
  const o = atArg<QueryMapOptions>(v, name);
  // Nodes cap a key page at 1000; a bigger page size only means "as many as the node gives".
  const pageSize = Math.min(optUintArg(o.pageSize, `${name}.pageSize`, Number.MAX_SAFE_INTEGER, 1) ?? 100, 1000);
  const max = optUintArg(o.maxResults, `${name}.maxResults`) ?? Infinity;
  const startKey = o.startKey === undefined || o.startKey === null ? undefined : hexArg(o.startKey, `${name}.startKey`);
  return {
    blockHash: o.blockHash, signal: o.signal, timeoutMs: o.timeoutMs, pageSize, max, startKey,
    fullyExhaust: optBoolArg(o.fullyExhaust, `${name}.fullyExhaust`),
    onProgress: optFunctionArg(o.onProgress, `${name}.onProgress`),
  };
}

export async function* iterateMap<K, V>(src: MapSource, pallet: string, item: string, partialKeys: unknown[], opts: Checked): AsyncGenerator<QueryMapEntry<K, V>> {
  const blockHash = opts.blockHash ?? (await src.head(opts));
  const rt = await src.runtime({ ...opts, blockHash });
  const { entry } = rt.registry.storageEntry(pallet, item);
  if (entry.hashers.length === 0) throw new InvalidArgumentError(`${pallet}.${item} is a plain value, not a map`, 'item', item);
  if (partialKeys.length >= entry.hashers.length) {
    throw new InvalidArgumentError(`partialKeys: ${pallet}.${item} has ${entry.hashers.length} key(s); give fewer than that to iterate`, 'partialKeys', partialKeys);
  }
  const prefix = storageKey(rt.registry, pallet, item, partialKeys);
  const { pageSize, max } = opts;
  const keysPage = (start: string | undefined) =>
    src.read<string[]>('state_getKeysPaged', [prefix, Math.min(pageSize, max), start ?? null, blockHash], blockHash, opts);
  const values = async (keys: string[]) => {
    if (keys.length === 0) return [];
    const res = await src.read<{ changes: [string, string | null][] }[]>('state_queryStorageAt', [keys, blockHash], blockHash, opts);
    return valuesOfKeys(res, keys);
  };
  const decodeEntry = (k: string, v: string | null): QueryMapEntry<K, V> => ({
    key: k,
    keys: decodeStorageKey(rt.registry, pallet, item, k) as K,
    value: decodeStorageValue(rt.registry, entry, v, `${pallet}.${item}`) as V,
  });
  if (opts.fullyExhaust) {
    yield* exhaust(keysPage, values, decodeEntry, opts);
    return;
  }
  let done = 0;
  let keys = max === 0 ? [] : await keysPage(opts.startKey);
  while (keys.length > 0 && done < max) {
    if (done + keys.length > max) keys = keys.slice(0, max - done);
    const full = keys.length === pageSize && done + keys.length < max;
    const next = full ? keysPage(keys[keys.length - 1]) : null;
    next?.catch(() => {}); // surfaced when awaited below
    const vals = await values(keys);
    for (let i = 0; i < keys.length; i++) yield decodeEntry(keys[i], vals[i]);
    done += keys.length;
    opts.onProgress?.(done);
    if (!next) break;
    keys = await next;
  }
}

/** fullyExhaust: every key page first, then all value pages at once. */
async function* exhaust<E>(
  keysPage: (start: string | undefined) => Promise<string[]>,
  values: (keys: string[]) => Promise<(string | null)[]>,
  decodeEntry: (k: string, v: string | null) => E,
  opts: Checked,
): AsyncGenerator<E> {
  const { pageSize, max } = opts;
  const all: string[] = [];
  let start = opts.startKey;
  while (max > 0) {
    const page = await keysPage(start);
    all.push(...page);
    if (page.length < pageSize || all.length >= max) break;
    start = page[page.length - 1];
  }
  const keys = all.slice(0, max === Infinity ? undefined : max);
  const pages: string[][] = [];
  for (let i = 0; i < keys.length; i += pageSize) pages.push(keys.slice(i, i + pageSize));
  const vals = await Promise.all(pages.map(values));
  let done = 0;
  for (let p = 0; p < pages.length; p++) {
    for (let i = 0; i < pages[p].length; i++) yield decodeEntry(pages[p][i], vals[p][i]);
    done += pages[p].length;
    opts.onProgress?.(done, keys.length);
  }
}
