// RPC client benchmark.
//   node --expose-gc --import tsx benchmarks/rpc.bench.ts
// 1. 256 requests against a server with 100 ms injected latency, serial vs concurrent. Concurrent
//    should cost about one round trip (target ≤ 1.3× ideal); serial/concurrent ≥ 0.9 × 256.
// 2. 1,000 connect→request→close cycles; heap delta after gc (target within ±2 MB).
// 3. Resilience: reconnect storm (connections a flapping server sees, default options, over a
//    few seconds, extrapolated to a minute), time to a typed error for a dead endpoint (refused,
//    HTTP 503 on upgrade), and heap held after a flood of stray notifications (64 ids x 1,100 x 1 KB).
//
// The test server runs in a worker thread (this same file, re-entered) so that its CPU time does
// not serialise with the client's on one event loop; we want to measure the client, not the mock.
import { pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { RpcClient } from '../src/rpc/index.js';
import { refusedUrl, startFlappingServer, startHttpRefuser } from '../test/helpers/hostile-server.js';
import { startRpcServer } from '../test/helpers/rpc-server.js';

const LATENCY_MS = 100;
const N = Number(process.env.RPC_BENCH_N ?? 256);
const CYCLES = 1000;
const CONCURRENT_RUNS = 7;
const WARMUP_BURSTS = 10;
const HEAP_TARGET = 2 * 1024 * 1024;
const STORM_WINDOW_MS = Number(process.env.RPC_BENCH_STORM_MS ?? 8000);
/** Default backoff ceiling is 5 s with equal jitter: at worst one attempt per 2.5 s in steady state. */
const STORM_TARGET_PER_MIN = 60;
const DEAD_TARGET_MS = 10_000;
const FLOOD = { ids: 64, perId: 1100, bytes: 1024 };
const FLOOD_HEAP_TARGET = 8 * 1024 * 1024;

export interface RpcBenchResult {
  latency: {
    requests: number;
    injectedLatencyMs: number;
    /** Mean serial round trip: the real cost of one RTT on this machine. */
    rttMs: number;
    serialMs: number;
    concurrentMs: number;
    /** Every concurrent burst, ms (concurrentMs is their median). */
    concurrentRunsMs: number[];
    /** The same burst written with bare `ws` (no client): what the transport itself costs here. */
    rawWsMs: number;
    /** concurrentMs / injected latency (the "ideal" one RTT). Target ≤ 1.3. */
    concurrentVsIdeal: number;
    /** Target ≥ 0.9 × requests. */
    serialOverConcurrent: number;
    pass: boolean;
  };
  cycles: {
    cycles: number;
    heapDeltaBytes: number | null;
    serverSocketsOpenAfter: number;
    gcAvailable: boolean;
    pass: boolean;
  };
  resilience: ResilienceResult;
}

export interface ResilienceResult {
  /** A server that accepts and at once drops every connection; one pending request, default options. */
  reconnectStorm: { windowMs: number; connections: number; perMinute: number; targetPerMinute: number; pass: boolean };
  /** Time from the first request to the typed error, for a refused port and an HTTP 503 upgrade. */
  deadEndpoint: { refusedMs: number; httpStatusMs: number; errorName: string; targetMs: number; pass: boolean };
  /** Notifications for ids nobody subscribed to, then gc: what the client still holds. */
  strayFlood: { notifications: number; bytesSent: number; heapDeltaBytes: number | null; targetBytes: number; pass: boolean };
}

// ------------------------------------------------------------------ server in a worker

interface ServerHandle {
  url: string;
  call(cmd: 'setLatency', ms: number): Promise<void>;
  call(cmd: 'openConnections'): Promise<number>;
  call(cmd: 'flood', arg: typeof FLOOD): Promise<number>;
  call(cmd: 'close'): Promise<void>;
}

async function startServerWorker(latencyMs: number): Promise<ServerHandle> {
  // Node 20 does not carry `--import tsx` loader hooks into workers, so the worker registers tsx
  // itself before importing this file.
  const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
    .then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { rpcBenchServer: true, latencyMs } });
  const waiting = new Map<number, (v: unknown) => void>();
  let seq = 0;
  const url = await new Promise<string>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: { url: string }) => resolve(m.url));
  });
  worker.on('message', (m: { id: number; result: unknown }) => waiting.get(m.id)?.(m.result));
  return {
    url,
    call: ((cmd: string, arg?: unknown) =>
      new Promise<unknown>((resolve) => {
        const id = ++seq;
        waiting.set(id, (v) => {
          waiting.delete(id);
          resolve(v);
        });
        worker.postMessage({ id, cmd, arg });
        if (cmd === 'close') worker.once('exit', () => resolve(undefined));
      })) as ServerHandle['call'],
  };
}

