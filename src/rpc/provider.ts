// The transport seam. The client only ever talks to this function type, so tests, workers,
// light clients or custom transports can plug in without the client knowing about sockets.

/**
 * `url` (optional) names the endpoint of this connection, so a connection that never opened can
 * be reported as "cannot reach <url>: <reason>". `code` is the WebSocket close code, when there is one.
 */
export type ProviderStatus = { type: 'open' } | { type: 'close'; reason: string; url?: string; code?: number };

export interface ProviderConnection {
  /** Send one text frame. May be called before 'open'; implementations queue it. */
  send(msg: string): void;
  /** Close the connection. Must not emit a 'close' status afterwards (the caller asked for it). */
  close(): void;
}

/**
 * Calling the provider starts connecting. It reports exactly one 'open' (maybe) followed by at
 * most one 'close'; each call is one connection attempt, and reconnecting is the client's job.
 */
export type JsonRpcProvider = (
  onMessage: (msg: string) => void,
  onStatus: (s: ProviderStatus) => void,
  /**
   * Optional: call it whenever bytes arrive, even mid-frame. A large frame arriving slowly then
   * counts as a live link for the heartbeat; without it only complete frames do.
   */
  onActivity?: () => void,
) => ProviderConnection;
