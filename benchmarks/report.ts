// Turns results.json into the console table and RESULTS.md (latency.svg: latency-svg.ts). Every number comes from
// the results object; nothing here is hard-coded except labels and how to read the data.
import { LIBS, type Lib } from './adapters/types.js';

export const OURS: Lib = 'substrate-lite';
const PEERS = LIBS.filter((l) => l !== OURS);

export interface Results {
  date: string;
  machine: Record<string, unknown>;
  versions: Record<string, string>;
  totalMs: number;
  benchmarks: Record<string, any>;
}

interface Metric {
  section: string;
  label: string;
  unit: string;
  lower: boolean; // lower is better
  get(r: Results, lib: Lib): number | undefined;
  /** Why we lose, given our value and the best peer's; undefined = no explanation available. */
  why?(r: Results, peer: Lib): string | undefined;
}

const lib = (r: Results, bench: string, l: Lib) => {
  const x = r.benchmarks[bench]?.libs?.[l];
  // Older results.json files lack the derived field; compute it from what they have.
  if (bench === 'workload' && x && x.roundTripsPerSerialRead === undefined && x.withLatency) {
    const w = r.benchmarks.workload;
    x.roundTripsPerSerialRead = Math.round((x.withLatency.serialReadsMs / w.reads / w.rttMs) * 100) / 100;
  }
  return x;
};
export const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
const fmt = (x: number | undefined, unit = ''): string => {
  if (x === undefined) return 'n/a';
  const s = Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2);
  return unit ? `${s} ${unit}` : s;
};
const kb = (b: number | undefined) => (b === undefined ? undefined : b / 1024);


function malformedCell(x: any): string {
  if (!x.malformedMs) return 'n/a';
  return ([16, 32] as const).map((d) => (x.malformedRejected?.[d] ? fmt(x.malformedMs[d]) : 'accepted')).join(' / ');
}

function callsWhy(r: Results, p: Lib, kind: 'serial' | 'concurrent'): string {
  const w = r.benchmarks.workload, o = lib(r, 'workload', OURS), q = lib(r, 'workload', p);
  const parts: string[] = [];
  if (q.withLatency.serialCallsMs < (w.runtimeCalls * w.rttMs) / 2)
    parts.push(`${p} answers repeated identical runtime calls at the same block from a client-side cache (it sent ${q.requestsByMethod?.chainHead_v1_call ?? q.requestsByMethod?.state_call ?? '?'} call requests in the whole run), so its number is not a network measurement`);
  const rv = o.requestsByMethod?.state_getRuntimeVersion;
  if (o.roundTripsPerSerialRead > 1.5)
    parts.push(`our runtimeCall() also awaits state_getRuntimeVersion before every state_call (src/substrate/runtime.ts RuntimeCache.versionAt${rv ? `; ${rv} of them in this run` : ''}), one extra round trip per ${kind === 'serial' ? 'call' : 'burst'}`);
  parts.push('each state_call also costs tens of ms of execution inside chopsticks');
  return parts.join('; ') + '.';
}

