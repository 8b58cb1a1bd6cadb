// `npm run bench` = node --expose-gc --import tsx benchmarks/run.ts
// Runs every benchmark against ONE shared local chain (chopsticks), each in its own try/catch, then
// writes benchmarks/results.json, benchmarks/RESULTS.md and benchmarks/latency.svg and prints a table.
//   BENCH_ONLY=decoding,bundle npm run bench     run a subset (the report still covers all sections)
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { consoleTable, markdown, type Results } from './report.js';
import { latencySvg } from './latency-svg.js';
import { BENCH_DIR, BUILD_DIR, ROOT, TSX_ARGS, errText, runJsonChild, type BenchContext } from './util.js';

const BUDGET_MS = 9.5 * 60_000;
const t0 = performance.now();
const log = (m: string) => process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${m}\n`);

function version(pkg: string): string {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

/** rpc.bench.ts (another engineer's) in its own process: its heap-delta check wants a quiet heap. */
async function rpcBench(ctx: BenchContext) {
  const src = readFileSync(join(BENCH_DIR, 'rpc.bench.ts'), 'utf8');
  if (!/export\s+async\s+function\s+runRpcBench\b/.test(src)) throw new Error('benchmarks/rpc.bench.ts does not export runRpcBench()');
  ctx.log('rpc: benchmarks/rpc.bench.ts runRpcBench()');
  const code = `import(${JSON.stringify(join(BENCH_DIR, 'rpc.bench.ts'))}).then((m) => m.runRpcBench()).then(` +
    `(r) => { console.log(JSON.stringify({ result: r })); process.exit(0); },` +
    `(e) => { console.log(JSON.stringify({ error: String(e && e.stack || e) })); process.exit(1); })`;
  const r = await runJsonChild<{ result: unknown }>([...TSX_ARGS, '--input-type=module', '-e', code], { timeoutMs: 180_000 });
  return { name: 'rpc', ok: true, result: r.result, wallMs: Math.round(r._wallMs) };
}

const BENCHES: [string, (ctx: BenchContext) => Promise<any>][] = [
  ['decoding', async (ctx) => (await import('./decoding.bench.js')).run(ctx)],
  ['cold-start', async (ctx) => (await import('./cold-start.bench.js')).run(ctx)],
  ['workload', async (ctx) => (await import('./workload.bench.js')).run(ctx)],
  ['memory', async (ctx) => (await import('./memory.bench.js')).run(ctx)],
  ['bundle', async (ctx) => (await import('./bundle.bench.js')).run(ctx)],
  ['rpc', rpcBench],
  ['querymap', async (ctx) => (await import('./querymap.bench.js')).run(ctx)],
  ['keys', async (ctx) => (await import('./keys.bench.js')).run(ctx)],
  ['metagraph', async (ctx) => (await import('./metagraph.bench.js')).run(ctx)],
  ['extrinsic', async (ctx) => (await import('./extrinsic.bench.js')).run(ctx)],
];

async function main() {
  rmSync(BUILD_DIR, { recursive: true, force: true });
  mkdirSync(BUILD_DIR, { recursive: true });
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  const ctx: BenchContext = { chainUrl: null, log };
  let chain: { url: string; stop(): Promise<void> } | null = null;
  const needChain = BENCHES.some(([n]) => (!only || only.includes(n)) && ['decoding', 'cold-start', 'workload', 'memory', 'extrinsic'].includes(n));
  if (needChain) {
    log('starting the local chain (chopsticks)…');
    try {
      const { startLocalChain } = await import('../scripts/local-chain.js');
      chain = await startLocalChain();
      ctx.chainUrl = chain.url;
      log(`chain at ${chain.url}`);
    } catch (e) {
      ctx.chainError = errText(e);
      log(`no local chain: ${ctx.chainError}`);
    }
  }
  const stop = async () => {
    await chain?.stop().catch(() => {});
    chain = null;
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));

  // Keep sections from a previous results.json when running a subset.
  let previous: Results | null = null;
  if (only) {
    try {
      previous = JSON.parse(readFileSync(join(BENCH_DIR, 'results.json'), 'utf8'));
    } catch {}
  }
  const benchmarks: Record<string, any> = { ...(previous?.benchmarks ?? {}) };
  try {
    for (const [name, fn] of BENCHES) {
      if (only && !only.includes(name)) continue;
      if (performance.now() - t0 > BUDGET_MS) {
        benchmarks[name] = { name, ok: false, error: `skipped: the ${BUDGET_MS / 60_000}-minute budget was used up before it started` };
        continue;
      }
      log(`== ${name}`);
      const s = performance.now();
      try {
        benchmarks[name] = { ...(await fn(ctx)), durationMs: Math.round(performance.now() - s), ranAt: new Date().toISOString() };
      } catch (e) {
        benchmarks[name] = { name, ok: false, error: errText(e), durationMs: Math.round(performance.now() - s) };
        log(`${name} FAILED: ${errText(e)}`);
      }
      log(`${name} done in ${((performance.now() - s) / 1000).toFixed(1)} s`);
    }
  } finally {
    await stop();
  }

  const cpu = cpus();
  const results: Results = {
    date: new Date().toISOString(),
    machine: { cpuModel: cpu[0]?.model?.trim() ?? 'unknown', cpus: cpu.length, platform: `${platform()} ${release()}`, node: process.versions.node, totalMemGB: Math.round(totalmem() / 2 ** 30) },
    versions: {
      '@polkadot/api': version('@polkadot/api'),
      'polkadot-api': version('polkadot-api'),
      '@polkadot-api/substrate-bindings': version('@polkadot-api/substrate-bindings'),
      '@polkadot-api/metadata-builders': version('@polkadot-api/metadata-builders'),
      dedot: version('dedot'),
      esbuild: version('esbuild'),
      chopsticks: version('@acala-network/chopsticks'),
    },
    totalMs: Math.round(performance.now() - t0),
    benchmarks,
  };
  if (only) (results as any).partialRun = only;
  writeFileSync(join(BENCH_DIR, 'results.json'), JSON.stringify(results, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
  const svg = latencySvg(results);
  if (svg) writeFileSync(join(BENCH_DIR, 'latency.svg'), svg);
  writeFileSync(join(BENCH_DIR, 'RESULTS.md'), markdown(results));
  console.log('\n' + consoleTable(results) + '\n');
  const failed = Object.entries(benchmarks).filter(([, v]) => v?.error);
  for (const [k, v] of failed) console.log(`! ${k}: ${String(v.error).split('\n')[0]}`);
  console.log(`wrote benchmarks/results.json, benchmarks/RESULTS.md${svg ? ', benchmarks/latency.svg' : ''} in ${(results.totalMs / 1000).toFixed(0)} s`);
  process.exit(0);
}

await main();
