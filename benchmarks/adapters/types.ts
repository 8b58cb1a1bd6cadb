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
  /** Directory for the library's own metadata cache, where it has one (cold-start bench); absent = the library's default. */
  cacheDir?: string;
  /** The same directory as a string key-value store (driver.ts builds it; adapters stay free of node:fs for the bundle bench). */
  cacheKv?: CacheKv;
}
export type Connect = (url: string, opts?: ConnectOptions) => Promise<NetClient>;
export const LIBS = ['substrate-lite', 'polkadot.js', 'papi', 'dedot'] as const;
export type Lib = (typeof LIBS)[number];

export interface CacheKv {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
  keys(): Promise<string[]>;
  clear(): Promise<void>;
  length(): Promise<number>;
  /** Raw bytes under a key (papi's hooks take bytes; no hex round trip on its clock). */
  getBytes(key: string): Promise<Uint8Array | null>;
  setBytes(key: string, value: Uint8Array): Promise<void>;
}
