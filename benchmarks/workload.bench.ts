// 2. Concurrent workload with latency. The proxy (ws-proxy.ts) holds every message 50 ms in each
//    direction (100 ms RTT) in front of the local chain. Per library, in a fresh child process
//    (driver.ts, precompiled bundle), after warm-up:
//      256 System.Account reads (distinct random keys) serial, then concurrent (median of 5);
//      16 Core.version runtime calls serial and concurrent — reported separately, because
//      chopsticks executes each state_call for ~100 ms, one at a time;
//      the latency-vs-N curve: N = 1, 4, 16, 64, 256 concurrent reads (median of 5 each).
//    The same child runs again with 0 ms delay: that is the "server time" (plus client CPU) for the
//    same work, and ideal = one RTT + that time.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIBS } from './adapters/types.js';
import { driverBundle } from './build.js';
import { CURVE_N, WORKLOAD, WORKLOAD_ADDRESSES } from './driver.js';
import { startProxy } from './ws-proxy.js';
import { BUILD_DIR, errText, median, randomAddresses, round, runJsonChild, type BenchContext, type BenchResult } from './util.js';

export const ONE_WAY_MS = 50;

interface Raw {
  serialReadsMs: number;
  concurrentReadsMs: number[];
  serialCallsMs: number;
  concurrentCallsMs: number[];
  curve: Record<string, number[]>;
}

function summarise(r: Raw) {
  return {
    serialReadsMs: round(r.serialReadsMs, 1),
    concurrentReadsMs: round(median(r.concurrentReadsMs), 1),
    concurrentReadsRunsMs: r.concurrentReadsMs.map((x) => round(x, 1)),
    serialCallsMs: round(r.serialCallsMs, 1),
    concurrentCallsMs: round(median(r.concurrentCallsMs), 1),
    curveMs: Object.fromEntries(Object.entries(r.curve).map(([n, xs]) => [n, round(median(xs), 1)])),
  };
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  if (!ctx.chainUrl) throw new Error(`no local chain: ${ctx.chainError}`);
  const addrFile = join(BUILD_DIR, 'addresses-workload.json');
  writeFileSync(addrFile, JSON.stringify(await randomAddresses(WORKLOAD_ADDRESSES, 1234)));
  const fast = await startProxy(ctx.chainUrl, { delayMs: 0 });
  const slow = await startProxy(ctx.chainUrl, { delayMs: ONE_WAY_MS });
  const rtt = 2 * ONE_WAY_MS;
  const libs: Record<string, unknown> = {};
  try {
    for (const lib of LIBS) {
      try {
        const file = await driverBundle(lib);
        ctx.log(`workload: ${lib} (0 ms)`);
        const zero = summarise(await runJsonChild<Raw>([file, 'workload', fast.url, addrFile], { timeoutMs: 180_000 }));
        ctx.log(`workload: ${lib} (${rtt} ms RTT)`);
        slow.reset();
        const lat = summarise(await runJsonChild<Raw>([file, 'workload', slow.url, addrFile], { timeoutMs: 240_000 }));
        const methods = { ...slow.stats.methods };
        const idealReads = rtt + zero.concurrentReadsMs;
        const idealCalls = rtt + zero.concurrentCallsMs;
        libs[lib] = {
          /** Requests the whole latency run sent, by method (includes connect + warm-up). */
          requestsByMethod: methods,
          /** Runtime-version checks in the latency run: should equal the number of runtime changes (0 in a steady run), not scale with reads. */
          runtimeVersionRequests: methods.state_getRuntimeVersion ?? 0,
          storageReadRequests: (methods.state_getStorage ?? 0) + (methods.state_queryStorageAt ?? 0),
          /** Serial read time in round trips per read: ≈ how many sequential requests one read costs. */
          roundTripsPerSerialRead: round(lat.serialReadsMs / WORKLOAD.reads / rtt),
          zeroLatency: zero,
          withLatency: lat,
          idealReadsMs: round(idealReads, 1),
          concurrentReadsVsIdeal: round(lat.concurrentReadsMs / idealReads),
          serialOverConcurrentReads: round(lat.serialReadsMs / lat.concurrentReadsMs, 1),
          idealCallsMs: round(idealCalls, 1),
          concurrentCallsVsIdeal: round(lat.concurrentCallsMs / idealCalls),
          serialOverConcurrentCalls: round(lat.serialCallsMs / lat.concurrentCallsMs, 1),
        };
      } catch (e) {
        libs[lib] = { error: errText(e) };
      }
    }
  } finally {
    await fast.close();
    await slow.close();
  }
  return { name: 'workload', ok: true, oneWayDelayMs: ONE_WAY_MS, rttMs: rtt, reads: WORKLOAD.reads, runtimeCalls: WORKLOAD.runtimeCalls, curveN: CURVE_N, config: WORKLOAD, libs };
}
