// Every fenced code block in README.md runs here, so the docs never show code that fails:
// - ```ts blocks are typechecked together (tsc, the project's options) and each is run with tsx
//   against the local chain, `BT_SUBTENSOR_CHAIN_ENDPOINT` pointing at it; `substrate-lite` imports
//   are mapped to src/.
// - ```sh lines that call `substrate-lite` run the CLI (src/cli.ts) against the same chain; `npm`
//   lines must name scripts that exist (.ci/run runs `npm ci`, `npm test` and `npm run demo`).
// A block in any other language fails the test: add a rule for it here.
// A block may encrypt a coldkey (argon2i at bittensor's SENSITIVE cost: ~20 s alone, more under load), hence the long timeout.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../scripts/fixtures.js';

const run = promisify(execFile);
const url = inject('chainUrl');
const README = join(PROJECT_ROOT, 'README.md');
const OUT = join(PROJECT_ROOT, '.cache', 'readme');

interface Block {
  lang: string;
  code: string;
  line: number;
}

export function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    while (++i < lines.length && !/^```\s*$/.test(lines[i])) body.push(lines[i]);
    if (i === lines.length) throw new Error(`README.md:${start + 1}: code block is never closed`);
    blocks.push({ lang: open[1], code: body.join('\n'), line: start + 1 });
  }
  return blocks;
}

/** `from 'substrate-lite'` / `'substrate-lite/x'` → the source entry, relative to the block file. */
function mapImports(code: string, dir: string): string {
  return code.replace(/from 'substrate-lite(\/[a-z/]+)?'/g, (_m, sub: string | undefined) => {
    const entry = join(PROJECT_ROOT, 'src', sub ? `${sub.slice(1)}/index.ts` : 'index.ts');
    return `from '${relative(dir, entry).replace(/\\/g, '/').replace(/\.ts$/, '.js')}'`;
  });
}

const blocks = fencedBlocks(readFileSync(README, 'utf8'));
const tsBlocks = blocks.filter((b) => b.lang === 'ts');
const shLines = blocks
  .filter((b) => b.lang === 'sh')
  .flatMap((b) => b.code.split('\n').map((text, k) => ({ text: text.replace(/\s+#.*$/, '').trim(), line: b.line + 1 + k })))
  .filter((l) => l.text);

describe('README code blocks', () => {
  it('every block has a language this test knows how to run', () => {
    expect(blocks.length).toBeGreaterThan(2);
    expect(blocks.filter((b) => !['ts', 'sh'].includes(b.lang)).map((b) => `README.md:${b.line} ${b.lang || '(none)'}`)).toEqual([]);
  });

  it('npm commands name scripts that exist', () => {
    const scripts = Object.keys(JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).scripts);
    const npm = shLines.flatMap((l) => l.text.split('&&').map((c) => c.trim())).filter((c) => c.startsWith('npm '));
    expect(npm.length).toBeGreaterThan(0);
    for (const cmd of npm) {
      const m = /^npm (?:run (\S+)|(test))\b/.exec(cmd);
      if (!m) {
        expect(cmd).toBe('npm ci');
        continue;
      }
      expect(scripts, cmd).toContain(m[1] ?? m[2]);
    }
  });

  it('ts blocks typecheck', async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const files = tsBlocks.map((b, k) => {
      const file = join(OUT, `block-${k + 1}-line-${b.line}.ts`);
      // `export {}` makes each block a module (top-level await, no shared globals between blocks)
      writeFileSync(file, `${mapImports(b.code, OUT)}\nexport {};\n`);
      return file;
    });
    const base = JSON.parse(readFileSync(join(PROJECT_ROOT, 'tsconfig.json'), 'utf8'));
    writeFileSync(
      join(OUT, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { ...base.compilerOptions, noEmit: true, noUnusedLocals: false, rootDir: PROJECT_ROOT }, files }),
    );
    const tsc = join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const res = await run(process.execPath, [tsc, '-p', join(OUT, 'tsconfig.json')], { cwd: PROJECT_ROOT }).catch((e) => e);
    expect(`${res.stdout ?? ''}${res.stderr ?? ''}`).toBe('');
  }, 120_000);

  describe.skipIf(!url)('against the local chain', () => {
    const env = { ...process.env, BT_SUBTENSOR_CHAIN_ENDPOINT: url, BT_SUBTENSOR_NETWORK: '' };

    it.each(tsBlocks.map((b, k) => [b.line, k] as const))('ts block at README.md:%i runs', async (line, k) => {
      const file = join(OUT, `run-${k + 1}-line-${line}.ts`);
      mkdirSync(OUT, { recursive: true });
      writeFileSync(file, `${mapImports(tsBlocks[k].code, OUT)}\nexport {};\n`);
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', file], { cwd: PROJECT_ROOT, env, timeout: 240_000 });
      expect(stderr).toBe('');
      expect(stdout.trim().length).toBeGreaterThan(0);
    }, 250_000);

    it('CLI lines run and print their result', async () => {
      const cli = shLines.filter((l) => l.text.startsWith('substrate-lite '));
      expect(cli.length).toBeGreaterThan(0);
      for (const { text, line } of cli) {
        const args = text.split(/\s+/).slice(1);
        const { stdout } = await run(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'cli.ts'), ...args], { cwd: PROJECT_ROOT, env, timeout: 90_000 });
        expect(stdout.trim().length, `README.md:${line}`).toBeGreaterThan(0);
        if (args.includes('--json')) expect(() => JSON.parse(stdout), `README.md:${line}`).not.toThrow();
      }
    }, 200_000);
  });
});
