// Archive fallback: a read of an old block that the primary node has pruned (StateUnavailableError)
// or never had (BlockNotFoundError) is asked again of an archive endpoint, over a second connection
// opened on first need — most programs never read old state and never pay for it. The caller sees
// the archive's answer as if the primary had given it.
import { RpcClient, type RequestOptions, type RpcClientOptions } from '../rpc/index.js';
import { BlockNotFoundError, StateUnavailableError } from './errors.js';

export class ArchiveFallback {
  readonly #endpoints: string[];
  readonly #options: RpcClientOptions;
  #client: RpcClient | undefined;
  /** Reads answered by the archive (for tests and metrics). */
  used = 0;

  constructor(endpoints: string[], options: RpcClientOptions = {}) {
    this.#endpoints = endpoints;
    this.#options = options;
  }

  /** Whether `e` (already mapped by mapStateError) is the kind of failure an archive node can fix. */
  covers(e: unknown): boolean {
    return e instanceof StateUnavailableError || e instanceof BlockNotFoundError;
  }

  /** The archive connection, opened on first use. */
  rpc(): RpcClient {
    return (this.#client ??= new RpcClient(this.#endpoints, this.#options));
  }

  request<T>(method: string, params: unknown[], opts: RequestOptions = {}): Promise<T> {
    this.used++;
    return this.rpc().request<T>(method, params, opts);
  }

  /** Run `read` on the primary; if it fails in a way an archive fixes, run it on the archive. */
  async orArchive<T>(read: (rpc: RpcClient) => Promise<T>, primary: RpcClient): Promise<T> {
    try {
      return await read(primary);
    } catch (e) {
      if (!this.covers(e)) throw e;
      this.used++;
      return read(this.rpc());
    }
  }

  async close(): Promise<void> {
    await this.#client?.close();
  }
}
