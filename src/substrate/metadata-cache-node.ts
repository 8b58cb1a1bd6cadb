// The metadata cache on a file system (Node, Bun, Deno): one file per runtime in the platform's
// cache directory. `node:fs` and `node:os` are imported on first use through a variable (as
// src/rpc/websocket.ts does for `ws`), so browser and worker bundles never pull them in.
//
// Many processes may start at once against a cold cache: each writes a private temp file and
// renames it into place (atomic on POSIX and NTFS), so a reader sees a whole file or none. The
// directory is bounded: after each write the least recently used runtimes beyond `maxBytes` go.
import { nameArg, objectArg, optUintArg } from './validate.js';
import { sealedOptionsArg, sealedStore, type ByteStore, type MetadataStore, type SealedStoreOptions } from './metadata-store.js';

type Fs = typeof import('node:fs/promises');

export interface FileMetadataStoreOptions extends SealedStoreOptions {
  /** Upper bound of the directory's cache files in bytes (default 64 MiB ≈ 60–120 runtimes). */
  maxBytes?: number;
}

const EXT = '.slmd';
const fsName = 'node:fs/promises';
let fsModule: Promise<Fs> | undefined;
const loadFs = () => (fsModule ??= import(/* @vite-ignore */ fsName) as Promise<Fs>);

/** File-system metadata store under `dir` (default: `defaultCacheDir()`). */
export function fileMetadataStore(dir?: string, optionsIn: FileMetadataStoreOptions = {}): MetadataStore {
  if (dir !== undefined && dir !== null) nameArg(dir, 'dir');
  const options = sealedOptionsArg<FileMetadataStoreOptions>(optionsIn, 'options');
  optUintArg(options.maxBytes, 'options.maxBytes');
  let resolved: Promise<string> | undefined;
  const where = () => (resolved ??= dir != null ? Promise.resolve(dir.replace(/[\\/]+$/, '')) : defaultCacheDir());
  const file = async (key: string) => `${await where()}/${key}${EXT}`;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const backend: ByteStore = {
    async read(key) {
      const fs = await loadFs();
      const path = await file(key);
      try {
        const b = new Uint8Array(await fs.readFile(path));
        const now = new Date();
        fs.utimes(path, now, now).catch(() => {}); // recency for eviction; a read-only dir just skips it
        return b;
      } catch {
        return null;
      }
    },
    async write(key, bytes) {
      const fs = await loadFs();
      const d = await where();
      await fs.mkdir(d, { recursive: true });
      const path = await file(key);
      const tmp = `${path}.${typeof process !== 'undefined' ? process.pid : 0}.${Math.random().toString(36).slice(2)}.tmp`;
      try {
        await fs.writeFile(tmp, bytes);
        await fs.rename(tmp, path);
      } catch (e) {
        await fs.rm(tmp, { force: true }).catch(() => {});
        throw e;
      }
      await evict(fs, d, path, maxBytes).catch(() => {}); // best effort: another process may evict too
    },
    async remove(key) {
      const fs = await loadFs();
      await fs.rm(await file(key), { force: true });
    },
  };
  return sealedStore(backend, options);
}

/** Drop least recently used cache files until the directory fits `maxBytes` (keeps `keep`). */
async function evict(fs: Fs, dir: string, keep: string, maxBytes: number): Promise<void> {
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith(EXT));
  const files: { path: string; size: number; used: number }[] = [];
  for (const n of names) {
    const path = `${dir}/${n}`;
    const st = await fs.stat(path).catch(() => null);
    if (st) files.push({ path, size: st.size, used: st.mtimeMs });
  }
  let total = files.reduce((s, f) => s + f.size, 0);
  files.sort((a, b) => a.used - b.used);
  for (const f of files) {
    if (total <= maxBytes) break;
    if (f.path === keep) continue;
    await fs.rm(f.path, { force: true });
    total -= f.size;
  }
}

/**
 * The platform's per-user cache directory plus `substrate-lite`: `$XDG_CACHE_HOME` or
 * `~/.cache` on Linux and BSDs, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows.
 */
export async function defaultCacheDir(env: Record<string, string | undefined> = processEnv(), platform = processPlatform()): Promise<string> {
  objectArg(env, 'env', 'an environment record');
  nameArg(platform, 'platform');
  const home = env.HOME || env.USERPROFILE || (await homedir());
  let base: string;
  if (platform === 'win32') base = env.LOCALAPPDATA || `${home}/AppData/Local`;
  else if (platform === 'darwin') base = `${home}/Library/Caches`;
  else base = env.XDG_CACHE_HOME || `${home}/.cache`;
  return `${base.replace(/[\\/]+$/, '')}/substrate-lite`;
}

function processEnv(): Record<string, string | undefined> {
  return typeof process !== 'undefined' && process.env ? process.env : {};
}

function processPlatform(): string {
  return typeof process !== 'undefined' && process.platform ? process.platform : 'linux';
}

async function homedir(): Promise<string> {
  const osName = 'node:os';
  const os = (await import(/* @vite-ignore */ osName)) as typeof import('node:os');
  return os.homedir();
}
