// Which runtime a block's state runs on never changes once the block exists (a hash names one
// block, and its parent's code is fixed), so this answer — two requests per block otherwise
// (`chain_getHeader` + `state_getRuntimeVersion` at the parent) — is kept across restarts next to
// the metadata, as Python's DiskCachedAsyncSubstrateInterface does. Block number → hash is kept too,
// but only for finalised numbers (at or below the highest finalised number seen): below that a
// number names one block forever, above it a re-org can still change the answer.
// Saved as one small JSON document per chain, rewritten at most once per second (and on close).
import type { MetadataStore } from './metadata-store.js';
import type { RuntimeVersion } from './runtime.js';

export interface BlockRuntime {
  version: RuntimeVersion;
  codeAt: string | undefined;
}

interface Doc {
  genesis: string;
  versions: Record<string, RuntimeVersion>;
  /** block hash → [spec version, block whose state holds the code] */
  blocks: Record<string, [number, string]>;
  /** finalised block number → hash */
  hashes?: Record<string, string>;
  /** highest finalised block number seen */
  finalized?: number;
}

const HASH = /^0x[0-9a-f]{64}$/;

const MAX_BLOCKS = 20_000;

export class BlockFacts {
  readonly #store: MetadataStore;
  readonly #genesis: string;
  #doc: Promise<Doc> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #dirty = false;

  constructor(store: MetadataStore, genesisHash: string) {
    this.#store = store;
    this.#genesis = genesisHash;
  }

  #load(): Promise<Doc> {
    return (this.#doc ??= (async () => {
      const empty: Doc = { genesis: this.#genesis, versions: {}, blocks: {} };
      try {
        const text = await this.#store.getFacts?.(this.#genesis);
        const d = text ? (JSON.parse(text) as Doc) : null;
        // a document of another chain, or not ours at all, is ignored (and replaced on next save)
        return d && d.genesis === this.#genesis && d.blocks && d.versions ? d : empty;
      } catch {
        return empty;
      }
    })());
  }

  async get(blockHash: string): Promise<BlockRuntime | undefined> {
    if (!this.#store.getFacts) return undefined;
    const d = await this.#load();
    const b = d.blocks[blockHash.toLowerCase()];
    const version = b && d.versions[b[0]];
    return version ? { version, codeAt: b[1] } : undefined;
  }

  async add(blockHash: string, r: BlockRuntime): Promise<void> {
    if (!this.#store.setFacts || r.codeAt === undefined) return;
    const d = await this.#load();
    d.versions[r.version.specVersion] = r.version;
    d.blocks[blockHash.toLowerCase()] = [r.version.specVersion, r.codeAt];
    const keys = Object.keys(d.blocks);
    for (const k of keys.slice(0, Math.max(0, keys.length - MAX_BLOCKS))) delete d.blocks[k];
    this.#touch();
  }

  #touch(): void {
    this.#dirty = true;
    if (this.#timer) return;
    this.#timer = setTimeout(() => void this.flush(), 1000);
    (this.#timer as { unref?: () => void }).unref?.(); // a pending save never keeps a process alive
  }

  /** Whether this store keeps facts across restarts at all. */
  get persists(): boolean {
    return this.#store.setFacts !== undefined;
  }

  /** The hash of finalised block `n`, if it was seen before (here or in an earlier process). */
  async hashOf(n: number): Promise<string | undefined> {
    if (!this.#store.getFacts) return undefined;
    const h = (await this.#load()).hashes?.[n];
    return typeof h === 'string' && HASH.test(h) ? h : undefined;
  }

  /** Whether block number `n` is known to be finalised (so its hash can be kept). */
  async isFinalized(n: number): Promise<boolean> {
    return this.#store.setFacts !== undefined && n <= ((await this.#load()).finalized ?? -1);
  }

  /** Raise the finalised high-water mark (it never goes down). */
  async setFinalized(n: number): Promise<void> {
    if (!this.#store.setFacts) return;
    const d = await this.#load();
    if (n > (d.finalized ?? -1)) d.finalized = n;
  }

  /** Keep number → hash when `n` is finalised; otherwise do nothing. */
  async addHash(n: number, hash: string): Promise<void> {
    if (!(await this.isFinalized(n)) || !HASH.test(hash.toLowerCase())) return;
    const d = await this.#load();
    const hashes = (d.hashes ??= {});
    hashes[n] = hash.toLowerCase();
    const keys = Object.keys(hashes);
    for (const k of keys.slice(0, Math.max(0, keys.length - MAX_BLOCKS))) delete hashes[k];
    this.#touch();
  }

  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#dirty || !this.#doc) return;
    this.#dirty = false;
    await this.#store.setFacts?.(this.#genesis, JSON.stringify(await this.#doc)).catch(() => {});
  }
}
