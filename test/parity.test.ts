// docs/PARITY.md is generated from the Python method list and Subtensor's own prototype; this test
// fails when a method is added or removed without regenerating it (npx tsx scripts/parity.ts), and
// checks the table's arithmetic against the prototype directly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parityTable } from '../scripts/parity.js';
import { Subtensor } from '../src/subtensor/index.js';

const list = JSON.parse(readFileSync('scripts/parity/asyncsubtensor-10.2.json', 'utf8')) as { methods: { python: string; kind: string }[] };

describe('docs/PARITY.md', () => {
  it('is what scripts/parity.ts generates now', () => {
    expect(readFileSync('docs/PARITY.md', 'utf8')).toBe(parityTable());
  });

  it('lists all 197 public async methods of AsyncSubtensor 10.2, and a present row is a real method', () => {
    expect(list.methods).toHaveLength(197);
    expect(new Set(list.methods.map((m) => m.python)).size).toBe(197);
    const present = parityTable().split('\n').filter((l) => /^\| `[a-z_0-9]+` \| `[A-Za-z0-9]+` \| ✓ \|$/.test(l));
    for (const row of present) {
      const ours = /\| `([A-Za-z0-9]+)` \|/.exec(row.slice(row.indexOf('|', 2)))![1];
      expect(typeof (Subtensor.prototype as unknown as Record<string, unknown>)[ours]).toBe('function');
    }
    expect(present.length).toBeGreaterThan(40);
  });
});