const METRICS: Metric[] = [
  {
    section: 'Cold start', label: 'process start → first System.Account decoded', unit: 'ms', lower: true,
    get: (r, l) => num(lib(r, 'cold-start', l)?.firstDecodedMs),
    why: (r, p) => {
      const o = lib(r, 'cold-start', OURS), q = lib(r, 'cold-start', p);
      const phases = [
        ['loading the code', o.loadedMs - q.loadedMs],
        ['connecting and loading metadata', o.connectedMs - o.loadedMs - (q.connectedMs - q.loadedMs)],
        ['the first read', o.firstDecodedMs - o.connectedMs - (q.firstDecodedMs - q.connectedMs)],
      ] as [string, number][];
      phases.sort((a, b) => b[1] - a[1]);
      return `the gap is mostly in ${phases[0][0]} (${fmt(phases[0][1])} ms slower than ${p}); we receive ${fmt(kb(o.bytesReceived))} KiB vs ${fmt(kb(q.bytesReceived))} KiB in ${o.messages} vs ${q.messages} messages — mostly the metadata, which chopsticks produces with a ~100 ms runtime call — so run-to-run noise of a single local chain is of the same order (see the per-run samples in results.json).`;
    },
  },
  {
    section: 'Cold start', label: 'bytes received over the socket', unit: 'KiB', lower: true,
    get: (r, l) => kb(num(lib(r, 'cold-start', l)?.bytesReceived)),
    why: (r, p) => `both download the full metadata; ${p} received fewer bytes (${lib(r, 'cold-start', p).messages} vs ${lib(r, 'cold-start', OURS).messages} messages), i.e. we ask for something it does not (e.g. the runtime version or a second metadata form).`,
  },
  {
    section: 'Workload (100 ms RTT)', label: '256 reads, serial', unit: 'ms', lower: true,
    get: (r, l) => num(lib(r, 'workload', l)?.withLatency?.serialReadsMs),
    why: (r, p) => {
      const o = lib(r, 'workload', OURS), q = lib(r, 'workload', p);
      const rv = o.requestsByMethod?.state_getRuntimeVersion ?? 0;
      if (o.roundTripsPerSerialRead > q.roundTripsPerSerialRead * 1.3)
        return `each of our serial reads costs ${fmt(o.roundTripsPerSerialRead)} round trips vs ${fmt(q.roundTripsPerSerialRead)} for ${p} (serial time ÷ 256 ÷ RTT). The proxy saw ${rv.toLocaleString('en-US')} state_getRuntimeVersion requests from us in this run: SubstrateClient.query() without a blockHash first asks state_getRuntimeVersion (src/substrate/runtime.ts, RuntimeCache.versionAt) to pick the runtime, and only then sends state_getStorage — two sequential round trips per read. Caching the latest runtime (e.g. from a state_subscribeRuntimeVersion subscription) would make it one.`;
      return `serial reads are one round trip each for both (${fmt(o.roundTripsPerSerialRead)} vs ${fmt(q.roundTripsPerSerialRead)} RTT per read); the rest is per-request client CPU and timer jitter.`;
    },
  },
  {
    section: 'Workload (100 ms RTT)', label: '256 reads, concurrent', unit: 'ms', lower: true,
    get: (r, l) => num(lib(r, 'workload', l)?.withLatency?.concurrentReadsMs),
    why: (r, p) => {
      const o = lib(r, 'workload', OURS), q = lib(r, 'workload', p);
      const rv = o.requestsByMethod?.state_getRuntimeVersion ?? 0;
      return `with no latency we take ${fmt(o.zeroLatency.concurrentReadsMs)} ms vs ${fmt(q.zeroLatency.concurrentReadsMs)} ms for the same 256 reads, and with latency a burst costs us two round trips, not one: every query() first awaits state_getRuntimeVersion (${rv.toLocaleString('en-US')} of them in this run; src/substrate/runtime.ts RuntimeCache.versionAt) before its state_getStorage goes out.`;
    },
  },
  {
    section: 'Workload (100 ms RTT)', label: '256 concurrent reads ÷ ideal (RTT + 0-latency time)', unit: '×', lower: true,
    get: (r, l) => num(lib(r, 'workload', l)?.concurrentReadsVsIdeal),
    why: (r, p) => {
      const o = lib(r, 'workload', OURS);
      if (!(o.roundTripsPerSerialRead > 1.5)) return `${p} overlaps its client work with the round trip slightly better relative to its own 0-latency time.`;
      return `ideal is one RTT, but our reads need two sequential round trips (state_getRuntimeVersion, then state_getStorage; ${fmt(o.roundTripsPerSerialRead)} RTT per serial read), so a burst costs ≈ 2 RTT + work; ${p} needs one.`;
    },
  },
  {
    section: 'Workload (100 ms RTT)', label: '16 Core.version calls, serial', unit: 'ms', lower: true,
    get: (r, l) => num(lib(r, 'workload', l)?.withLatency?.serialCallsMs),
    why: (r, p) => callsWhy(r, p, 'serial'),
  },
  {
    section: 'Workload (100 ms RTT)', label: '16 Core.version calls, concurrent', unit: 'ms', lower: true,
    get: (r, l) => num(lib(r, 'workload', l)?.withLatency?.concurrentCallsMs),
    why: (r, p) => callsWhy(r, p, 'concurrent'),
  },
  {
    section: 'Decoding (no network)', label: 'finney V15 metadata decode + registry + AccountInfo codec', unit: 'ms', lower: true,
    get: (r, l) => num(lib(r, 'decoding', l)?.metadataMs),
    why: (_r, p) => `${p} decodes the metadata faster than we do (all libraries build codecs lazily, so this is mostly the metadata parse itself).`,
  },
  {
    section: 'Decoding (no network)', label: 'AccountInfo decodes per second', unit: 'ops/s', lower: false,
    get: (r, l) => num(lib(r, 'decoding', l)?.accountDecodesPerSec),
    why: (_r, p) => `${p}'s generated codec for this struct is faster per call than ours.`,
  },
  {
    section: 'Decoding (no network)', label: 'neuronsLite result decode', unit: 'ms', lower: true,
    get: (r, l) => num(lib(r, 'decoding', l)?.neuronsMs),
    why: (_r, p) => `${p}'s codecs decode the nested NeuronInfoLite structs (compact-heavy vectors) faster than ours.`,
  },
  ...([16, 32] as const).map((depth): Metric => ({
    section: 'Decoding (no network)', label: `malformed nested call rejected, depth ${depth}`, unit: 'ms', lower: true,
    // A library that accepts the truncated bytes gets no number: its time is not a rejection.
    get: (r, l) => (lib(r, 'decoding', l)?.malformedRejected?.[depth] ? num(lib(r, 'decoding', l)?.malformedMs?.[depth]) : undefined),
    why: (_r, p) => `${p} gives up on the truncated call sooner than we do (both are linear in the depth; we build the type path of the error while it unwinds).`,
  })),
  {
    section: 'Memory', label: 'RSS after connect + metadata', unit: 'MiB', lower: true,
    get: (r, l) => num(lib(r, 'memory', l)?.connectRssMB),
    why: (r, p) => `heap after connect: ours ${fmt(lib(r, 'memory', OURS).connectHeapMB)} MiB vs ${p} ${fmt(lib(r, 'memory', p).connectHeapMB)} MiB; we keep the decoded metadata object plus its raw bytes, while ${p} keeps less.`,
  },
  {
    section: 'Memory', label: 'heapUsed after connect + metadata', unit: 'MiB', lower: true,
    get: (r, l) => num(lib(r, 'memory', l)?.connectHeapMB),
    why: (_r, p) => `we hold the whole decoded metadata (all pallets, types, docs) in memory after connect; ${p} holds less of it.`,
  },
  {
    section: 'Memory', label: 'RSS after 1,000 queries', unit: 'MiB', lower: true,
    get: (r, l) => num(lib(r, 'memory', l)?.queriesRssMB),
  },
  {
    section: 'Memory', label: 'heapUsed after 1,000 queries', unit: 'MiB', lower: true,
    get: (r, l) => num(lib(r, 'memory', l)?.queriesHeapMB),
  },
  {
    section: 'Bundle', label: 'browser bundle, minified', unit: 'KiB', lower: true,
    get: (r, l) => kb(num(r.benchmarks.bundle?.sizes?.[l]?.browser?.minBytes)),
  },
  {
    section: 'Bundle', label: 'browser bundle, gzip -9', unit: 'KiB', lower: true,
    get: (r, l) => kb(num(r.benchmarks.bundle?.sizes?.[l]?.browser?.gzipBytes)),
  },
  {
    section: 'Bundle', label: 'node bundle, minified', unit: 'KiB', lower: true,
    get: (r, l) => kb(num(r.benchmarks.bundle?.sizes?.[l]?.node?.minBytes)),
    why: () => `on node our bundle includes the \`ws\` package (loaded by dynamic import on Node 20, which has no global WebSocket).`,
  },
  {
    section: 'Bundle', label: 'node bundle, gzip -9', unit: 'KiB', lower: true,
    get: (r, l) => kb(num(r.benchmarks.bundle?.sizes?.[l]?.node?.gzipBytes)),
  },
  {
    section: 'Bundle', label: 'cold import (in-process, median of 20)', unit: 'ms', lower: true,
    get: (r, l) => num(r.benchmarks.bundle?.imports?.[l]?.importMs),
    why: (_r, p) => `${p}'s entry module graph evaluates faster than ours.`,
  },
];

