// Regression guard for the browser bundle size (README, benchmarks/bundle.bench.ts): the benchmark's
// tiny program (connect, read System.Account, call Core.version) built as the benchmark builds it —
// esbuild --bundle --minify --format=esm --platform=browser, target es2022 — then gzip -9. Not timed:
// one in-memory build (~0.2 s). On failure the message lists where the bytes go.
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { TARGET_GZIP } from '../benchmarks/bundle.bench.js';
import { ALICE, BENCH_DIR } from '../benchmarks/util.js';

// Where the bundle stands until it is back within TARGET_GZIP: a ratchet, lowered with every
// saving, so nothing merged can make it worse. Reset after the issue-15 merge (33,287 B) and the
// substrate pass that followed: measured 32,375 B on 2026-11-29; then +369 B for persisting
// finalised block number → hash (issue 15 §1): 32,744 B. The margin absorbs esbuild version drift,
// not new code.
const CEILING_GZIP = 32_850;

interface Measured {
  gzip: number;
  min: number;
  top: string;
  hasWs: boolean;
}

let measured: Promise<Measured> | undefined;

function measure(): Promise<Measured> {
  measured ??= (async () => {
    const r = await build({
      stdin: {
        contents:
          "import { connect } from './adapters/substrate-lite.ts';\n" +
          "const c = await connect(globalThis.RPC_URL ?? 'ws://127.0.0.1:9944');\n" +
          `console.log(await c.account('${ALICE}'), await c.version());\nawait c.close();\n`,
        resolveDir: BENCH_DIR,
        sourcefile: 'size-substrate-lite.ts',
        loader: 'ts',
      },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      external: ['bufferutil', 'utf-8-validate'],
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    const out = r.outputFiles[0]!.contents;
    const inputs = Object.values((r.metafile as Metafile).outputs)[0]!.inputs;
    const top = Object.entries(inputs)
      .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
      .slice(0, 12)
      .map(([file, v]) => `  ${String(v.bytesInOutput).padStart(6)} ${file}`)
      .join('\n');
    return {
      gzip: gzipSync(out, { level: 9 }).length,
      min: out.length,
      top,
      hasWs: Object.keys(inputs).some((i) => /(^|\/)node_modules\/ws\//.test(i)),
    };
  })();
  return measured;
}

const report = (m: Measured, limit: number) =>
  `browser bundle is ${m.gzip} B gzip (${m.min} B minified), limit ${limit} B; largest inputs (minified bytes):\n${m.top}`;

describe('browser bundle size', () => {
  it('does not pull in ws', async () => {
    expect((await measure()).hasWs).toBe(false);
  });

  it(`stays at or below the ratchet (${CEILING_GZIP} B gzip)`, async () => {
    const m = await measure();
    expect(m.gzip <= CEILING_GZIP, report(m, CEILING_GZIP)).toBe(true);
  });

  // The file store (node:fs) is chosen at build time: package.json `imports` maps
  // `#src/default-store` to default-store-web.ts for browsers, so only a Node build carries
  // metadata-cache-node.ts.
  it('keeps the file metadata store out of browser builds only', async () => {
    const carries = async (platform: 'browser' | 'node') => {
      const r = await build({
        stdin: { contents: "import { defaultMetadataStore } from '../src/substrate/metadata-cache.ts';\nconsole.log(defaultMetadataStore());\n", resolveDir: BENCH_DIR, loader: 'ts' },
        bundle: true, format: 'esm', platform, metafile: true, write: false, logLevel: 'silent',
      });
      const out = Object.values((r.metafile as Metafile).outputs)[0]!.inputs;
      return (out['src/substrate/metadata-cache-node.ts']?.bytesInOutput ?? 0) > 0;
    };
    expect(await carries('browser')).toBe(false);
    expect(await carries('node')).toBe(true);
  });

  // Expected to fail while the bundle is over the promise. When this starts "passing unexpectedly",
  // the bundle is within TARGET_GZIP: make this a plain `it` and drop CEILING_GZIP.
  it.fails(`is within the promised ${TARGET_GZIP} B gzip`, async () => {
    const m = await measure();
    expect(m.gzip <= TARGET_GZIP, report(m, TARGET_GZIP)).toBe(true);
  });
});
