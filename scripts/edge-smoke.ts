// Edge/runtime smoke test: the same program (edge/smoke.js) against one local Subtensor chain in
// Node 20 (ws fallback), Node 20 with a global WebSocket, Bun, Deno, Cloudflare workerd (global
// WebSocket and fetch-upgrade) and headless Chromium.
//
//   npx tsx scripts/edge-smoke.ts            (or: npm run edge)
//
// Env: EDGE_ALLOW_MISSING=1  a runtime whose binary is missing is not a failure
//      EDGE_REBUILD=1        run `npx tsup` even when dist/ exists
//      EDGE_ONLY=a,b         run only these runtimes (names as in the table)
//      EDGE_URL=ws://…       use a running chain instead of starting one
//      CHROMIUM=/path        Chromium binary (default /usr/bin/chromium)
// Writes edge/results.json; exits 1 when any runtime fails.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './fixtures.js';
import { freePort, startLocalChain, type LocalChain } from './local-chain.js';

const ROOT = PROJECT_ROOT;
const EDGE = join(ROOT, 'edge');
const BIN = join(ROOT, 'node_modules', '.bin');
const TIMEOUT_MS = 90_000;
const allowMissing = process.env.EDGE_ALLOW_MISSING === '1';
const only = process.env.EDGE_ONLY ? new Set(process.env.EDGE_ONLY.split(',').map((s) => s.trim())) : null;

type Status = 'pass' | 'fail' | 'unavailable';
interface Row {
  runtime: string;
  status: Status;
  ok: boolean;
  ms: number; // wall time of the host process (startup included)
  smokeMs?: number; // time inside smoke() as measured by the host
  detail: string;
  result?: unknown;
}

// ---- helpers ----------------------------------------------------------------------------------

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function localBin(name: string): string | null {
  const p = join(BIN, name);
  return existsSync(p) ? p : which(name);
}