/** value(peer)/value(ours) for lower-is-better, value(ours)/value(peer) for higher: > 1 = we win. */
function advantage(m: Metric, ours: number | undefined, peer: number | undefined): number | undefined {
  if (ours === undefined || peer === undefined || ours === 0 || peer === 0) return undefined;
  return m.lower ? peer / ours : ours / peer;
}

function naReason(r: Results, m: Metric, l: Lib): string | undefined {
  const map: Record<string, string> = { 'Cold start': 'cold-start', 'Workload (100 ms RTT)': 'workload', 'Decoding (no network)': 'decoding', Memory: 'memory' };
  const b = map[m.section];
  if (b) return r.benchmarks[b]?.error ?? lib(r, b, l)?.error;
  if (m.section === 'Bundle') return r.benchmarks.bundle?.error ?? r.benchmarks.bundle?.sizes?.[l]?.browser?.error ?? r.benchmarks.bundle?.imports?.[l]?.error;
  return undefined;
}

export function consoleTable(r: Results): string {
  const head = ['metric', ...LIBS.map((l) => l), ...PEERS.map((p) => `vs ${p}`)];
  const rows: string[][] = [head];
  let section = '';
  for (const m of METRICS) {
    if (m.section !== section) rows.push([`— ${(section = m.section)}`, ...head.slice(1).map(() => '')]);
    const ours = m.get(r, OURS);
    rows.push([
      `${m.label} (${m.unit})`,
      ...LIBS.map((l) => fmt(m.get(r, l))),
      ...PEERS.map((p) => {
        const a = advantage(m, ours, m.get(r, p));
        return a === undefined ? 'n/a' : `${a.toFixed(2)}×`;
      }),
    ]);
  }
  const w = head.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => row.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ')).join('\n');
}