async function serveInWorker(): Promise<void> {
  const server = await startRpcServer({ latencyMs: (workerData as { latencyMs: number }).latencyMs });
  const port = parentPort!;
  port.on('message', async (m: { id: number; cmd: string; arg?: unknown }) => {
    if (m.cmd === 'setLatency') server.setLatency(m.arg as number);
    if (m.cmd === 'openConnections') return port.postMessage({ id: m.id, result: server.openConnections });
    if (m.cmd === 'flood') return port.postMessage({ id: m.id, result: flood(server, m.arg as typeof FLOOD) });
    if (m.cmd === 'close') {
      await server.close();
      port.postMessage({ id: m.id, result: undefined });
      port.close();
      return;
    }
    port.postMessage({ id: m.id, result: undefined });
  });
  port.postMessage({ url: server.url });
}

// ------------------------------------------------------------------ benchmark

export async function runRpcBench(): Promise<RpcBenchResult> {
  const server = await startServerWorker(LATENCY_MS);
  try {
    const client = new RpcClient(server.url, { coalesce: false });
    // Warm up both paths (JIT, socket buffers) before timing.
    await client.request('echo', ['warm-up']);
    for (let k = 0; k < WARMUP_BURSTS; k++) {
      await Promise.all(Array.from({ length: N }, (_, i) => client.request('echo', [i])));
    }

    let t = performance.now();
    for (let i = 0; i < N; i++) await client.request('echo', [i]);
    const serialMs = performance.now() - t;

    // Median of several bursts: a single ~100 ms sample is at the mercy of one GC pause.
    // Interleaved with bare-ws bursts so both see the same machine conditions.
    const raw = await rawWs(server.url);
    const bursts: number[] = [];
    const rawRuns: number[] = [];
    for (let k = 0; k < CONCURRENT_RUNS; k++) {
      t = performance.now();
      await Promise.all(Array.from({ length: N }, (_, i) => client.request('echo', [i])));
      bursts.push(performance.now() - t);
      rawRuns.push(await raw.burst());
    }
    raw.close();
    const concurrentMs = median(bursts);
    const rawWsMs = median(rawRuns);
    await client.close();

    const concurrentVsIdeal = concurrentMs / LATENCY_MS;
    const serialOverConcurrent = serialMs / concurrentMs;

    await server.call('setLatency', 0);
    const gc = (globalThis as { gc?: () => void }).gc;
    const cycle = async (i: number): Promise<void> => {
      const c = new RpcClient(server.url);
      await c.request('echo', [i]);
      await c.close();
    };
    const settleSockets = async (): Promise<number> => {
      const until = Date.now() + 5000;
      let open = await server.call('openConnections');
      while (open > 0 && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 10));
        open = await server.call('openConnections');
      }
      return open;
    };
    for (let i = 0; i < 100; i++) await cycle(i);
    await settleSockets();
    gc?.();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < CYCLES; i++) await cycle(i);
    const openAfter = await settleSockets();
    let heapDeltaBytes: number | null = null;
    if (gc) {
      gc();
      await new Promise((r) => setTimeout(r, 50));
      gc();
      heapDeltaBytes = process.memoryUsage().heapUsed - before;
    }

    const resilience = await runResilience(server);

    return {
      resilience,
      latency: {
        requests: N,
        injectedLatencyMs: LATENCY_MS,
        rttMs: round(serialMs / N),
        serialMs: round(serialMs),
        concurrentMs: round(concurrentMs),
        concurrentRunsMs: bursts.map(round),
        rawWsMs: round(rawWsMs),
        concurrentVsIdeal: round(concurrentVsIdeal),
        serialOverConcurrent: round(serialOverConcurrent),
        pass: concurrentVsIdeal <= 1.3 && serialOverConcurrent >= 0.9 * N,
      },
      cycles: {
        cycles: CYCLES,
        heapDeltaBytes,
        serverSocketsOpenAfter: openAfter,
        gcAvailable: gc !== undefined,
        pass: openAfter === 0 && (heapDeltaBytes === null || Math.abs(heapDeltaBytes) <= HEAP_TARGET),
      },
    };
  } finally {
    await server.call('close');
  }
}

