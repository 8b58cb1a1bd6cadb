// What every network benchmark needs from a client library: connect, read System.Account (decoded
// free balance), call the Core.version runtime API (decoded spec version), close.
export interface NetClient {
  account(address: string): Promise<bigint>;
  version(): Promise<number>;
  close(): Promise<void>;
}
export interface ConnectOptions {
  /** WebSocket class for libraries that need one handed in (papi on Node 20 has no global one). */
  WebSocket?: unknown;
}
export type Connect = (url: string, opts?: ConnectOptions) => Promise<NetClient>;
export const LIBS = ['substrate-lite', 'polkadot.js', 'papi', 'dedot'] as const;
export type Lib = (typeof LIBS)[number];
