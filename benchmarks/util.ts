// Small helpers shared by the benchmarks: statistics, child processes that answer with JSON, and
// the context run.ts hands every benchmark.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(BENCH_DIR, '..');
export const BUILD_DIR = join(BENCH_DIR, '.build');

export const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
export const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';

export interface BenchContext {
  /** The shared local chain (chopsticks), or null with chainError set. */
  chainUrl: string | null;
  chainError?: string;
  /** Progress line to stderr. */
  log(msg: string): void;
}

/** Every benchmark's result: free-form data plus optional notes (sentences for RESULTS.md). */
export interface BenchResult {
  name: string;
  ok: boolean;
  error?: string;
  durationMs?: number;
  [k: string]: unknown;
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function summary(xs: number[]) {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length, samples: xs };
}

export const round = (x: number, d = 2): number => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);

export function errText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/**
 * Run a child process; resolve with the JSON object on the last stdout line that parses as one.
 * Rejects (with stderr tail) on non-zero exit, no JSON, or timeout.
 */
export function runJsonChild<T = any>(
  args: string[],
  opts: { timeoutMs?: number; env?: Record<string, string>; onSpawn?: (t0: number) => void } = {},
): Promise<T & { _wallMs: number }> {
  return new Promise((resolveP, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...opts.env },
    });
    opts.onSpawn?.(t0);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child timed out after ${opts.timeoutMs} ms: ${args.join(' ')}\n${err}`));
    }, opts.timeoutMs ?? 120_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const wall = performance.now() - t0;
      const lines = out.trim().split('\n').reverse();
      for (const l of lines) {
        if (!l.startsWith('{')) continue;
        try {
          const j = JSON.parse(l);
          if (j.error) return reject(new Error(`${j.error}${err ? `\nstderr: ${err.slice(-800)}` : ''}`));
          if (code !== 0 && code !== null) break;
          return resolveP({ ...j, _wallMs: wall });
        } catch {}
      }
      reject(new Error(`child exited ${code ?? signal} without a JSON result: ${args.slice(-3).join(' ')}\n${err.slice(-1500)}`));
    });
  });
}

/** Child-side: print the result as one JSON line and exit (bigints as strings). */
export function reply(obj: unknown): never {
  process.stdout.write(JSON.stringify(obj, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) + '\n');
  process.exit(0);
}

export function replyError(e: unknown): never {
  process.stdout.write(JSON.stringify({ error: errText(e) + (e instanceof Error && e.stack ? `\n${e.stack.split('\n').slice(1, 4).join('\n')}` : '') }) + '\n');
  process.exit(1);
}

export const TSX_ARGS = ['--expose-gc', '--import', 'tsx'];

/** Unwrap `Option<OpaqueMetadata>` (Metadata_metadata_at_version) / `OpaqueMetadata` to raw `meta…` bytes. */
export function rawMetadataBytes(hex: string): Uint8Array {
  const b = Buffer.from(hex.replace(/^0x/, ''), 'hex');
  const isMagic = (at: number) => b.readUInt32LE(at) === 0x6174656d;
  if (isMagic(0)) return new Uint8Array(b);
  for (const start of [1, 0]) {
    if (start === 1 && b[0] !== 1) continue;
    const mode = b[start] & 3;
    const off = start + (mode === 0 ? 1 : mode === 1 ? 2 : mode === 2 ? 4 : 5 + (b[start] >> 2));
    if (isMagic(off)) return new Uint8Array(b.subarray(off));
  }
  throw new Error('not metadata');
}

/** Random SS58 (prefix 42) addresses with distinct public keys, deterministic for a seed. */
export async function randomAddresses(n: number, seed: number): Promise<string[]> {
  const { ss58Encode } = (await import('../src/scale/index.js')) as any;
  let s = seed >>> 0 || 1;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0), s >>> 24);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const pk = new Uint8Array(32);
    for (let j = 0; j < 32; j++) pk[j] = rnd();
    out.push(ss58Encode(pk, 42));
  }
  return out;
}
