// Public option and handle types of the rpc client. Kept apart from the client so the iterator
// (and anything else that only needs the shapes) does not import the client class.

/**
 * 'idle': no socket (before the first request, after the idle timeout, or after giving up on a
 * lost connection); the next request connects. 'closed': close() was called; final.
 */
export type ClientState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ReconnectOptions {
  /**
   * Consecutive connection attempts that did not lead to a successful reply, before giving up on
   * pending work (default Infinity).
   */
  retries?: number;
  /** First backoff delay (default 100 ms); doubles per attempt, with jitter. */
  minDelayMs?: number;
  /** Backoff ceiling (default 5000 ms). */
  maxDelayMs?: number;
}

export interface RpcClientOptions {
  /** Default per-request deadline (default 60 000 ms; 0 = none). */
  timeoutMs?: number;
  /** A connection that has not opened after this long counts as failed (default 10 000 ms). */
  connectTimeoutMs?: number;
  /** Requests on the wire at once; the rest wait in a queue (default 1024). */
  maxInFlight?: number;
  /** Close the socket (not the client) after this long with nothing to do (default 0 = never). */
  idleTimeoutMs?: number;
  /** Larger frames fail their request with FrameTooLargeError (default 64 MiB). */
  maxFrameBytes?: number;
  /** Share one wire request between identical in-flight reads (default true). */
  coalesce?: boolean;
  /** Reconnect policy, or false to never reconnect (pending work then fails). */
  reconnect?: ReconnectOptions | false;
  /** Liveness ping interval (default 30 000 ms; 0 = off). */
  heartbeatMs?: number;
  /** Nothing at all received within this long after a ping means the socket is half-open (default 10 000 ms). */
  heartbeatTimeoutMs?: number;
  /** Method used for the ping (default 'system_health'). Any reply, even an error, counts. */
  heartbeatMethod?: string;
  /** Extra methods that must never be sent twice (added to the built-in author_submit* list). */
  nonReplayable?: string[];
  /** Non-fatal problems: protocol errors, exceptions thrown by subscription callbacks. */
  onError?: (e: Error) => void;
  onStatus?: (state: ClientState) => void;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Overrides the client's timeoutMs for this call (0 = none). */
  timeoutMs?: number;
}

export interface BatchCall {
  method: string;
  params?: unknown[];
}

export interface Subscription {
  /** The server's current subscription id (changes after a reconnect re-subscribes). */
  readonly id: string;
  unsubscribe(): Promise<void>;
}

export interface SubscribeOptions extends RequestOptions {
  /** Errors after the subscription is established (e.g. it could not be re-established). */
  onError?: (e: Error) => void;
  /** The subscription ended without error: unsubscribed, or the client was closed. */
  onEnd?: () => void;
}