/** Probe a binary with --version; returns the first line or throws with the reason. */
function version(bin: string, args = ['--version']): string {
  const r = spawnSync(bin, args, { encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} exited ${r.status}: ${(r.stderr || r.stdout).trim().slice(0, 300)}`);
  return (r.stdout || r.stderr).trim().split('\n')[0]!;
}

interface Exec {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

/** Run a child in its own process group; on timeout kill that group (it is ours). */
function run(cmd: string, args: string[], timeoutMs = TIMEOUT_MS): Promise<Exec> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-8000)));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, stdout, stderr: stderr + String(e), timedOut, ms: performance.now() - t0 });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut, ms: performance.now() - t0 });
    });
  });
}

function killGroup(child: ChildProcess, sig: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    try {
      child.kill(sig);
    } catch {
      /* gone */
    }
  }
}

/** The last stdout line that parses as a JSON object. */
function lastJson(text: string): any {
  const lines = text.trim().split('\n').reverse();
  for (const l of lines) {
    const s = l.trim();
    if (!s.startsWith('{')) continue;
    try {
      return JSON.parse(s);
    } catch {
      /* keep looking */
    }
  }
  return null;
}

function rowFromExec(runtime: string, e: Exec): Row {
  const res = lastJson(e.stdout);
  const ms = Math.round(e.ms);
  if (e.timedOut) {
    return { runtime, status: 'fail', ok: false, ms, detail: `timed out after ${TIMEOUT_MS / 1000} s; stderr: ${tail(e.stderr)}`, result: res };
  }
  if (res?.ok === true && e.code === 0) {
    return { runtime, status: 'pass', ok: true, ms, smokeMs: res.ms, detail: describe(res), result: res };
  }
  const why = res?.error ?? `exit ${e.code ?? e.signal}; stderr: ${tail(e.stderr)}; stdout: ${tail(e.stdout)}`;
  return { runtime, status: 'fail', ok: false, ms, detail: String(why), result: res };
}

function describe(r: any): string {
  return `${r.runtime ?? ''} | spec ${r.spec}, metadata v${r.metadata}, Alice free ${r.free}, head #${r.head} | ${r.websocket ?? ''}`;
}

function tail(s: string, n = 600): string {
  const t = s.trim();
  return t.length > n ? '…' + t.slice(-n) : t;
}

function unavailable(runtime: string, reason: string): Row {
  return { runtime, status: 'unavailable', ok: false, ms: 0, detail: reason };
}

// ---- build + bundles --------------------------------------------------------------------------

function ensureDist(): void {
  const entry = join(ROOT, 'dist', 'index.js');
  if (existsSync(entry) && process.env.EDGE_REBUILD !== '1') return;
  console.log('building dist/ with npx tsup …');
  const r = spawnSync('npx', ['tsup'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(entry)) throw new Error(`npx tsup failed (exit ${r.status})`);
}

/** Patterns a browser/worker bundle must not contain: a static dependency on `ws` or on Node builtins. */
const FORBIDDEN: [RegExp, string][] = [
  [/require\(\s*["']ws["']\s*\)/, 'require("ws")'],
  [/from\s*["']ws["']/, 'from "ws"'],
  [/import\(\s*["']ws["']\s*\)/, 'import("ws")'],
  [/(?:from\s*|require\(\s*)["'](?:node:)?(?:net|tls|http|https|crypto|fs|stream|events|zlib|buffer)["']/, 'static Node builtin import'],
];

async function bundle(entry: string, outfile: string): Promise<string> {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(ROOT, entry)],
    outfile: join(ROOT, outfile),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    logLevel: 'warning',
  });
  const text = readFileSync(join(ROOT, outfile), 'utf8');
  const bad = FORBIDDEN.filter(([re]) => re.test(text)).map(([, what]) => what);
  if (bad.length) throw new Error(`${outfile} contains ${bad.join(', ')}`);
  const stub = text.includes('ws does not work in the browser') ? ' (ws resolved to its browser stub, never called)' : '';
  return `${outfile}: ${(text.length / 1024).toFixed(0)} KiB, no require("ws")/from "ws"/Node builtins${stub}`;
}

// ---- runtimes ---------------------------------------------------------------------------------

type Runner = (url: string) => Promise<Row>;

const node =
  (globalWs: boolean): Runner =>
  async (url) => {
    const name = globalWs ? 'node --global-ws' : 'node';
    const args = [join(EDGE, 'node.mjs'), url, ...(globalWs ? ['--global-ws'] : [])];
    return rowFromExec(name, await run(process.execPath, args));
  };

const bun: Runner = async (url) => {
  const bin = localBin('bun');
  if (!bin) return unavailable('bun', 'bun not found (node_modules/.bin/bun or PATH); npm i -D bun');
  try {
    version(bin);
  } catch (e) {
    return unavailable('bun', `bun does not run: ${(e as Error).message}`);
  }
  return rowFromExec('bun', await run(bin, [join(EDGE, 'bun.mjs'), url]));
};

const deno: Runner = async (url) => {
  const bin = localBin('deno');
  if (!bin) return unavailable('deno', 'deno not found (node_modules/.bin/deno or PATH); npm i -D deno');
  try {
    version(bin);
  } catch (e) {
    return unavailable('deno', `deno does not run: ${(e as Error).message}`);
  }
  // dist/ imports @noble/* and @scure/* by bare name; Deno resolves them from ./node_modules
  // because the project has a package.json (its default "byonm"-style resolution).
  return rowFromExec('deno', await run(bin, ['run', '--allow-net', '--allow-read', '--allow-env', join(EDGE, 'deno.mjs'), url]));
};

const workerd =
  (mode: 'global' | 'fetch'): Runner =>
  async (url) => {
    const name = mode === 'global' ? 'workerd' : 'workerd (fetch-upgrade)';
    const bin = localBin('workerd');
    if (!bin) return unavailable(name, 'workerd not found (node_modules/.bin/workerd); npm i -D workerd');
    try {
      version(bin);
    } catch (e) {
      return unavailable(name, `workerd does not run: ${(e as Error).message}`);
    }
    const port = await freePort();
    const t0 = performance.now();
    const child = spawn(bin, ['serve', join(EDGE, 'workerd', 'config.capnp'), '--socket-addr', `http=127.0.0.1:${port}`], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let log = '';
    child.stdout!.on('data', (d) => (log = (log + d).slice(-8000)));
    child.stderr!.on('data', (d) => (log = (log + d).slice(-8000)));
    let exited: string | null = null;
    child.on('exit', (c, s) => (exited = `workerd exited (${c ?? s})`));
    try {
      const base = `http://127.0.0.1:${port}/`;
      // wait for the socket (GET without ?url= answers 400 quickly)
      for (;;) {
        if (exited) return { runtime: name, status: 'fail', ok: false, ms: Math.round(performance.now() - t0), detail: `${exited}: ${tail(log)}` };
        if (performance.now() - t0 > 30_000) return { runtime: name, status: 'fail', ok: false, ms: Math.round(performance.now() - t0), detail: `workerd not listening after 30 s: ${tail(log)}` };
        try {
          await fetch(base, { signal: AbortSignal.timeout(1000) });
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      const q = `${base}?url=${encodeURIComponent(url)}${mode === 'fetch' ? '&ws=fetch' : ''}`;
      const left = TIMEOUT_MS - (performance.now() - t0);
      let res: any;
      try {
        const resp = await fetch(q, { signal: AbortSignal.timeout(Math.max(1000, Math.round(left))) });
        const text = await resp.text();
        try {
          res = JSON.parse(text);
        } catch {
          res = { ok: false, error: `HTTP ${resp.status}: ${text.slice(0, 500)}` };
        }
      } catch (e) {
        res = { ok: false, error: `request failed: ${(e as Error).message}; workerd log: ${tail(log)}` };
      }
      const ms = Math.round(performance.now() - t0);
      if (res?.ok) {
        const { logs: _l, ...r } = res;
        r.runtime = `workerd ${version(bin).replace(/^workerd\s*/, '')}, compat 2025-01-01, no nodejs_compat`;
        return { runtime: name, status: 'pass', ok: true, ms, smokeMs: r.ms, detail: describe(r), result: r };
      }
      return { runtime: name, status: 'fail', ok: false, ms, detail: `${res?.error ?? 'no result'}${log ? `; workerd log: ${tail(log)}` : ''}`, result: res };
    } finally {
      killGroup(child, 'SIGTERM');
      setTimeout(() => killGroup(child), 2000).unref();
    }
  };

const chromiumRunner: Runner = async (url) => {
  const exe = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(exe)) return unavailable('chromium', `${exe} missing (apt-get install -y chromium, or set CHROMIUM=)`);
  try {
    await import('playwright-core');
  } catch (e) {
    return unavailable('chromium', `playwright-core not installed: ${(e as Error).message}`);
  }
  return rowFromExec('chromium', await run(process.execPath, [join(EDGE, 'browser.mjs'), url]));
};

const RUNTIMES: [string, Runner][] = [
  ['node', node(false)],
  ['node --global-ws', node(true)],
  ['bun', bun],
  ['deno', deno],
  ['workerd', workerd('global')],
  ['workerd (fetch-upgrade)', workerd('fetch')],
  ['chromium', chromiumRunner],
];

// ---- main -------------------------------------------------------------------------------------

function printTable(rows: Row[]): void {
  const cols = ['runtime', 'status', 'ms', 'smoke ms', 'detail'];
  const data = rows.map((r) => [r.runtime, r.status, String(r.ms), r.smokeMs === undefined ? '' : String(r.smokeMs), r.detail.replace(/\s+/g, ' ')]);
  const w = cols.map((c, i) => Math.max(c.length, ...data.map((d) => (i === 4 ? 0 : d[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === 4 ? c : c.padEnd(w[i]!))).join('  ');
  console.log('\n' + line(cols));
  console.log(line(w.map((n, i) => '-'.repeat(i === 4 ? 6 : n))));
  for (const d of data) console.log(line(d));
  console.log();
}

async function main(): Promise<number> {
  const t0 = performance.now();
  ensureDist();
  const bundles = [await bundle('edge/worker.js', 'edge/workerd/worker.bundle.js'), await bundle('edge/browser/main.js', 'edge/browser/bundle.js')];
  for (const b of bundles) console.log(b);

  let chain: LocalChain | null = null;
  let url = process.env.EDGE_URL;
  if (!url) {
    const tc = performance.now();
    chain = await startLocalChain();
    url = chain.url;
    console.log(`chain ready at ${url} in ${Math.round(performance.now() - tc)} ms`);
  }
  const stopChain = () => chain?.stop();
  process.once('SIGINT', () => void Promise.resolve(stopChain()).finally(() => process.exit(130)));

  const rows: Row[] = [];
  try {
    for (const [name, runner] of RUNTIMES) {
      if (only && !only.has(name)) continue;
      process.stdout.write(`${name} … `);
      let row: Row;
      try {
        row = await runner(url);
      } catch (e) {
        row = { runtime: name, status: 'fail', ok: false, ms: 0, detail: `runner error: ${(e as Error).stack ?? e}` };
      }
      rows.push(row);
      console.log(`${row.status} (${row.ms} ms)`);
    }
  } finally {
    await stopChain();
  }

  printTable(rows);
  const failed = rows.filter((r) => r.status === 'fail' || (r.status === 'unavailable' && !allowMissing));
  const summary = {
    date: new Date().toISOString(),
    host: `node ${process.version} ${process.platform}-${process.arch}`,
    chain: url,
    bundles,
    totalMs: Math.round(performance.now() - t0),
    allowMissing,
    ok: failed.length === 0,
    results: rows,
  };
  writeFileSync(join(EDGE, 'results.json'), JSON.stringify(summary, null, 2) + '\n');
  console.log(`${rows.length - failed.length}/${rows.length} ok; wrote edge/results.json (${summary.totalMs} ms total)`);
  if (failed.length) console.log(`FAILED: ${failed.map((r) => r.runtime).join(', ')}`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
