// What `SubstrateClient.connect` does before a client exists: check the target and options (before
// a socket opens), then open the session in one round trip — the genesis hash, and the head's
// runtime version from the runtime-version subscription that then keeps following it (asked
// directly only where subscriptions are not served). With a warm metadata cache that is all a
// start needs (issue 15).
import { RpcClient, type JsonRpcProvider } from '../rpc/index.js';
import { ArchiveFallback } from './archive.js';
import type { ConnectOptions } from './client.js';
import { BlockNotFoundError, InvalidArgumentError } from './errors.js';
import { HeadRuntime } from './head-runtime.js';
import { resolveMetadataStore } from './metadata-cache.js';
import type { MetadataStore } from './metadata-store.js';
import { RuntimeCache, type Runtime, type RuntimeVersion } from './runtime.js';
import { U32_MAX, arrayArg, nameArg, optSignalArg, optUintArg, optionsArg } from './validate.js';

const MAX_SS58_PREFIX = 16383;

/** `target` of connect: URL(s), a provider function or an RpcClient. */
export function targetArg(t: unknown): string | string[] | JsonRpcProvider | RpcClient {
  if (t instanceof RpcClient || typeof t === 'function') return t as JsonRpcProvider | RpcClient;
  if (typeof t === 'string' && t.length > 0) return t;
  if (Array.isArray(t) && t.length > 0) return t.map((u, i) => nameArg(u, `target[${i}]`));
  throw new InvalidArgumentError(`target: expected a URL, a non-empty URL list, a JsonRpcProvider or an RpcClient, got ${String(t)}`, 'target', t);
}

/** connect's options, checked; the RpcClient checks its own (timeouts, reconnects). */
export function connectOptionsArg(options: unknown): ConnectOptions {
  const opt = optionsArg(options, 'options') as ConnectOptions;
  optUintArg(opt.ss58Prefix, 'options.ss58Prefix', MAX_SS58_PREFIX);
  optUintArg(opt.maxRuntimes, 'options.maxRuntimes', U32_MAX, 1);
  optSignalArg(opt.signal, 'options.signal');
  optUintArg(opt.responseCacheBytes, 'options.responseCacheBytes');
  const store = opt.metadataStore as Partial<MetadataStore> | false | undefined | null;
  if (store !== false && store != null && (typeof store.get !== 'function' || typeof store.set !== 'function')) {
    throw new InvalidArgumentError('options.metadataStore: expected { get, set } or false', 'options.metadataStore', store);
  }
  arrayArg(opt.archiveEndpoints, 'options.archiveEndpoints', true).forEach((u, i) => nameArg(u, `options.archiveEndpoints[${i}]`));
  return opt;
}

export interface Session {
  genesisHash: string;
  head: HeadRuntime;
  archive: ArchiveFallback | undefined;
  runtimes: RuntimeCache;
  latest: Runtime;
}

/** Genesis hash and head runtime in one round trip, then the head's runtime (from the store when warm). */
export async function openSession(rpc: RpcClient, options: ConnectOptions): Promise<Session> {
  const o = { signal: options.signal ?? undefined };
  const head = new HeadRuntime(rpc);
  const [genesisHash, version] = await Promise.all([
    rpc.request<string>('chain_getBlockHash', [0], o),
    head.start(o.signal)
      .then((live) => (live ? head.firstVersion(2000) : undefined))
      .then((v) => v ?? rpc.request<RuntimeVersion>('state_getRuntimeVersion', [], o)),
  ]);
  if (!genesisHash) throw new BlockNotFoundError(0);
  const archive = options.archiveEndpoints?.length ? new ArchiveFallback(options.archiveEndpoints, { ...options, onStatus: undefined }) : undefined;
  const runtimes = new RuntimeCache(rpc, {
    archive,
    genesisHash,
    store: resolveMetadataStore(options.metadataStore ?? undefined),
    ss58Prefix: options.ss58Prefix ?? undefined,
    maxRuntimes: options.maxRuntimes ?? undefined,
  });
  const latest = await runtimes.forVersion(version, undefined, o);
  return { genesisHash, head, archive, runtimes, latest };
}
