// esbuild builds used by the benchmarks (outputs in benchmarks/.build/, recreated every run):
//   driver-<lib>.mjs       driver.ts + the library's adapter, platform=node (cold start, workload, memory)
//   size-<lib>-<platform>  the "tiny program" (connect, System.Account, Core.version), minified
//   pkg-substrate-lite     src/substrate/index.ts with packages external: our stand-in for the
//                          published dist (peers are imported from their published node_modules builds)
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { LIBS, type Lib } from './adapters/types.js';
import { ALICE, BENCH_DIR, BUILD_DIR, ROOT } from './util.js';

const NODE_BANNER = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";
// ws's optional native add-ons: loaded in try/catch by ws, absent here.
const WS_OPTIONAL = ['bufferutil', 'utf-8-validate'];

const driverPaths = new Map<Lib, Promise<string>>();

/** Bundle driver.ts with one library's adapter (cached for the run). */
export function driverBundle(lib: Lib): Promise<string> {
  let p = driverPaths.get(lib);
  if (!p) {
    p = (async () => {
      mkdirSync(BUILD_DIR, { recursive: true });
      const outfile = join(BUILD_DIR, `driver-${lib}.mjs`);
      const ws = lib === 'papi' ? "import { WebSocket } from 'ws';\n" : '';
      await build({
        stdin: {
          contents: `${ws}import { connect } from './adapters/${lib}.ts';\nimport { main } from './driver.ts';\nawait main(connect${lib === 'papi' ? ', { WebSocket }' : ''});\n`,
          resolveDir: BENCH_DIR,
          sourcefile: `driver-${lib}.ts`,
          loader: 'ts',
        },
        outfile,
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        banner: { js: NODE_BANNER },
        external: WS_OPTIONAL,
        logLevel: 'error',
      });
      return outfile;
    })();
    driverPaths.set(lib, p);
  }
  return p;
}

export interface SizeBuild {
  file: string;
  minBytes: number;
  inputs: string[];
}

/** The tiny program for `lib` on `platform`, minified. */
export async function sizeBundle(lib: Lib, platform: 'browser' | 'node'): Promise<SizeBuild> {
  mkdirSync(BUILD_DIR, { recursive: true });
  const outfile = join(BUILD_DIR, `size-${lib}-${platform}.mjs`);
  // papi's ws provider needs a WebSocket class on Node 20 (no global one); browsers have it.
  const ws = lib === 'papi' && platform === 'node';
  const contents =
    (ws ? "import { WebSocket } from 'ws';\n" : '') +
    `import { connect } from './adapters/${lib}.ts';\n` +
    `const c = await connect(globalThis.RPC_URL ?? 'ws://127.0.0.1:9944'${ws ? ', { WebSocket }' : ''});\n` +
    `console.log(await c.account('${ALICE}'), await c.version());\n` +
    'await c.close();\n';
  const r = await build({
    stdin: { contents, resolveDir: BENCH_DIR, sourcefile: `size-${lib}.ts`, loader: 'ts' },
    outfile,
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    target: platform === 'node' ? 'node20' : 'es2022',
    banner: platform === 'node' ? { js: NODE_BANNER } : undefined,
    external: WS_OPTIONAL,
    metafile: true,
    logLevel: 'error',
  });
  const out = Object.values((r.metafile as Metafile).outputs)[0];
  return { file: outfile, minBytes: out.bytes, inputs: Object.keys((r.metafile as Metafile).inputs) };
}

/** Our package entry as one ESM file with dependencies external (what `import 'substrate-lite'` loads). */
export async function oursPackage(): Promise<string> {
  const outfile = join(BUILD_DIR, 'pkg-substrate-lite', 'index.mjs');
  await build({
    entryPoints: [join(ROOT, 'src', 'substrate', 'index.ts')],
    outfile,
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    logLevel: 'error',
  });
  return outfile;
}

export { LIBS };
