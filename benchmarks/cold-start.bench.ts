// 1. Cold start: a fresh child process per library per run — process start → connected → first
//    System.Account(Alice) decoded. Times come from the child's performance.now() (ms since its
//    process started); bytes received are counted by the proxy (benchmarks/ws-proxy.ts) in front of
//    the chain. The child is the library's precompiled esbuild bundle (build.ts), so nobody pays for
//    TypeScript compilation. One unmeasured warm-up run per library first (disk cache).
//    Two rows per library that has a persistent metadata cache (us; dedot's cacheMetadata and
//    polkadot-api's getMetadata/setMetadata hooks, both over files — see adapters/file-cache.ts):
//      cold: every run starts with an empty cache directory of its own;
//      warm: every run starts with the directory one unmeasured run filled.
//    polkadot.js has no cache of its own; its row is cold only (and its "cold" has no directory).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIBS, type Lib } from './adapters/types.js';
import { driverBundle } from './build.js';
import { startProxy, type WsProxy } from './ws-proxy.js';
import { errText, median, round, runJsonChild, type BenchContext, type BenchResult } from './util.js';

export const RUNS = 5;
const CACHING: Lib[] = ['substrate-lite', 'dedot', 'papi'];

async function measure(file: string, proxy: WsProxy, cacheDir: () => string | undefined) {
  let methods: Record<string, number> = {};
  const firstMs: number[] = [], connectedMs: number[] = [], importMs: number[] = [], wallMs: number[] = [], bytes: number[] = [], sent: number[] = [], msgs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = cacheDir();
    proxy.reset();
    const r = await runJsonChild<{ tImported: number; tConnected: number; tFirst: number; free: string }>([file, 'cold', proxy.url], {
      timeoutMs: 60_000,
      env: dir ? { BENCH_CACHE_DIR: dir } : {},
    });
    firstMs.push(r.tFirst);
    connectedMs.push(r.tConnected);
    importMs.push(r.tImported);
    wallMs.push(r._wallMs);
    bytes.push(proxy.stats.bytesToClient);
    sent.push(proxy.stats.bytesToServer);
    msgs.push(proxy.stats.messagesToClient + proxy.stats.messagesToServer);
    methods = { ...proxy.stats.methods };
  }
  return {
    firstDecodedMs: round(median(firstMs), 1),
    connectedMs: round(median(connectedMs), 1),
    loadedMs: round(median(importMs), 1),
    wallMs: round(median(wallMs), 1),
    bytesReceived: median(bytes),
    bytesSent: median(sent),
    messages: median(msgs),
    requestsByMethod: methods,
    runsFirstDecodedMs: firstMs.map((x) => round(x, 1)),
  };
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  if (!ctx.chainUrl) throw new Error(`no local chain: ${ctx.chainError}`);
  const proxy = await startProxy(ctx.chainUrl);
  const libs: Record<string, unknown> = {};
  const warm: Record<string, unknown> = {};
  const fresh = (lib: string) => () => mkdtempSync(join(tmpdir(), `sl-bench-${lib.replace(/\W/g, '')}-`));
  try {
    for (const lib of LIBS) {
      ctx.log(`cold-start: ${lib}`);
      const caching = CACHING.includes(lib);
      try {
        const file = await driverBundle(lib);
        await runJsonChild([file, 'cold', proxy.url], { timeoutMs: 60_000, env: caching ? { BENCH_CACHE_DIR: fresh(lib)() } : {} });
        libs[lib] = await measure(file, proxy, caching ? fresh(lib) : () => undefined);
        if (!caching) continue;
        ctx.log(`cold-start: ${lib} (warm cache)`);
        const dir = fresh(lib)();
        await runJsonChild([file, 'cold', proxy.url], { timeoutMs: 60_000, env: { BENCH_CACHE_DIR: dir } }); // fills the cache
        const w = await measure(file, proxy, () => dir);
        const cold = libs[lib] as { firstDecodedMs: number };
        warm[lib] = { ...w, warmOverCold: round(w.firstDecodedMs / cold.firstDecodedMs) };
      } catch (e) {
        libs[lib] = libs[lib] ?? { error: errText(e) };
        if (caching) warm[lib] = { error: errText(e) };
      }
    }
  } finally {
    await proxy.close();
  }
  return { name: 'cold-start', ok: true, runs: RUNS, libs, warm };
}
