// Which runtime the chain head runs, pushed by the node (`state_subscribeRuntimeVersion`) instead
// of asked with every head read. While the subscription is live, a read at the head is one request;
// the per-call version check (client.ts `withRuntime`) remains the fallback for nodes without
// subscriptions, before the first notification and while a reconnect re-subscribes.
//
// The node sends a notification when the best block's runtime changes. A read that was in flight
// across such a notification may have run on either runtime, so callers compare `epoch` before and
// after and re-verify when it moved. The node can still answer a read on the new runtime a moment
// before its notification leaves (the RPC server evaluates reads and sends notifications on separate
// tasks); the window is one block import and only matters when the upgrade changed the layout of
// the value being read.
import type { RpcClient, Subscription } from '../rpc/index.js';
import type { Runtime, RuntimeVersion } from './runtime.js';

const PENDING = '\u0000pending';

export class HeadRuntime {
  readonly #rpc: RpcClient;
  #sub: Subscription | undefined;
  #version: RuntimeVersion | undefined;
  /** The subscription id that delivered `version`: after a reconnect the id changes, and `version` is stale until the re-issued subscription reports. */
  #seenId: string | undefined;
  /** Bumped on every spec change; a read compares it before and after its round trip. */
  epoch = 0;
  #onFirst: ((v: RuntimeVersion) => void) | undefined;

  constructor(rpc: RpcClient) {
    this.#rpc = rpc;
  }

  /** Open the subscription; resolves false (and stays off) when the node does not support it. */
  async start(signal?: AbortSignal): Promise<boolean> {
    try {
      this.#sub = await this.#rpc.subscribe('state_subscribeRuntimeVersion', [], 'state_unsubscribeRuntimeVersion', (v) => this.#onVersion(v as RuntimeVersion), {
        signal,
        onError: () => {
          this.#sub = undefined; // could not be re-established: fall back to per-call checks
        },
      });
      if (this.#seenId === PENDING) this.#seenId = this.#sub.id;
      return true;
    } catch {
      return false;
    }
  }

  /**
   * The version the node reports right after subscribing (Substrate sends the current one at once),
   * or undefined after `ms` — so connect needs no separate state_getRuntimeVersion.
   */
  firstVersion(ms: number): Promise<RuntimeVersion | undefined> {
    if (this.#version) return Promise.resolve(this.#version);
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(undefined), ms);
      this.#onFirst = (v) => {
        clearTimeout(t);
        resolve(v);
      };
    });
  }

  /** The head's runtime version while the subscription is known to be current, else undefined. */
  current(): RuntimeVersion | undefined {
    if (!this.#sub || this.#rpc.state !== 'open' || this.#seenId !== this.#sub.id) return undefined;
    return this.#version;
  }

  #onVersion(v: RuntimeVersion): void {
    if (!v || typeof v.specVersion !== 'number') return;
    if (this.#version?.specVersion !== v.specVersion) this.epoch++;
    this.#version = v;
    this.#seenId = this.#sub?.id ?? PENDING;
    this.#onFirst?.(v);
    this.#onFirst = undefined;
  }
}

/** A request built for one runtime, finished with the same runtime (client.ts's Plan). */
export interface HeadPlan<T> {
  method: string;
  params: unknown[];
  finish(result: unknown): T;
}

/**
 * One head read in one request, built and decoded with the subscribed head runtime. Returns
 * `undefined` when the runtime changed (or the subscription lapsed) while the read was in flight:
 * the caller then re-reads with the per-call check.
 */
export async function readAtHead<T>(
  head: HeadRuntime,
  runtimeFor: (v: RuntimeVersion) => Promise<Runtime>,
  plan: (rt: Runtime) => HeadPlan<T>,
  send: (method: string, params: unknown[]) => Promise<unknown>,
): Promise<{ value: T } | undefined> {
  const version = head.current();
  if (!version) return undefined;
  const epoch = head.epoch;
  const rt = await runtimeFor(version);
  const p = plan(rt);
  const result = await send(p.method, p.params);
  if (head.epoch !== epoch || head.current()?.specVersion !== version.specVersion) return undefined;
  return { value: p.finish(result) };
}