export function markdown(r: Results): string {
  const o: string[] = [];
  const date = r.date.slice(0, 10);
  o.push(`# substrate-lite benchmarks — ${date}`, '');
  o.push(`Generated by \`npm run bench\` (benchmarks/run.ts) on ${r.date}. Do not edit by hand: every number below comes from [results.json](results.json).`, '');
  o.push(`Machine: ${r.machine.cpuModel} × ${r.machine.cpus}, ${r.machine.platform}, Node ${r.machine.node}. Whole run: ${fmt(r.totalMs / 1000)} s.`, '');
  const partial = (r as any).partialRun as string[] | undefined;
  if (partial) o.push(`_This invocation re-ran only: ${partial.join(', ')} (BENCH_ONLY); the other sections were kept from the previous full run${Object.entries(r.benchmarks).filter(([k, v]) => !partial.includes(k) && v?.durationMs).length ? ` (durations: ${Object.entries(r.benchmarks).map(([k, v]: [string, any]) => `${k} ${fmt((v?.durationMs ?? 0) / 1000)} s`).join(', ')})` : ''}._`, '');
  o.push(`Peers: ${Object.entries(r.versions).map(([k, v]) => `\`${k}\` ${v}`).join(', ')}.`, '');
  o.push('**How to read the ratio columns:** `vs X` = how many times better substrate-lite is than X on that row (X/ours for times and sizes, ours/X for throughput). Above 1.00× we win; rows in **bold** are losses beyond 2% (smaller differences are within noise), and "Where we lose" says why. Times are medians of repeated runs after warm-up (run counts per section below).', '');

  o.push('## Summary', '');
  o.push(`| metric | ${LIBS.join(' | ')} | ${PEERS.map((p) => `vs ${p}`).join(' | ')} |`);
  o.push(`|---|${LIBS.map(() => '--:').join('|')}|${PEERS.map(() => '--:').join('|')}|`);
  const losses: string[] = [];
  const nas: string[] = [];
  let section = '';
  for (const m of METRICS) {
    if (m.section !== section) o.push(`| **${(section = m.section)}** |${LIBS.map(() => '').join(' |')} |${PEERS.map(() => '').join(' |')} |`);
    const ours = m.get(r, OURS);
    const cells = LIBS.map((l) => fmt(m.get(r, l)));
    const ratios = PEERS.map((p) => {
      const a = advantage(m, ours, m.get(r, p));
      if (a === undefined) return 'n/a';
      return a < 0.98 ? `**${a.toFixed(2)}×**` : `${a.toFixed(2)}×`;
    });
    o.push(`| ${m.label} (${m.unit}) | ${cells.join(' | ')} | ${ratios.join(' | ')} |`);
    for (const l of LIBS) {
      if (m.get(r, l) === undefined) nas.push(`${m.section} / ${m.label} / ${l}: ${naReason(r, m, l) ?? 'not measured'}`);
    }
    // Losses: the peers that beat us on this row (beyond 2% — below that it is noise).
    const beat = PEERS.filter((p) => {
      const a = advantage(m, ours, m.get(r, p));
      return a !== undefined && a < 0.98;
    });
    if (beat.length) {
      const best = beat.reduce((a, b) => ((advantage(m, ours, m.get(r, a)) ?? 1) < (advantage(m, ours, m.get(r, b)) ?? 1) ? a : b));
      const a = advantage(m, ours, m.get(r, best))!;
      let why: string | undefined;
      try {
        why = m.why?.(r, best);
      } catch {}
      losses.push(`- **${m.section} — ${m.label}:** we lose to ${beat.join(', ')} (${best}: ${fmt(m.get(r, best), m.unit)} vs our ${fmt(ours, m.unit)}, ${a.toFixed(2)}×). ${why ? `Why: ${why}` : 'Why: not analysed further by this run.'}`);
    }
  }
  o.push('');
  o.push('## Where we lose', '');
  o.push(losses.length ? losses.join('\n') : '- Nowhere in this run (no row below 0.98×).', '');
  if (nas.length) o.push('## n/a', '', ...nas.map((x) => `- ${x.replace(/\n/g, ' ')}`), '');

  // ---- workload detail + curve
  const wl = r.benchmarks.workload;
  o.push('## Concurrent workload with latency', '');
  if (wl?.libs) {
    o.push(`A WebSocket proxy (benchmarks/ws-proxy.ts) holds every message ${wl.oneWayDelayMs} ms each way (${wl.rttMs} ms RTT) in front of the local chopsticks chain. ${wl.reads} System.Account reads of distinct random keys; ${wl.runtimeCalls} Core.version runtime calls reported separately (chopsticks executes each state_call for ~100 ms, one at a time). "Ideal" = one RTT + the same concurrent work with 0 ms delay. Concurrent numbers are medians of ${wl.config.concurrentRuns} bursts; runtime calls ${wl.config.runtimeConcurrentRuns}; curve points ${wl.config.curveRuns}.`, '');
    o.push('| library | reads serial | RTT per serial read | reads concurrent | 0-latency concurrent | ideal | ÷ ideal | serial ÷ concurrent | calls serial | calls concurrent | calls 0-latency | calls ÷ ideal | requests sent (latency run) |');
    o.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|');
    for (const l of LIBS) {
      const x = wl.libs[l];
      if (!x || x.error) {
        o.push(`| ${l} | n/a: ${String(x?.error ?? 'not run').split('\n')[0]} |||||||||||| |`);
        continue;
      }
      o.push(`| ${l} | ${fmt(x.withLatency.serialReadsMs)} ms | ${fmt(x.roundTripsPerSerialRead)} | ${fmt(x.withLatency.concurrentReadsMs)} ms | ${fmt(x.zeroLatency.concurrentReadsMs)} ms | ${fmt(x.idealReadsMs)} ms | ${fmt(x.concurrentReadsVsIdeal)}× | ${fmt(x.serialOverConcurrentReads)}× | ${fmt(x.withLatency.serialCallsMs)} ms | ${fmt(x.withLatency.concurrentCallsMs)} ms | ${fmt(x.zeroLatency.concurrentCallsMs)} ms | ${fmt(x.concurrentCallsVsIdeal)}× | ${Object.entries(x.requestsByMethod ?? {}).sort((a: any, b: any) => b[1] - a[1]).map(([m, n]) => `${m} ${n}`).join(', ')} |`);
    }
    for (const l of LIBS) {
      const x = wl.libs[l];
      if (x?.withLatency && x.withLatency.serialCallsMs < (wl.runtimeCalls * wl.rttMs) / 2)
        o.push('', `**${l}: its ${wl.runtimeCalls} serial Core.version calls took ${fmt(x.withLatency.serialCallsMs)} ms, less than half of ${wl.runtimeCalls} round trips — it answers repeated identical runtime calls at the same block from a client-side cache (requests it sent: ${Object.entries(x.requestsByMethod ?? {}).map(([m, n]) => `${m} ${n}`).join(', ') || 'see results.json'}). Its runtime-call rows measure that cache, not the network, so they are not comparable.**`);
    }
    o.push('', `### Latency vs concurrency (${wl.rttMs} ms RTT)`, '', '![latency vs N](latency.svg)', '');
    o.push(`| N concurrent reads | ${LIBS.join(' | ')} |`, `|--:|${LIBS.map(() => '--:').join('|')}|`);
    for (const n of wl.curveN as number[]) o.push(`| ${n} | ${LIBS.map((l) => fmt(num(wl.libs[l]?.withLatency?.curveMs?.[n]), 'ms')).join(' | ')} |`);
    o.push('');
  } else o.push(`n/a: ${wl?.error ?? 'not run'}`, '');

  // ---- cold start detail
  const cs = r.benchmarks['cold-start'];
  o.push('## Cold start', '');
  if (cs?.libs) {
    o.push(`A fresh child process per library per run (${cs.runs} runs, median, after one unmeasured run), each library's own precompiled esbuild bundle of benchmarks/driver.ts + its adapter (no tsx). Timestamps are the child's \`performance.now()\` (ms since its process started); bytes are counted by the proxy.`, '');
    o.push('| library | code loaded | connected (metadata ready) | first Account decoded | process wall | bytes received | bytes sent | messages |', '|---|--:|--:|--:|--:|--:|--:|--:|');
    for (const l of LIBS) {
      const x = cs.libs[l];
      if (!x || x.error) o.push(`| ${l} | n/a: ${String(x?.error ?? '').split('\n')[0]} ||||||| |`);
      else o.push(`| ${l} | ${fmt(x.loadedMs)} ms | ${fmt(x.connectedMs)} ms | ${fmt(x.firstDecodedMs)} ms | ${fmt(x.wallMs)} ms | ${x.bytesReceived.toLocaleString('en-US')} | ${x.bytesSent.toLocaleString('en-US')} | ${x.messages} |`);
    }
    o.push('', 'papi connects lazily: its "connected" is the first finalized block from chainHead_v1_follow; it fetches metadata during the first query.', '');
    if (cs.warm) {
      o.push('### Warm metadata cache', '', 'Each library with a persistent cache of its own (dedot\'s `cacheMetadata`, polkadot-api\'s `getMetadata`/`setMetadata`, ours on by default), every run starting from the directory one unmeasured run filled; the cold rows above start from an empty directory.', '');
      o.push('| library | connected | first Account decoded | warm ÷ cold | bytes received | messages |', '|---|--:|--:|--:|--:|--:|');
      for (const l of LIBS) {
        const x = cs.warm[l];
        if (!x) continue;
        if (x.error) o.push(`| ${l} | n/a: ${String(x.error).split('\n')[0]} ||||| |`);
        else o.push(`| ${l} | ${fmt(x.connectedMs)} ms | ${fmt(x.firstDecodedMs)} ms | ${fmt(x.warmOverCold)} | ${x.bytesReceived.toLocaleString('en-US')} | ${x.messages} |`);
      }
      o.push('');
    }
  } else o.push(`n/a: ${cs?.error ?? 'not run'}`, '');

  // ---- decoding detail
  const dec = r.benchmarks.decoding;
  o.push('## Decoding (no network)', '');
  if (dec?.libs) {
    o.push(`Each library in its own child process. Metadata: the real finney V15 bytes → decoded metadata → registry → codec for System.Account's value type (id ${dec.accountTypeId}); ${dec.runs.metadata} runs after ${dec.warmup.metadata} warm-up. AccountInfo: ${dec.accountDecodes.toLocaleString('en-US')} decodes of the same bytes (${dec.accountSource}), ${dec.runs.account} runs after warm-up. neuronsLite: one NeuronInfoRuntimeApi_get_neurons_lite result of ${dec.neuronCount} real finney neurons (output type id ${dec.neuronsTypeId}), ${dec.runs.neurons} runs after ${dec.warmup.neurons} warm-up. polkadot.js: \`new Metadata\` + \`registry.setMetadata\`, \`createType(createLookupType(id))\`; papi: \`decAnyMetadata\` + \`getDynamicBuilder(getLookupFn(unifyMetadata(…)))\`, \`buildDefinition(id)\`; dedot: \`$Metadata\` + \`PortableRegistry\`, \`findCodec(id)\`.`, '');
    o.push('| library | metadata (ms) | AccountInfo decodes/s | neuronsLite (ms) | neurons/s | malformed call, depth 16 / 32 (ms) | check: free / neurons |', '|---|--:|--:|--:|--:|--:|---|');
    for (const l of LIBS) {
      const x = dec.libs[l];
      if (!x || x.error) o.push(`| ${l} | n/a: ${String(x?.error ?? '').split('\n')[0]} ||||| |`);
      else o.push(`| ${l} | ${fmt(x.metadataMs)} | ${x.accountDecodesPerSec.toLocaleString('en-US')} | ${fmt(x.neuronsMs)} | ${x.neuronsPerSec.toLocaleString('en-US')} | ${malformedCell(x)} | ${x.sample.free} / ${x.sample.neurons} |`);
    }
    if (dec.runs.malformed) o.push('', `Malformed call: System.remark inside Utility.batch nested 16 and 32 deep, cut by one byte; mean of ${dec.runs.malformed} runs of repeated decodes after ${dec.warmup.malformed} warm-up, median shown. "accepted" = the library decoded the truncated bytes without an error.`);
    o.push('');
  } else o.push(`n/a: ${dec?.error ?? 'not run'}`, '');

  // ---- memory
  const mem = r.benchmarks.memory;
  o.push('## Memory', '');
  if (mem?.libs) {
    o.push(`Child process per library (node --expose-gc; gc() twice before each reading), median of ${mem.runs} processes. A bare \`node\` process: RSS ${fmt(mem.bareNode.rssMB)} MiB, heapUsed ${fmt(mem.bareNode.heapMB)} MiB.`, '');
    o.push('| library | RSS after connect | heap after connect | RSS after 1,000 queries | heap after 1,000 queries | external after queries |', '|---|--:|--:|--:|--:|--:|');
    for (const l of LIBS) {
      const x = mem.libs[l];
      if (!x || x.error) o.push(`| ${l} | n/a: ${String(x?.error ?? '').split('\n')[0]} |||| |`);
      else o.push(`| ${l} | ${fmt(x.connectRssMB)} MiB | ${fmt(x.connectHeapMB)} MiB | ${fmt(x.queriesRssMB)} MiB | ${fmt(x.queriesHeapMB)} MiB | ${fmt(x.queriesExternalMB)} MiB |`);
    }
    o.push('');
  } else o.push(`n/a: ${mem?.error ?? 'not run'}`, '');

  // ---- bundle
  const b = r.benchmarks.bundle;
  o.push('## Bundle size and import time', '');
  if (b?.sizes) {
    o.push('esbuild `--bundle --minify --format=esm` of a tiny program per library (connect, System.Account, Core.version: benchmarks/adapters/*), gzip at level 9. On platform=node the papi program passes `ws` explicitly (Node 20 has no global WebSocket); polkadot.js and dedot pull `ws` in through @polkadot/x-ws, ours through a dynamic import.', '');
    o.push('| library | browser min | browser gzip | node min | node gzip | import (in-process) | import (process wall) |', '|---|--:|--:|--:|--:|--:|--:|');
    for (const l of LIBS) {
      const s = b.sizes[l] ?? {};
      const im = b.imports?.[l] ?? {};
      const c = (x: any, k: string) => (x?.[k] === undefined ? `n/a${x?.error ? `: ${String(x.error).split('\n')[0]}` : ''}` : x[k].toLocaleString('en-US'));
      o.push(`| ${l} | ${c(s.browser, 'minBytes')} | ${c(s.browser, 'gzipBytes')} | ${c(s.node, 'minBytes')} | ${c(s.node, 'gzipBytes')} | ${fmt(num(im.importMs), 'ms')} | ${fmt(num(im.wallMs), 'ms')} |`);
    }
    const ours = b.ours ?? {};
    o.push('', `Bare \`node\` process wall time: ${fmt(b.bareNodeWallMs)} ms. Import specifiers: ${LIBS.map((l) => `${l}: ${(b.imports?.[l]?.specifiers ?? []).map((s: string) => `\`${s}\``).join(' + ')}`).join('; ')} (ours: \`src/substrate/index.ts\` bundled by esbuild with dependencies external, standing in for the published dist).`, '');
    o.push(`- Our browser bundle contains no \`ws\`: **${ours.browserHasNoWs ? 'yes' : 'NO'}**${ours.browserWsModules?.length ? ` — it includes ${ours.browserWsModules.map((x: string) => `\`${x}\``).join(', ')}: \`src/rpc/websocket.ts\` has an unconditional \`import('ws')\` that esbuild resolves to ws's browser stub (the import is only taken when there is no global WebSocket, so it is dead weight, not a functional problem)` : ''}.`);
    o.push(`- Our browser bundle gzip ≤ 25 KiB (${ours.targetGzipBytes?.toLocaleString('en-US')} bytes): **${ours.withinTarget ? 'yes' : 'NO'}** (${ours.browserGzipBytes?.toLocaleString('en-US')} bytes).`);
    if (ours.largestBrowserInputs?.length) o.push(`- Largest inputs of our browser bundle (minified bytes): ${ours.largestBrowserInputs.map((x: any) => `\`${x.input.replace(/^.*?(src\/|node_modules\/)/, '$1')}\` ${x.bytes.toLocaleString('en-US')}`).join(', ')}.`);
    o.push('');
  } else o.push(`n/a: ${b?.error ?? 'not run'}`, '');

  // ---- rpc
  const rpc = r.benchmarks.rpc;
  o.push('## RPC client (benchmarks/rpc.bench.ts)', '');
  if (rpc?.result) {
    const L = rpc.result.latency, C = rpc.result.cycles;
    if (L) o.push(`- ${L.requests} requests at ${L.injectedLatencyMs} ms injected latency: serial ${fmt(L.serialMs)} ms, concurrent ${fmt(L.concurrentMs)} ms (bare \`ws\`: ${fmt(L.rawWsMs)} ms); concurrent ÷ ideal ${fmt(L.concurrentVsIdeal)}× (target ≤ 1.3), serial ÷ concurrent ${fmt(L.serialOverConcurrent)} (target ≥ ${fmt(0.9 * L.requests)}): **${L.pass ? 'pass' : 'FAIL'}**.`);
    if (C) o.push(`- ${C.cycles} connect→request→close cycles: heap delta ${C.heapDeltaBytes === null ? 'n/a (no gc)' : `${fmt(C.heapDeltaBytes / 1024)} KiB`} (target within ±2 MiB), server sockets open after: ${C.serverSocketsOpenAfter}: **${C.pass ? 'pass' : 'FAIL'}**.`);
    const R = rpc.result.resilience;
    if (R) {
      const S = R.reconnectStorm, D = R.deadEndpoint, F = R.strayFlood;
      o.push(`- Reconnect storm (a server that accepts and drops every connection, one pending request, default options): ${S.connections} connections in ${fmt(S.windowMs / 1000)} s ≈ ${fmt(S.perMinute)}/min (target ≤ ${S.targetPerMinute}/min): **${S.pass ? 'pass' : 'FAIL'}**.`);
      o.push(`- Dead endpoint to a typed error: refused ${fmt(D.refusedMs)} ms, HTTP 503 on upgrade ${fmt(D.httpStatusMs)} ms, as \`${D.errorName}\` (target ConnectionError ≤ ${fmt(D.targetMs)} ms): **${D.pass ? 'pass' : 'FAIL'}**.`);
      o.push(`- Stray notifications (${F.notifications.toLocaleString('en-US')}, ${fmt(F.bytesSent / 1024 / 1024)} MiB, ids nobody subscribed to): heap held after gc ${F.heapDeltaBytes === null ? 'n/a (no gc)' : `${fmt(F.heapDeltaBytes / 1024)} KiB`} (target ≤ ${fmt(F.targetBytes / 1024 / 1024)} MiB): **${F.pass ? 'pass' : 'FAIL'}**.`);
    }
    o.push('');
  } else o.push(`n/a: ${rpc?.error ?? 'not run'}`, '');

  // ---- querymap
  const qm = r.benchmarks.querymap;
  o.push('## queryMap pipelining (benchmarks/querymap.bench.ts)', '');
  if (qm?.rows) {
    o.push(`System.Account pages of 100 from the scriptable test server with ${qm.latencyMs} ms added to every reply. Pipelined, N pages should cost ≈ N + 1 round trips; a pager that waits for each page's values before asking for the next keys needs 2N.`, '');
    o.push('| pages | entries | wall | round trips (wall ÷ RTT) | N + 1 | non-pipelined 2N |', '|--:|--:|--:|--:|--:|--:|');
    for (const x of qm.rows) o.push(`| ${x.pages} | ${x.entries} | ${fmt(x.ms)} ms | ${fmt(x.roundTrips)} | ${x.pages + 1} | ${x.naiveRoundTrips} |`);
    o.push('');
  } else o.push(`n/a: ${qm?.error ?? 'not run'}`, '');

  // ---- keys (the section renders itself: benchmarks/keys.bench.ts)
  for (const k of ['keys', 'metagraph', 'extrinsic']) if (Array.isArray(r.benchmarks[k]?.markdown)) o.push(...r.benchmarks[k].markdown);

  const errs = Object.entries(r.benchmarks).filter(([, v]) => v?.error);
  if (errs.length) o.push('## Errors', '', ...errs.map(([k, v]) => `- ${k}: ${String(v.error).split('\n')[0]}`), '');
  o.push('## Reproduce', '', '```sh', 'npm run bench    # node --expose-gc --import tsx benchmarks/run.ts', '```', '');
  return o.join('\n');
}
