// Where fetched metadata is kept between runs. Metadata is ~0.5 MB and changes only with the spec
// version, so it is keyed by (genesis hash, spec version). The in-memory store is the default; the
// file store lets a Node process restart without re-downloading it.
import { nameArg } from './validate.js';

export interface MetadataStore {
  get(genesisHash: string, specVersion: number): Promise<Uint8Array | null>;
  set(genesisHash: string, specVersion: number, metadata: Uint8Array): Promise<void>;
}

export function memoryMetadataStore(): MetadataStore {
  const m = new Map<string, Uint8Array>();
  return {
    async get(g, v) {
      return m.get(`${g}:${v}`) ?? null;
    },
    async set(g, v, md) {
      m.set(`${g}:${v}`, md);
    },
  };
}

/**
 * File-system store (Node, Bun, Deno): one file per runtime under `dir`. `node:fs` is imported on
 * first use through a variable so browser and worker bundles never pull it in.
 */
export function fileMetadataStore(dir: string): MetadataStore {
  nameArg(dir, 'dir');
  const fsName = 'node:fs/promises';
  const load = () => import(/* @vite-ignore */ fsName) as Promise<typeof import('node:fs/promises')>;
  const file = (g: string, v: number) => `${dir.replace(/\/$/, '')}/${g.slice(0, 18)}-${v}.scale`;
  return {
    async get(g, v) {
      const fs = await load();
      try {
        return new Uint8Array(await fs.readFile(file(g, v)));
      } catch {
        return null;
      }
    },
    async set(g, v, md) {
      const fs = await load();
      await fs.mkdir(dir, { recursive: true });
      const tmp = `${file(g, v)}.${Date.now()}.tmp`;
      await fs.writeFile(tmp, md);
      await fs.rename(tmp, file(g, v)); // atomic: a concurrent reader never sees half a file
    },
  };
}
