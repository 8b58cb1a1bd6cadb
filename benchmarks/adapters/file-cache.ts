// File persistence for the peers' own metadata caches in the cold-start bench: dedot caches through
// an IStorage (localStorage in browsers, which Node 20 lacks) and polkadot-api through
// getMetadata/setMetadata hooks. The caching logic stays theirs; this only puts the bytes on disk,
// one file per key, as our file store does.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const file = (dir: string, key: string) => join(dir, encodeURIComponent(key));

export function fileKv(dir: string) {
  mkdirSync(dir, { recursive: true });
  const read = (key: string): string | null => {
    try {
      return readFileSync(file(dir, key), 'utf8');
    } catch {
      return null;
    }
  };
  return {
    async get(key: string) {
      return read(key);
    },
    async set(key: string, value: string) {
      writeFileSync(file(dir, key), value);
    },
    async remove(key: string) {
      rmSync(file(dir, key), { force: true });
    },
    async keys() {
      return readdirSync(dir).map(decodeURIComponent);
    },
    async clear() {
      for (const k of readdirSync(dir)) rmSync(join(dir, k), { force: true });
    },
    async length() {
      return readdirSync(dir).length;
    },
    async getBytes(key: string) {
      try {
        return new Uint8Array(readFileSync(file(dir, key)));
      } catch {
        return null;
      }
    },
    async setBytes(key: string, value: Uint8Array) {
      writeFileSync(file(dir, key), value);
    },
  };
}
