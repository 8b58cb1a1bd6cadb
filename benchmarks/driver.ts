// The program every network benchmark runs in a fresh child process, once per library. build.ts
// bundles it with each library's adapter (esbuild, platform=node), so every library is measured as
// precompiled JavaScript — no tsx, no TypeScript compile on anyone's clock.
//   node --expose-gc .build/driver-<lib>.mjs cold     <url>
//   node --expose-gc .build/driver-<lib>.mjs workload <url> <addresses.json>
//   node --expose-gc .build/driver-<lib>.mjs memory   <url> <addresses.json>
import type { Connect, ConnectOptions, NetClient } from './adapters/types.js';
import { readFileSync } from 'node:fs';
import { ALICE, reply, replyError } from './util.js';
import { fileKv } from './adapters/file-cache.js';

// Addresses come from a JSON file the parent wrote (same keys for every library; no address code
// from any library loaded into the measured process).
const readAddresses = (file: string): string[] => JSON.parse(readFileSync(file, 'utf8'));

const gc = (globalThis as { gc?: () => void }).gc;
const mem = () => {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
};

export const CURVE_N = [1, 4, 16, 64, 256];
export const WORKLOAD = { reads: 256, runtimeCalls: 16, concurrentRuns: 5, curveRuns: 5, runtimeConcurrentRuns: 3 };

const debug = process.env.BENCH_DEBUG ? (m: string) => process.stderr.write(`[${Math.round(performance.now())}] ${m}\n`) : () => {};

async function timed(f: () => Promise<unknown>, what = ''): Promise<number> {
  const t = performance.now();
  await f();
  const ms = performance.now() - t;
  debug(`${what} ${ms.toFixed(1)} ms`);
  return ms;
}

export const WORKLOAD_ADDRESSES = WORKLOAD.reads * (1 + WORKLOAD.concurrentRuns) + WORKLOAD.curveRuns * CURVE_N.reduce((a, b) => a + b, 0) + 16;

async function workload(c: NetClient, addrs: string[]) {
  const W = WORKLOAD;
  if (addrs.length < WORKLOAD_ADDRESSES) throw new Error(`need ${WORKLOAD_ADDRESSES} addresses`);
  let at = 0;
  const take = (n: number) => addrs.slice(at, (at += n));
  debug('warm-up');
  // Warm-up: a few reads and runtime calls (JIT, codec caches, connection).
  await Promise.all(take(16).map((a) => c.account(a)));
  await c.version();
  await c.version();

  const serialKeys = take(W.reads);
  const serialReadsMs = await timed(async () => {
    for (const a of serialKeys) await c.account(a);
  }, 'serial reads');
  const concurrentReadsMs: number[] = [];
  for (let r = 0; r < W.concurrentRuns; r++) {
    const keys = take(W.reads);
    concurrentReadsMs.push(await timed(() => Promise.all(keys.map((a) => c.account(a))), 'concurrent reads'));
  }
  const serialCallsMs = await timed(async () => {
    for (let i = 0; i < W.runtimeCalls; i++) await c.version();
  }, 'serial calls');
  const concurrentCallsMs: number[] = [];
  for (let r = 0; r < W.runtimeConcurrentRuns; r++) {
    concurrentCallsMs.push(await timed(() => Promise.all(Array.from({ length: W.runtimeCalls }, () => c.version())), 'concurrent calls'));
  }
  const curve: Record<number, number[]> = {};
  for (const n of CURVE_N) curve[n] = [];
  // Interleave N values across repetitions so slow drift hits every N alike.
  for (let r = 0; r < W.curveRuns; r++) {
    for (const n of CURVE_N) {
      const keys = take(n);
      curve[n].push(await timed(() => Promise.all(keys.map((a) => c.account(a))), `curve N=${n}`));
    }
  }
  return { serialReadsMs, concurrentReadsMs, serialCallsMs, concurrentCallsMs, curve };
}

async function memory(c: NetClient, addrs: string[], afterConnect: ReturnType<typeof mem>) {
  addrs = addrs.slice(0, 1000);
  // 1,000 queries, 50 in flight at a time.
  for (let i = 0; i < addrs.length; i += 50) await Promise.all(addrs.slice(i, i + 50).map((a) => c.account(a)));
  return { afterConnect, afterQueries: mem(), queries: addrs.length };
}

export async function main(connect: Connect, opts: ConnectOptions = {}): Promise<void> {
  const [mode, url, addrFile] = process.argv.slice(2);
  try {
    const tImported = performance.now();
    const dir = process.env.BENCH_CACHE_DIR;
    const c = await connect(url, dir ? { ...opts, cacheDir: dir, cacheKv: fileKv(dir) } : opts);
    const tConnected = performance.now();
    if (mode === 'cold') {
      const free = await c.account(ALICE);
      const tFirst = performance.now();
      await c.close();
      reply({ tImported, tConnected, tFirst, free });
    }
    if (mode === 'workload') {
      const r = await workload(c, readAddresses(addrFile));
      await c.close();
      reply(r);
    }
    if (mode === 'memory') {
      const afterConnect = mem();
      const r = await memory(c, readAddresses(addrFile), afterConnect);
      await c.close();
      reply(r);
    }
    throw new Error(`unknown mode ${mode}`);
  } catch (e) {
    replyError(e);
  }
}
