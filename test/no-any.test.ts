// `any` stays at the wire boundary: typed results flow from metadata everywhere else (issue 12).
// Scans the code of src/ (comments and strings removed, so prose that says "any" does not count);
// the generated chain types in src/chains are checked by test/typegen instead.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../scripts/fixtures.js';

const SRC = join(PROJECT_ROOT, 'src');

/** Where `any` is allowed, and why. */
const BOUNDARY: Record<string, string> = {
  // WebSocket event parameters: browsers, ws, Bun, Deno and workerd each type their events differently
  'rpc/ws-socket.ts': 'WebSocketLike event handlers',
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'chains' ? [] : files(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** Code without comments and string/template literals (good enough for our own sources). */
function codeOf(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
    .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, '""');
}

describe('no any above the wire', () => {
  it('src uses `any` only at the listed boundary', () => {
    const found: string[] = [];
    for (const f of files(SRC)) {
      const rel = relative(SRC, f).replace(/\\/g, '/');
      if (BOUNDARY[rel]) continue;
      codeOf(readFileSync(f, 'utf8')).split('\n').forEach((line, i) => {
        if (/\bany\b/.test(line)) found.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });

  it('the boundary files still need it (the list does not go stale)', () => {
    for (const rel of Object.keys(BOUNDARY)) expect(codeOf(readFileSync(join(SRC, rel), 'utf8'))).toMatch(/\bany\b/);
  });
});
