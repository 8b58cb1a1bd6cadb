// Issue 10 point 1: rejecting a malformed value must cost at most a constant factor of decoding
// it, at any nesting depth. A RuntimeCall of Utility.batch nested 4, 16 and 32 deep (finney
// metadata), cut by one byte or corrupted by the structured fuzzer, is rejected with DecodeError
// and the exact type path; the time per reject, divided by the input length, must not grow with
// depth. Before the fix it doubled per level (depth 16: 940 ms; depth 32 would take ~17 hours).
// Runs in the timing suite (one file at a time); the bounds are still generous for a shared VM.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DecodeError, createRegistry, decode, decodeMetadata, encode, type Codec, type Metadata } from '../../src/scale/index.js';
import { readHexFixture } from '../../scripts/fixtures.js';
import { corrupted, typeArbitraries } from '../helpers/scale-arbitrary.js';

const DEPTHS = [4, 16, 32] as const;
/** Allowed growth of (time per reject / input bytes) from depth 4 to 16 and 32: linear is ~1. */
const MAX_PER_BYTE_GROWTH = 6;
const MAX_MS_PER_REJECT = 5;

let md: Metadata | null = null;
let call: Codec<unknown>;
beforeAll(async () => {
  const hex = await readHexFixture('finney/metadata-v15-option.hex');
  if (!hex) return;
  md = decodeMetadata(hex);
  call = createRegistry(md).codec(md.outerEnums!.call);
});

const leaf = { type: 'System', value: { type: 'remark', value: { remark: new Uint8Array([1, 2, 3]) } } };
function nested(depth: number, inner: unknown = leaf): unknown {
  let v = inner;
  for (let i = 0; i < depth; i++) v = { type: 'Utility', value: { type: 'batch', value: { calls: [v] } } };
  return v;
}

/** Median over `batches` of the mean time of decoding each input once; a decode may only throw DecodeError. */
function msPerDecode(inputs: Uint8Array[], batches = 9): number {
  const times: number[] = [];
  for (let b = 0; b < batches + 2; b++) {
    const t = performance.now();
    for (const bytes of inputs) {
      try {
        decode(call, bytes);
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
      }
    }
    if (b >= 2) times.push((performance.now() - t) / inputs.length);
  }
  return times.sort((x, y) => x - y)[times.length >> 1];
}

function expectLinear(label: string, perByte: Record<number, number>, perReject: Record<number, number>): void {
  const info = `${label}: ms/reject ${JSON.stringify(perReject)}, ms/byte ${JSON.stringify(perByte)}`;
  for (const d of DEPTHS) {
    expect(perReject[d], info).toBeLessThan(MAX_MS_PER_REJECT);
    // a floor of 1 µs/byte keeps timer resolution out of the ratio
    expect(perByte[d] / Math.max(perByte[4], 0.001), info).toBeLessThan(MAX_PER_BYTE_GROWTH);
  }
}

describe('rejecting malformed nested calls is linear in depth', () => {
  it('Utility.batch nested 4/16/32 deep, cut by one byte: DecodeError with the exact path, time per byte flat', (ctx) => {
    if (!md) return ctx.skip('finney metadata unavailable');
    const perByte: Record<number, number> = {};
    const perReject: Record<number, number> = {};
    const overSuccess: Record<number, number> = {};
    for (const d of DEPTHS) {
      const valid = encode(call, nested(d));
      const cut = valid.subarray(0, valid.length - 1);
      let err: unknown;
      try {
        decode(call, cut);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DecodeError);
      expect((err as DecodeError).typePath).toBe('Utility.batch.calls.[0].'.repeat(d) + 'System.remark.remark');
      perReject[d] = msPerDecode(Array.from({ length: 200 }, () => cut));
      perByte[d] = perReject[d] / cut.length;
      // the success path on the valid bytes, for the error/success cost ratio
      overSuccess[d] = perReject[d] / Math.max(msPerDecode(Array.from({ length: 2000 }, () => valid)), 1e-4);
    }
    expectLinear('cut by one byte', perByte, perReject);
    // Rejecting costs a constant factor of decoding (~25x here: one Error and its stack trace); the
    // factor must not grow with depth. Before the fix it was ~100x at depth 4 and ~4,700x at depth 12.
    for (const d of DEPTHS) expect(overSuccess[d], JSON.stringify(overSuccess)).toBeLessThan(8 * Math.max(overSuccess[4], 25));
  });

  it('fuzzed: random leaf calls nested 4/16/32 deep, corrupted (cut/flip/extend/inflate): time per byte flat', (ctx) => {
    if (!md) return ctx.skip('finney metadata unavailable');
    const leaves = typeArbitraries(md).of(md.outerEnums!.call, 1);
    const perByte: Record<number, number> = {};
    const perReject: Record<number, number> = {};
    for (const d of DEPTHS) {
      const cases = fc.sample(
        leaves.chain((l) => corrupted(encode(call, nested(d, l)))),
        { seed: 20261129 + d, numRuns: 150 },
      );
      const inputs = cases.map((x) => x.bytes);
      perReject[d] = msPerDecode(inputs);
      perByte[d] = perReject[d] / (inputs.reduce((n, b) => n + b.length, 0) / inputs.length);
    }
    expectLinear('fuzzed', perByte, perReject);
  });
});