/** Sends the stray notifications from the server worker; returns the bytes sent. */
function flood(server: { notify(id: string, method: string, result: unknown): void }, f: typeof FLOOD): number {
  const filler = 'n'.repeat(f.bytes - 100);
  let bytes = 0;
  for (let k = 0; k < f.perId; k++) {
    for (let id = 0; id < f.ids; id++) {
      server.notify(`stray-${id}`, 'chain_newHead', { k, filler });
      bytes += f.bytes;
    }
  }
  return bytes;
}

async function runResilience(server: ServerHandle): Promise<ResilienceResult> {
  // Reconnect storm: one request pending forever (timeoutMs 0), otherwise default options.
  const flapping = await startFlappingServer();
  const stormClient = new RpcClient(flapping.url, { timeoutMs: 0 });
  stormClient.request('chain_getBlockHash', [0]).catch(() => {});
  await new Promise((r) => setTimeout(r, STORM_WINDOW_MS));
  const connections = flapping.connections;
  await stormClient.close();
  await flapping.close();
  const perMinute = round((connections * 60_000) / STORM_WINDOW_MS);

  const timeToError = async (url: string): Promise<{ ms: number; name: string }> => {
    const c = new RpcClient(url);
    const t = performance.now();
    const name = await c.request('chain_getBlockHash', [0]).then(
      () => 'no error',
      (e: Error) => e.name,
    );
    const ms = performance.now() - t;
    await c.close();
    return { ms: round(ms), name };
  };
  const refused = await timeToError(await refusedUrl());
  const http = await startHttpRefuser(503);
  const status = await timeToError(http.url);
  await http.close();

  const gc = (globalThis as { gc?: () => void }).gc;
  const floodClient = new RpcClient(server.url, { onError: () => {} });
  await floodClient.request('echo', ['warm']);
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const bytesSent = await server.call('flood', FLOOD);
  await floodClient.request('echo', ['after the flood']); // same socket, in order: the flood is in
  let heapDeltaBytes: number | null = null;
  if (gc) {
    await new Promise((r) => setTimeout(r, 50));
    gc();
    heapDeltaBytes = process.memoryUsage().heapUsed - before;
  }
  await floodClient.close();

  return {
    reconnectStorm: { windowMs: STORM_WINDOW_MS, connections, perMinute, targetPerMinute: STORM_TARGET_PER_MIN, pass: perMinute <= STORM_TARGET_PER_MIN },
    deadEndpoint: {
      refusedMs: refused.ms,
      httpStatusMs: status.ms,
      errorName: refused.name === status.name ? refused.name : `${refused.name}/${status.name}`,
      targetMs: DEAD_TARGET_MS,
      pass: refused.name === 'ConnectionError' && status.name === 'ConnectionError' && Math.max(refused.ms, status.ms) <= DEAD_TARGET_MS,
    },
    strayFlood: {
      notifications: FLOOD.ids * FLOOD.perId,
      bytesSent,
      heapDeltaBytes,
      targetBytes: FLOOD_HEAP_TARGET,
      pass: heapDeltaBytes === null || heapDeltaBytes <= FLOOD_HEAP_TARGET,
    },
  };
}

