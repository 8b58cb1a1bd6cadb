// Structured fuzz (issue 10): VALID values of real finney and polkadot types — nested calls, events,
// Vec of structs, Options, enums — generated from the metadata, encoded, checked to round-trip, then
// corrupted (cut, bit flip, extended, a compact prefix inflated). Every corrupted input must decode
// or fail with DecodeError, nothing else, within a per-decode time bound and a heap bound. The
// nesting-depth comparison (4/16/32) lives in nesting.timing.test.ts, which runs without peers.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DecodeError, createRegistry, decode, decodeMetadata, encode, type Codec, type Registry } from '../../src/scale/index.js';
import { corrupted, typeArbitraries, type TypeArbitraries } from '../helpers/scale-arbitrary.js';
import { loadMetadataFixtures } from '../helpers/metadata-fixtures.js';

const SEED = 20261129;
/** Generous: a corrupted value of these sizes is rejected in ~0.01–0.2 ms on this VM. */
const MEAN_MS_PER_DECODE = 5;
const MAX_MS_PER_DECODE = 500;
/** Heap growth allowed over a whole target's run (the decoders allocate in proportion to input). */
const HEAP_GROWTH_MB = 128;

interface Target {
  label: string;
  id: number;
  depth: number;
}

interface Chain {
  name: string;
  reg: Registry;
  arbs: TypeArbitraries;
  targets: Target[];
}

const chains: Chain[] = [];
beforeAll(async () => {
  for (const f of await loadMetadataFixtures()) {
    if (!f.bytes || (f.name !== 'finney-v15' && f.name !== 'polkadot-v15')) continue;
    const md = decodeMetadata(f.bytes);
    const reg = createRegistry(md, { ss58Prefix: f.ss58 });
    const targets: Target[] = [
      { label: 'RuntimeCall', id: md.outerEnums!.call, depth: 3 },
      { label: 'RuntimeEvent', id: md.outerEnums!.event, depth: 2 },
      { label: 'System.Account', id: reg.storageEntry('System', 'Account').entry.valueType, depth: 2 },
    ];
    if (f.name === 'finney-v15') {
      targets.push({ label: 'NeuronInfoRuntimeApi.get_neurons_lite (Vec of structs)', id: reg.runtimeApi('NeuronInfoRuntimeApi', 'get_neurons_lite').output, depth: 2 });
    }
    chains.push({ name: f.name, reg, arbs: typeArbitraries(md), targets });
  }
});

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function fuzz(codec: Codec<unknown>, values: fc.Arbitrary<unknown>, runs: number, label: string) {
  const stats = { decodes: 0, rejected: 0, totalMs: 0, maxMs: 0, peakHeapMB: 0 };
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const prop = fc.property(
    values.chain((v) => {
      const valid = encode(codec, v);
      return fc.tuple(fc.constant(valid), fc.array(corrupted(valid), { minLength: 4, maxLength: 4 }));
    }),
    ([valid, bad]) => {
      // the generator is right: the valid value decodes and re-encodes byte-exact
      expect(encode(codec, decode(codec, valid))).toEqual(valid);
      for (const { how, bytes } of bad) {
        const t = performance.now();
        try {
          decode(codec, bytes);
        } catch (e) {
          if (!(e instanceof DecodeError)) throw new Error(`${label}, ${how}: ${String(e)}`);
          stats.rejected++;
        }
        const ms = performance.now() - t;
        stats.decodes++;
        stats.totalMs += ms;
        stats.maxMs = Math.max(stats.maxMs, ms);
      }
      stats.peakHeapMB = Math.max(stats.peakHeapMB, (process.memoryUsage().heapUsed - heap0) / 2 ** 20);
    },
  );
  fc.assert(prop, { seed: SEED, numRuns: runs });
  return stats;
}

describe('structured fuzz: valid values of real types, corrupted', () => {
  it('RuntimeCall, RuntimeEvent, AccountInfo and neuronsLite: only DecodeError, bounded time and heap', (ctx) => {
    if (chains.length === 0) return ctx.skip('metadata fixtures unavailable');
    let decodes = 0;
    for (const chain of chains) {
      for (const t of chain.targets) {
        const s = fuzz(chain.reg.codec(t.id), chain.arbs.of(t.id, t.depth), 60, `${chain.name} ${t.label}`);
        const where = `${chain.name} ${t.label}: ${JSON.stringify(s)}`;
        expect(s.rejected, where).toBeGreaterThan(s.decodes / 2); // corruption mostly breaks the value
        expect(s.totalMs / s.decodes, where).toBeLessThan(MEAN_MS_PER_DECODE);
        expect(s.maxMs, where).toBeLessThan(MAX_MS_PER_DECODE);
        expect(s.peakHeapMB, where).toBeLessThan(HEAP_GROWTH_MB);
        decodes += s.decodes;
      }
    }
    expect(decodes).toBeGreaterThanOrEqual(chains.length * 3 * 60 * 4);
  });

  it('a sample of 30 other type ids per chain (Options, Vecs, enums, tuples): only DecodeError', (ctx) => {
    if (chains.length === 0) return ctx.skip('metadata fixtures unavailable');
    for (const chain of chains) {
      const ids = chain.reg.metadata.types.map((t) => t.id).filter((id) => chain.arbs.inhabited(id));
      const sample = fc.sample(fc.shuffledSubarray(ids, { minLength: 30, maxLength: 30 }), { seed: SEED, numRuns: 1 })[0];
      const kinds = new Set(sample.map((id) => chain.arbs.classOf(id).tag));
      for (const id of sample) {
        const s = fuzz(chain.reg.codec(id), chain.arbs.of(id, 2), 10, `${chain.name} #${id} ${chain.reg.typeName(id)}`);
        expect(s.totalMs / s.decodes).toBeLessThan(MEAN_MS_PER_DECODE);
        expect(s.peakHeapMB).toBeLessThan(HEAP_GROWTH_MB);
      }
      expect(kinds.size, [...kinds].join(', ')).toBeGreaterThanOrEqual(5);
    }
  });
});
