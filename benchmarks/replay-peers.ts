// The extra answers polkadot.js and dedot need to start against the replay server (see
// metagraph.bench.ts): chain and node identity, V15 metadata on state_getMetadata, the recorded
// spec-343 runtime version, and the legacy subscriptions they open at start-up (each gets an id and
// one notification, sent after the reply). Everything else falls through to the recorded traffic.
// startReplayWorker runs that server on a worker thread, so its JSON, socket writes and garbage do
// not land on the clients' event loop and heap (a real node is another machine).
import { once } from 'node:events';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { loadReplayData, replayHandler, type ReplayData } from '../scripts/replay.js';
import { startRpcServer, type Handler, type ServerConn } from '../test/helpers/rpc-server.js';

const FINNEY_GENESIS = '0x2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03';

const SUBSCRIPTIONS: Record<string, string> = {
  chain_subscribeRuntimeVersion: 'chain_runtimeVersion',
  state_subscribeRuntimeVersion: 'state_runtimeVersion',
  chain_subscribeNewHeads: 'chain_newHead',
  chain_subscribeAllHeads: 'chain_allHead',
  chain_subscribeFinalizedHeads: 'chain_finalizedHead',
  chain_subscribeFinalisedHeads: 'chain_finalizedHead',
};

const ANSWERED = [
  'chain_getBlockHash', 'chain_getHeader', 'chain_getHead', 'chain_getFinalizedHead', 'chain_getFinalisedHead', 'chain_getBlock',
  'state_call', 'state_getStorage', 'state_getStorageAt', 'state_getMetadata', 'state_getRuntimeVersion',
  'system_chain', 'system_name', 'system_version', 'system_properties', 'system_health', 'system_chainType', 'rpc_methods',
  ...Object.keys(SUBSCRIPTIONS), 'chain_unsubscribeRuntimeVersion', 'state_unsubscribeRuntimeVersion', 'chain_unsubscribeNewHeads',
  'chain_unsubscribeAllHeads', 'chain_unsubscribeFinalizedHeads', 'chain_unsubscribeFinalisedHeads',
];

export interface PeerHandlerOptions {
  /** One-way latency of the server, so a subscription's first notification follows its reply. */
  latencyMs: number;
  /** Every method the peers asked for, in order (for the bench's notes and for debugging). */
  seen?: string[];
}

/** Wraps the bench's replay handler with the start-up answers polkadot.js and dedot ask for. */
export function peerHandler(data: ReplayData, inner: (m: string, p: unknown[]) => unknown, opts: PeerHandlerOptions): Handler {
  const m = data.recorded.metagraph;
  const runtimeVersion = Object.values(m.state_getRuntimeVersion)[0].result;
  const head = (Object.values(m.chain_getHead)[0] as { result: string }).result;
  const header = (Object.values(m.chain_getHeader)[0] as { result: unknown }).result;
  const v15 = `0x${data.metadataV15.slice(data.metadataV15.indexOf('6d657461'))}`;
  let nextId = 1;
  const fixed: Record<string, unknown> = {
    system_chain: 'Bittensor', system_name: 'Subtensor Node', system_version: '4.0.0-dev', system_chainType: 'Live',
    system_properties: { ss58Format: 42, tokenDecimals: 9, tokenSymbol: 'TAO' },
    rpc_methods: { version: 1, methods: ANSWERED },
    chain_getFinalizedHead: head, chain_getFinalisedHead: head,
    state_getMetadata: v15,
  };
  return (method: string, params: unknown[], conn: ServerConn): unknown => {
    opts.seen?.push(method);
    if (method in fixed) return fixed[method];
    if (method in SUBSCRIPTIONS) return subscribe(conn, SUBSCRIPTIONS[method], method.includes('RuntimeVersion') ? runtimeVersion : header, `0x${(nextId++).toString(16).padStart(16, '0')}`, opts.latencyMs);
    if (/^(chain|state)_unsubscribe/.test(method)) return true;
    if (method === 'chain_getBlockHash' && params[0] === 0) return FINNEY_GENESIS;
    if (method === 'chain_getBlock') return { block: { header, extrinsics: [] }, justifications: null };
    if (method === 'state_getRuntimeVersion') return runtimeVersion;
    return inner(method, params);
  };
}

function subscribe(conn: ServerConn, notification: string, result: unknown, id: string, latencyMs: number): string {
  setTimeout(() => {
    if (conn.socket.readyState === conn.socket.OPEN) conn.notify(id, notification, result);
  }, latencyMs + 5).unref();
  return id;
}

/** The recorded subnet-1 answers served for every netuid: a 32-subnet network of 1,024-neuron subnets. */
export function manySubnets(base: (m: string, p: unknown[]) => unknown) {
  return (m: string, p: unknown[]): unknown => {
    if (m === 'state_call' && typeof p[1] === 'string' && /RuntimeApi_/.test(String(p[0]))) return base(m, [p[0], `0x0100${p[1].replace(/^0x/, '').slice(4)}`, p[2]]);
    if (m === 'state_getStorage' && typeof p[0] === 'string' && /^0x658faa385070e074c85bf6b568cf0555/.test(p[0])) return base(m, [`${p[0].slice(0, -20)}f1577fbf1d628fdd0100`, p[1]]); // twox64concat(1)
    return base(m, p);
  };
}

export interface ReplayWorker {
  url: string;
  close(): Promise<void>;
}

/** The metagraph replay server (every netuid, peers' start-up answers, latency each way) on a worker thread. */
export async function startReplayWorker(latencyMs: number): Promise<ReplayWorker> {
  // tsx's loader is not inherited by workers on Node 20: load this file through tsx's API.
  const boot = `import('tsx/esm/api').then((t) => t.tsImport(${JSON.stringify(import.meta.url)}, ${JSON.stringify(import.meta.url)}))`;
  const worker = new Worker(boot, { eval: true, workerData: { replayPeers: true, latencyMs } });
  const [msg] = (await once(worker, 'message')) as [{ url?: string; error?: string }];
  if (!msg.url) {
    await worker.terminate();
    throw new Error(`replay worker: ${msg.error}`);
  }
  return {
    url: msg.url,
    close: async () => {
      worker.postMessage('close');
      await once(worker, 'exit');
    },
  };
}

async function serveInWorker(latencyMs: number): Promise<void> {
  const data = await loadReplayData();
  if (!data) return void parentPort!.postMessage({ error: 'no recorded finney traffic' });
  const handler = peerHandler(data, manySubnets(replayHandler(data, 'metagraph')), { latencyMs });
  const server = await startRpcServer({ handler, latencyMs });
  parentPort!.on('message', async () => {
    await server.close();
    process.exit(0);
  });
  parentPort!.postMessage({ url: server.url });
}

if (!isMainThread && (workerData as { replayPeers?: boolean } | null)?.replayPeers) {
  serveInWorker((workerData as { latencyMs: number }).latencyMs).catch((e) => parentPort!.postMessage({ error: String(e) }));
}
