// What the node says about itself (system_* and rpc_methods), as actions over a client (tree-shaken
// when unused). None of it changes while a connection lives, so each answer is asked once per
// connection and shared; a failed ask is forgotten so the next call retries.
import type { RequestOptions, RpcClient } from '../rpc/index.js';
import type { SubstrateClient } from './client.js';
import { atArg, clientArg, nameArg } from './validate.js';

/** `system_properties`, with the fields wallets read named and typed; other fields pass through. */
export interface ChainProperties {
  ss58Format: number | null;
  tokenDecimals: number[];
  tokenSymbol: string[];
  /** The node's reply as sent. */
  raw: Record<string, unknown>;
}

const memo = new WeakMap<RpcClient, Map<string, Promise<unknown>>>();

/** Checks the arguments every action here takes; async so a bad one rejects like a failed ask. */
async function once<T>(client: SubstrateClient, method: string, optsIn: RequestOptions): Promise<T> {
  clientArg(client, 'client');
  const opts = atArg(optsIn);
  let m = memo.get(client.rpc);
  if (!m) memo.set(client.rpc, (m = new Map()));
  let p = m.get(method) as Promise<T> | undefined;
  if (!p) {
    const map = m;
    p = client.rpc.request<T>(method, [], { signal: opts.signal, timeoutMs: opts.timeoutMs });
    p.catch(() => map.delete(method));
    m.set(method, p);
  }
  return p;
}

/** system_properties: ss58 format, token decimals and symbols (AsyncSubstrateInterface `properties`). */
export async function chainProperties(client: SubstrateClient, opts: RequestOptions = {}): Promise<ChainProperties> {
  const raw = (await once<Record<string, unknown> | null>(client, 'system_properties', opts)) ?? {};
  const list = <T>(v: unknown): T[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]) as T[];
  return {
    ss58Format: typeof raw.ss58Format === 'number' ? raw.ss58Format : null,
    tokenDecimals: list<number>(raw.tokenDecimals),
    tokenSymbol: list<string>(raw.tokenSymbol),
    raw,
  };
}

/** system_chain: the chain's name (AsyncSubstrateInterface `chain`). */
export function chainName(client: SubstrateClient, opts: RequestOptions = {}): Promise<string> {
  return once(client, 'system_chain', opts);
}

/** system_name: the node implementation's name (`name`). */
export function nodeName(client: SubstrateClient, opts: RequestOptions = {}): Promise<string> {
  return once(client, 'system_name', opts);
}

/** system_version: the node implementation's version (`version`). */
export function nodeVersion(client: SubstrateClient, opts: RequestOptions = {}): Promise<string> {
  return once(client, 'system_version', opts);
}

/** Every RPC method the node serves, sorted. */
export async function rpcMethods(client: SubstrateClient, opts: RequestOptions = {}): Promise<string[]> {
  const r = await once<{ methods?: string[] } | null>(client, 'rpc_methods', opts);
  return [...(r?.methods ?? [])].sort();
}

export async function supportsRpcMethod(client: SubstrateClient, name: string, opts: RequestOptions = {}): Promise<boolean> {
  clientArg(client, 'client');
  nameArg(name, 'name');
  return (await rpcMethods(client, opts)).includes(name);
}
