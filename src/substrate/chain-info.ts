// What the node says about itself (system_* and rpc_methods). None of it changes while a connection
// lives, so each answer is asked once and shared; a failed ask is forgotten so the next call retries.
import type { RequestOptions, RpcClient } from '../rpc/index.js';

/** `system_properties`, with the fields wallets read named and typed; other fields pass through. */
export interface ChainProperties {
  ss58Format: number | null;
  tokenDecimals: number[];
  tokenSymbol: string[];
  /** The node's reply as sent. */
  raw: Record<string, unknown>;
}

export class ChainInfo {
  private readonly rpc: RpcClient;
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(rpc: RpcClient) {
    this.rpc = rpc;
  }

  private once<T>(method: string, opts: RequestOptions): Promise<T> {
    let p = this.memo.get(method) as Promise<T> | undefined;
    if (!p) {
      p = this.rpc.request<T>(method, [], opts);
      p.catch(() => this.memo.delete(method));
      this.memo.set(method, p);
    }
    return p;
  }

  async properties(opts: RequestOptions = {}): Promise<ChainProperties> {
    const raw = (await this.once<Record<string, unknown> | null>('system_properties', opts)) ?? {};
    const list = <T>(v: unknown): T[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]) as T[];
    return {
      ss58Format: typeof raw.ss58Format === 'number' ? raw.ss58Format : null,
      tokenDecimals: list<number>(raw.tokenDecimals),
      tokenSymbol: list<string>(raw.tokenSymbol),
      raw,
    };
  }

  chain(opts: RequestOptions = {}): Promise<string> {
    return this.once('system_chain', opts);
  }

  name(opts: RequestOptions = {}): Promise<string> {
    return this.once('system_name', opts);
  }

  version(opts: RequestOptions = {}): Promise<string> {
    return this.once('system_version', opts);
  }

  /** Every RPC method the node serves, sorted. */
  async rpcMethods(opts: RequestOptions = {}): Promise<string[]> {
    const r = await this.once<{ methods?: string[] } | null>('rpc_methods', opts);
    return [...(r?.methods ?? [])].sort();
  }

  async supportsRpcMethod(name: string, opts: RequestOptions = {}): Promise<boolean> {
    return (await this.rpcMethods(opts)).includes(name);
  }
}