/** Bare `ws`: N frames out, wait for N frames back. The transport floor for the burst. */
async function rawWs(url: string): Promise<{ burst(): Promise<number>; close(): void }> {
  const { WebSocket } = await import('ws');
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const burst = async (): Promise<number> => {
    const t = performance.now();
    await new Promise<void>((resolve) => {
      let n = 0;
      ws.on('message', function onMsg() {
        if (++n < N) return;
        ws.off('message', onMsg);
        resolve();
      });
      for (let i = 0; i < N; i++) ws.send(`{"jsonrpc":"2.0","id":${i},"method":"echo","params":[${i}]}`);
    });
    return performance.now() - t;
  };
  for (let k = 0; k < WARMUP_BURSTS; k++) await burst();
  return { burst, close: () => ws.close() };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function printTable(r: RpcBenchResult): void {
  const mb = (b: number | null): string =>
    b === null ? 'n/a (run with --expose-gc)' : `${(b / 1024 / 1024).toFixed(2)} MB`;
  console.table({
    [`${N} serial requests`]: { value: `${r.latency.serialMs} ms`, target: `(RTT ${r.latency.rttMs} ms)` },
    [`${N} concurrent requests (median)`]: { value: `${r.latency.concurrentMs} ms`, target: `≈ ${LATENCY_MS} ms` },
    [`${N} frames via bare ws (median)`]: { value: `${r.latency.rawWsMs} ms`, target: '(transport floor)' },
    'concurrent / ideal (1 RTT)': { value: `${r.latency.concurrentVsIdeal}×`, target: '≤ 1.3×' },
    'serial / concurrent': { value: `${r.latency.serialOverConcurrent}×`, target: `≥ ${(0.9 * N).toFixed(1)}×` },
    [`heap delta after ${CYCLES} cycles`]: { value: mb(r.cycles.heapDeltaBytes), target: '±2 MB' },
    'server sockets open after cycles': { value: String(r.cycles.serverSocketsOpenAfter), target: '0' },
    [`reconnect storm (${r.resilience.reconnectStorm.windowMs / 1000} s, flapping server)`]: {
      value: `${r.resilience.reconnectStorm.connections} conns ≈ ${r.resilience.reconnectStorm.perMinute}/min`,
      target: `≤ ${STORM_TARGET_PER_MIN}/min`,
    },
    'dead endpoint → typed error (refused / HTTP 503)': {
      value: `${r.resilience.deadEndpoint.refusedMs} / ${r.resilience.deadEndpoint.httpStatusMs} ms (${r.resilience.deadEndpoint.errorName})`,
      target: `ConnectionError ≤ ${DEAD_TARGET_MS} ms`,
    },
    [`heap after ${(r.resilience.strayFlood.bytesSent / 1024 / 1024).toFixed(0)} MB stray notifications`]: {
      value: mb(r.resilience.strayFlood.heapDeltaBytes),
      target: `≤ ${FLOOD_HEAP_TARGET / 1024 / 1024} MB`,
    },
  });
  console.log(`concurrent bursts: ${r.latency.concurrentRunsMs.join(', ')} ms`);
  const res = r.resilience;
  const ok = r.latency.pass && r.cycles.pass && res.reconnectStorm.pass && res.deadEndpoint.pass && res.strayFlood.pass;
  console.log(ok ? 'PASS' : 'FAIL');
  process.exitCode = ok ? 0 : 1;
}

if (!isMainThread && (workerData as { rpcBenchServer?: boolean } | null)?.rpcBenchServer) {
  await serveInWorker();
} else if (isMainThread && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printTable(await runRpcBench());
}
