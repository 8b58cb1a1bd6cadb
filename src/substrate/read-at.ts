// The one path for a read at a block (issue 15): answered from the pinned-response cache when it
// can be, typed StateUnavailableError / BlockNotFoundError when the node lacks the block (a null
// reply counts as missing with `nullIsMissing`: headers and bodies), then retried on the archive.
import type { RequestOptions, RpcClient } from '../rpc/index.js';
import type { ArchiveFallback } from './archive.js';
import { BlockNotFoundError, mapStateError } from './errors.js';
import type { ResponseCache } from './response-cache.js';

export interface ReadPath {
  readonly rpc: RpcClient;
  readonly responses: ResponseCache;
  readonly archive: ArchiveFallback | undefined;
}

export function readAtBlock<T>(
  path: ReadPath, method: string, params: unknown[], blockHash: string | undefined, opts: RequestOptions, nullIsMissing = false,
): Promise<T> {
  const read = async (rpc: RpcClient) => {
    let r: T;
    try {
      r = await path.responses.request<T>(rpc, method, params, opts);
    } catch (e) {
      throw mapStateError(e, blockHash);
    }
    if (nullIsMissing && r === null && blockHash) throw new BlockNotFoundError(blockHash);
    return r;
  };
  return path.archive && blockHash ? path.archive.orArchive(read, path.rpc) : read(path.rpc);
}
