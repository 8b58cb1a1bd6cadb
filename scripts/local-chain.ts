// Start a real Subtensor runtime on 127.0.0.1 with chopsticks, from the raonet raw chain spec, with
// Timestamp.Now pinned (chopsticks' genesis build otherwise races Aura's slot check) and //Alice,
// //Bob funded. Used by the integration tests (vitest globalSetup), the demo and the benchmarks.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CACHE_DIR, PROJECT_ROOT, fixturePath, fixtureSkipReason } from './fixtures.js';

export interface LocalChain {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

const TIMESTAMP_NOW = '0xf0c365c3cf59d671eb72da0e7a4113c49f1f0515f462cdcf84e0f1d6045dfcbb';

/** Path of the pinned-timestamp raonet spec, or null with a reason. */
export async function chainSpecPath(): Promise<string | null> {
  const pinned = await fixturePath('subtensor/raonet-pinned-timestamp.json').catch(() => null);
  if (pinned) return pinned;
  const raw = await fixturePath('subtensor/raonet.json');
  if (!raw) return null;
  const out = join(CACHE_DIR, 'subtensor', 'raonet-pinned-timestamp.json');
  if (!existsSync(out)) {
    const spec = JSON.parse(readFileSync(raw, 'utf8'));
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(1704067200000n);
    spec.genesis.raw.top[TIMESTAMP_NOW] = '0x' + b.toString('hex');
    mkdirSync(join(CACHE_DIR, 'subtensor'), { recursive: true });
    writeFileSync(out, JSON.stringify(spec));
  }
  return out;
}

export function chainSkipReason(): string {
  return `no Subtensor chain spec: ${fixtureSkipReason('subtensor/raonet.json')}`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Ask the node for its genesis header over a short-lived WebSocket; true when it answers. */
async function answers(url: string): Promise<boolean> {
  const WS: any = (globalThis as any).WebSocket ?? (await import('ws')).default;
  return new Promise((resolve) => {
    const ws = new WS(url);
    const done = (ok: boolean) => {
      clearTimeout(t);
      try {
        ws.close();
      } catch {}
      resolve(ok);
    };
    const t = setTimeout(() => done(false), 2000);
    ws.onopen = () => ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain_getBlockHash', params: [0] }));
    ws.onmessage = (m: any) => done(String(m.data).includes('"result"'));
    ws.onerror = () => done(false);
  });
}

export interface LocalChainOptions {
  port?: number;
  log?: boolean;
  timeoutMs?: number;
  /** raonet (spec 218, V14+V15, default) or testfinney (spec 103, V14 only). */
  chain?: 'raonet' | 'testfinney';
  /** Any other raw chain spec file (the dev accounts are imported as for raonet). */
  specPath?: string;
}

export async function startLocalChain(opts: LocalChainOptions = {}): Promise<LocalChain> {
  const testfinney = opts.chain === 'testfinney';
  const spec = opts.specPath ?? (testfinney ? await fixturePath('subtensor/raw_spec_testfinney.json') : await chainSpecPath());
  if (!spec) throw new Error(testfinney ? fixtureSkipReason('subtensor/raw_spec_testfinney.json') : chainSkipReason());
  const port = opts.port ?? (await freePort());
  const bin = join(PROJECT_ROOT, 'node_modules', '.bin', 'chopsticks');
  const child = spawn(
    bin,
    [
      '--chain-spec', spec, '--host', '127.0.0.1', '--port', String(port), '--build-block-mode', 'Instant',
      // testfinney's wasm imports a benchmarking host function chopsticks does not provide
      ...(testfinney ? ['--allow-unresolved-imports'] : ['--import-storage', join(PROJECT_ROOT, 'fixtures', 'dev-accounts.json')]),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' }, detached: false },
  );
  let output = '';
  const collect = (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
    if (opts.log) process.stderr.write(d);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const url = `ws://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let exited = false;
  child.on('exit', () => (exited = true));
  while (!(await answers(url))) {
    if (exited) throw new Error(`chopsticks exited before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`chopsticks did not answer on ${url} within ${opts.timeoutMs ?? 60_000} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
