// The browser/worker metadata stores over in-memory stand-ins for their platform APIs: a KV
// namespace (Workers KV's get/put/delete) and a CacheStorage (match/put/delete/keys), checked for
// the same guarantees as the file store: round trip, damaged entries discarded, writes that fail
// degrade to memory with one warning, old runtimes evicted.
import { afterEach, describe, expect, it } from 'vitest';
import { cacheApiMetadataStore, kvMetadataStore, sealMetadata } from '../../src/substrate/index.js';

const G = '0x' + 'c3'.repeat(32);
const md = (n: number) => new Uint8Array([0x6d, 0x65, 0x74, 0x61, 15, ...Array.from({ length: 200 }, (_, i) => (i * n) & 0xff)]);

function fakeKv() {
  const m = new Map<string, Uint8Array>();
  return { m, get: async (k: string) => m.get(k) ?? null, put: async (k: string, v: Uint8Array) => void m.set(k, v.slice()), delete: async (k: string) => void m.delete(k) };
}

function fakeCaches() {
  const m = new Map<string, Uint8Array>();
  const cache = {
    match: async (u: string) => (m.has(u) ? new Response(m.get(u)! as BodyInit) : undefined),
    put: async (u: string, r: Response) => void m.set(u, new Uint8Array(await r.arrayBuffer())),
    delete: async (u: string) => m.delete(u),
    keys: async () => [...m.keys()],
  };
  return { m, storage: { open: async () => cache } };
}

afterEach(() => {
  delete (globalThis as { caches?: unknown }).caches;
});

describe('kvMetadataStore', () => {
  it('round-trips, discards a damaged entry, and falls back to memory once when puts fail', async () => {
    const kv = fakeKv();
    const store = kvMetadataStore(kv);
    await store.set(G, 1, md(1));
    expect(await store.get(G, 1)).toEqual(md(1));
    const [key] = kv.m.keys();
    expect(key).toMatch(/^substrate-lite\/metadata\//);
    kv.m.get(key!)![60] ^= 1;
    expect(await store.get(G, 1)).toBeNull();
    expect(kv.m.size).toBe(0);

    const warnings: string[] = [];
    const broken = kvMetadataStore({ get: async () => null, put: async () => { throw new Error('KV put limit exceeded'); } }, { onWarning: (w) => warnings.push(w) });
    await broken.set(G, 1, md(1));
    await broken.set(G, 2, md(2));
    expect(await broken.get(G, 2)).toEqual(md(2));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('KV put limit exceeded');
  });
});

describe('cacheApiMetadataStore', () => {
  it('round-trips, rejects a foreign entry, and keeps only the newest maxEntries', async () => {
    const c = fakeCaches();
    (globalThis as { caches?: unknown }).caches = c.storage;
    const store = cacheApiMetadataStore({ maxEntries: 2 });
    for (const v of [1, 2, 3]) await store.set(G, v, md(v));
    expect(c.m.size).toBe(2);
    expect(await store.get(G, 1)).toBeNull();
    expect(await store.get(G, 3)).toEqual(md(3));
    // an entry of another chain under this chain's URL is discarded
    const url = [...c.m.keys()].find((u) => u.endsWith('-3'))!;
    c.m.set(url, sealMetadata('0x' + 'dd'.repeat(32), 3, md(3)));
    expect(await store.get(G, 3)).toBeNull();
    expect(c.m.has(url)).toBe(false);
  });
});
