// An in-memory chain behind the JsonRpcProvider seam that records every request it receives.
// It answers the few methods a client needs to start (genesis, runtime version, headers) and
// empty storage; the metadata comes pre-seeded in a memory store, so connecting sends no
// metadata call. Tests use `sent` to prove that a call sent nothing to the node.
import type { JsonRpcProvider } from '../../src/rpc/index.js';
import { SubstrateClient, memoryMetadataStore } from '../../src/substrate/index.js';
import { readFixture, fixtureSkipReason } from '../../scripts/fixtures.js';

export const GENESIS = `0x${'11'.repeat(32)}`;
export const HEAD = `0x${'22'.repeat(32)}`;
export const PARENT = `0x${'33'.repeat(32)}`;
const METADATA = 'metadata/subtensor-devnet-381-v16.scale';
const SPEC = 381;

export interface MemoryChain {
  client: SubstrateClient;
  /** Every request the node received, in order. */
  sent: { method: string; params: unknown[] }[];
  /** How many connections the provider opened. */
  connections: () => number;
  provider: JsonRpcProvider;
}

function answer(method: string, params: unknown[]): unknown {
  switch (method) {
    case 'chain_getBlockHash':
      return params[0] === 0 ? GENESIS : HEAD;
    case 'chain_getFinalizedHead':
      return HEAD;
    case 'state_getRuntimeVersion':
      return { specName: 'node-subtensor', specVersion: SPEC, transactionVersion: 1, implVersion: 1, apis: [] };
    case 'chain_getHeader':
      return { parentHash: PARENT, number: '0x10', stateRoot: HEAD, extrinsicsRoot: HEAD, digest: { logs: [] } };
    case 'state_queryStorageAt':
      return [{ block: HEAD, changes: [] }];
    case 'state_getKeysPaged':
      return [];
    default:
      return null;
  }
}

/**
 * A test's own answers, tried before the defaults (undefined falls through); `notify` pushes a
 * subscription notification, as a node does after answering a subscribe call with an id.
 */
export type Override = (method: string, params: unknown[], notify: (subscription: string, method: string, result: unknown) => void) => unknown;

/** A recording provider over `answer`. */
export function recordingProvider(sent: MemoryChain['sent'], override?: Override): { provider: JsonRpcProvider; connections: () => number } {
  let opened = 0;
  const provider: JsonRpcProvider = (onMessage, onStatus) => {
    opened++;
    queueMicrotask(() => onStatus({ type: 'open' }));
    return {
      send(msg) {
        const frames = JSON.parse(msg);
        for (const r of Array.isArray(frames) ? frames : [frames]) {
          sent.push({ method: r.method, params: r.params });
          const notify = (subscription: string, method: string, result: unknown) =>
            setTimeout(() => onMessage(JSON.stringify({ jsonrpc: '2.0', method, params: { subscription, result } })), 1);
          let result: unknown;
          try {
            result = override?.(r.method, r.params, notify);
          } catch (e) {
            const error = e as { code: number; message: string; data?: unknown };
            queueMicrotask(() => onMessage(JSON.stringify({ jsonrpc: '2.0', id: r.id, error })));
            continue;
          }
          if (result === undefined) result = answer(r.method, r.params);
          queueMicrotask(() => onMessage(JSON.stringify({ jsonrpc: '2.0', id: r.id, result })));
        }
      },
      close() {},
    };
  };
  return { provider, connections: () => opened };
}

/** A connected client over the in-memory chain, or null (with the reason) when the fixture is missing. */
export async function memoryChain(override?: Override): Promise<MemoryChain | { skip: string }> {
  const md = await readFixture(METADATA);
  if (!md) return { skip: fixtureSkipReason(METADATA) };
  const store = memoryMetadataStore();
  await store.set(GENESIS, SPEC, new Uint8Array(md));
  const sent: MemoryChain['sent'] = [];
  const { provider, connections } = recordingProvider(sent, override);
  const client = await SubstrateClient.connect(provider, { metadataStore: store, heartbeatMs: 0, reconnect: false });
  return { client, sent, connections, provider };
}
