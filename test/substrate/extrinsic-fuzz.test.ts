// Structured fuzz of the extrinsic layer (seeded, so a failure reproduces): signed extrinsics with
// bytes flipped, cut short or grown are decoded and submitted to an in-memory node whose pool
// accepts, refuses or sits on them. Decoding either succeeds or throws DecodeError; submission
// resolves or rejects with one of the library's typed errors — never another error, never a hang.
import { describe, expect, it } from 'vitest';
import { SubstrateLiteError } from '../../src/errors.js';
import { DecodeError, toHex as toHexString } from '../../src/scale/index.js';
import { composeCall, createSignedExtrinsic, decodeExtrinsic, devSigner, submitExtrinsic } from '../../src/substrate/index.js';
import { memoryChain, type Override } from '../helpers/memory-chain.js';
import { randomBytes, rng } from '../helpers/random.js';

function mutate(next: () => number, bytes: Uint8Array): Uint8Array {
  const kind = Math.floor(next() * 4);
  if (kind === 0) return bytes.subarray(0, Math.floor(next() * bytes.length));
  if (kind === 1) return new Uint8Array([...bytes, ...randomBytes(next, 1 + Math.floor(next() * 8))]);
  const out = new Uint8Array(bytes);
  const flips = 1 + Math.floor(next() * 4);
  for (let i = 0; i < flips; i++) out[Math.floor(next() * out.length)] ^= 1 << Math.floor(next() * 8);
  return out;
}

describe('signed extrinsics, mutated: typed outcomes only', () => {
  it('decodeExtrinsic: 400 mutations either decode or throw DecodeError', async (ctx) => {
    const c = await memoryChain();
    if ('skip' in c) return ctx.skip(c.skip);
    const rt = await c.client.runtime();
    const call = composeCall(rt.registry, 'System', 'remark', { remark: '0x0102' });
    const good = await createSignedExtrinsic(c.client, call, devSigner('Fuzz'), { nonce: 3 });
    const next = rng(0x5eed);
    let decoded = 0;
    for (let i = 0; i < 400; i++) {
      const bytes = mutate(next, Buffer.from(good.slice(2), 'hex'));
      try {
        decodeExtrinsic(rt.registry, bytes);
        decoded++;
      } catch (e) {
        if (!(e instanceof DecodeError)) throw new Error(`case ${i} (${toHexString(bytes)}): ${(e as Error).name}: ${(e as Error).message}`);
      }
    }
    expect(decoded).toBeLessThan(400); // the mutations do break things
    await c.client.close();
  });

  it('submitExtrinsic: 60 mutations against a pool that accepts, refuses or stalls, with a deadline', async (ctx) => {
    const next = rng(0xbad);
    let verdict = 0;
    const override: Override = (method, _p, notify) => {
      if (method === 'author_submitAndWatchExtrinsic') {
        const v = verdict++ % 3;
        if (v === 1) throw { code: 1010, message: 'Invalid Transaction', data: 'Transaction has a bad signature' };
        if (v === 0) setTimeout(() => notify('w', 'author_extrinsicUpdate', 'invalid'), 2);
        return 'w'; // v === 2: never a verdict
      }
      if (method === 'author_unwatchExtrinsic' || method === 'chain_unsubscribeNewHeads') return true;
      if (method === 'chain_subscribeNewHeads') return 'h';
      return undefined;
    };
    const c = await memoryChain(override);
    if ('skip' in c) return ctx.skip(c.skip);
    const rt = await c.client.runtime();
    const good = await createSignedExtrinsic(c.client, composeCall(rt.registry, 'System', 'remark', { remark: '0x01' }), devSigner('Fuzz2'), { nonce: 0, era: 0 });
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 60; i++) {
      const hex = toHexString(mutate(next, Buffer.from(good.slice(2), 'hex')));
      const r = await submitExtrinsic(c.client, hex, { timeoutMs: 50 }).then(() => 'resolved', (e: unknown) => {
        if (!(e instanceof SubstrateLiteError)) throw new Error(`case ${i} (${hex}): untyped ${(e as Error).name}: ${(e as Error).message}`);
        return `${e.name}:${(e as { status?: string }).status ?? ''}`;
      });
      outcomes.set(r, (outcomes.get(r) ?? 0) + 1);
    }
    expect([...outcomes.keys()].sort()).toEqual(['ExtrinsicError:invalid', 'ExtrinsicError:timeout']);
    await c.client.close();
  }, 30_000);
});
