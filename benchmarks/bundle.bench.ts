// 5. Bundle size and cold import time.
//   Size: esbuild --bundle --minify --format=esm of a tiny program per library (connect, read
//   System.Account, call Core.version), platform=browser and platform=node; minified bytes and
//   gzip -9 bytes. Our browser bundle must not pull in `ws` (checked in esbuild's metafile) and
//   should be ≤ 25 KiB gzipped.
//   Import: median of 20 fresh `node --input-type=module -e "await import(...)"` processes per
//   library, timing the import inside the process (and the whole process wall time).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { LIBS, type Lib } from './adapters/types.js';
import { oursPackage, sizeBundle } from './build.js';
import { errText, median, round, runJsonChild, type BenchContext, type BenchResult } from './util.js';

export const TARGET_GZIP = 25 * 1024;
const IMPORT_RUNS = 20;

async function importSpecs(): Promise<Record<Lib, string[]>> {
  return {
    'substrate-lite': [pathToFileURL(await oursPackage()).href],
    'polkadot.js': ['@polkadot/api'],
    papi: ['polkadot-api', 'polkadot-api/ws'],
    dedot: ['dedot'],
  };
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const sizes: Record<string, unknown> = {};
  let oursWs: string[] = [];
  let oursTop: { input: string; bytes: number }[] = [];
  for (const lib of LIBS) {
    const row: Record<string, unknown> = {};
    for (const platform of ['browser', 'node'] as const) {
      try {
        const b = await sizeBundle(lib, platform);
        const gz = gzipSync(readFileSync(b.file), { level: 9 }).length;
        row[platform] = { minBytes: b.minBytes, gzipBytes: gz, modules: b.inputs.length };
        if (lib === 'substrate-lite' && platform === 'browser') oursWs = b.inputs.filter((i) => /(^|\/)node_modules\/ws\//.test(i));
      } catch (e) {
        row[platform] = { error: errText(e) };
      }
    }
    sizes[lib] = row;
  }
  // Largest inputs of our browser bundle (where the bytes go).
  try {
    const { build } = await import('esbuild');
    const { BENCH_DIR } = await import('./util.js');
    const r = await build({
      stdin: { contents: `import { connect } from './adapters/substrate-lite.ts'; const c = await connect('ws://x'); console.log(await c.account('x'), await c.version());`, resolveDir: BENCH_DIR, loader: 'ts' },
      bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, metafile: true, logLevel: 'silent',
    });
    const out = Object.values(r.metafile!.outputs)[0];
    oursTop = Object.entries(out.inputs).map(([input, v]) => ({ input, bytes: v.bytesInOutput })).sort((a, b) => b.bytes - a.bytes).slice(0, 8);
  } catch {}
  const oursBrowser = (sizes['substrate-lite'] as any)?.browser;

  const imports: Record<string, unknown> = {};
  const specs = await importSpecs();
  const code = (s: string[]) =>
    `const t=performance.now();${s.map((x) => `await import(${JSON.stringify(x)});`).join('')}` +
    `console.log(JSON.stringify({importMs:performance.now()-t,sinceStart:performance.now()}));process.exit(0)`;
  // Bare node, as the floor for the wall time.
  const bareWall: number[] = [];
  for (let i = 0; i < 5; i++) bareWall.push((await runJsonChild(['--input-type=module', '-e', 'console.log("{}")']))._wallMs);
  for (const lib of LIBS) {
    ctx.log(`bundle: import ${lib}`);
    try {
      await runJsonChild(['--input-type=module', '-e', code(specs[lib])]); // warm the disk cache
      const ims: number[] = [], walls: number[] = [];
      for (let i = 0; i < IMPORT_RUNS; i++) {
        const r = await runJsonChild<{ importMs: number }>(['--input-type=module', '-e', code(specs[lib])]);
        ims.push(r.importMs);
        walls.push(r._wallMs);
      }
      imports[lib] = { importMs: round(median(ims), 1), wallMs: round(median(walls), 1), specifiers: specs[lib].map((s) => s.replace(/^file:.*\/benchmarks\//, 'benchmarks/')) };
    } catch (e) {
      imports[lib] = { error: errText(e) };
    }
  }
  return {
    name: 'bundle',
    ok: true,
    sizes,
    ours: {
      browserWsModules: oursWs,
      browserHasNoWs: oursWs.length === 0,
      browserGzipBytes: oursBrowser?.gzipBytes,
      targetGzipBytes: TARGET_GZIP,
      withinTarget: typeof oursBrowser?.gzipBytes === 'number' ? oursBrowser.gzipBytes <= TARGET_GZIP : null,
      largestBrowserInputs: oursTop,
    },
    importRuns: IMPORT_RUNS,
    bareNodeWallMs: round(median(bareWall), 1),
    imports,
  };
}
