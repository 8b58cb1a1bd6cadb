// Which runtime a block's state runs on never changes once the block exists (a hash names one
// block, and its parent's code is fixed), so this answer — two requests per block otherwise
// (`chain_getHeader` + `state_getRuntimeVersion` at the parent) — is kept across restarts next to
// the metadata, as Python's DiskCachedAsyncSubstrateInterface does. Block number → hash is not kept:
// it is only immutable once finalised, and knowing that costs a request of its own.
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
}

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
    this.#dirty = true;
    if (this.#timer) return;
    this.#timer = setTimeout(() => void this.flush(), 1000);
    (this.#timer as { unref?: () => void }).unref?.(); // a pending save never keeps a process alive
  }

  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#dirty || !this.#doc) return;
    this.#dirty = false;
    await this.#store.setFacts?.(this.#genesis, JSON.stringify(await this.#doc)).catch(() => {});
  }
}
