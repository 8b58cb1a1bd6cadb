// submitExtrinsic against a node that misbehaves on purpose (in-memory, devnet-381 metadata): every
// pool verdict becomes a typed ExtrinsicError naming it, a mortal transaction the node just sits on
// rejects as 'era-expired' once the heads pass its era, timeouts and aborts end the watch and
// unsubscribe, a refusal makes the signer's nonce resync, junk statuses are ignored. Nothing hangs.
import { describe, expect, it } from 'vitest';
import { ExtrinsicError, composeCall, createSignedExtrinsic, devSigner, submitExtrinsic } from '../../src/substrate/index.js';
import { memoryChain, type MemoryChain, type Override } from '../helpers/memory-chain.js';

const header = (n: number) => ({ parentHash: `0x${'33'.repeat(32)}`, number: `0x${n.toString(16)}`, stateRoot: `0x${'44'.repeat(32)}`, extrinsicsRoot: `0x${'55'.repeat(32)}`, digest: { logs: [] } });

/** A chain whose extrinsic watch plays `statuses`, whose heads subscription plays `heads`, and whose submit may throw. */
async function node(statuses: unknown[], opts: { heads?: number[]; refuse?: { code: number; message: string; data?: unknown } } = {}): Promise<MemoryChain | null> {
  const override: Override = (method, _params, notify) => {
    if (method === 'author_submitAndWatchExtrinsic') {
      if (opts.refuse) throw opts.refuse;
      statuses.forEach((s, i) => setTimeout(() => notify('w1', 'author_extrinsicUpdate', s), 5 + i * 5));
      return 'w1';
    }
    if (method === 'chain_subscribeNewHeads') {
      (opts.heads ?? []).forEach((n, i) => setTimeout(() => notify('h1', 'chain_newHead', header(n)), 30 + i * 10));
      return 'h1';
    }
    if (method === 'author_unwatchExtrinsic' || method === 'chain_unsubscribeNewHeads') return true;
    if (method === 'system_accountNextIndex') return 7;
    return undefined;
  };
  const c = await memoryChain(override);
  return 'skip' in c ? null : c;
}

async function signed(chain: MemoryChain, opts: { era?: number; nonce?: number } = {}): Promise<string> {
  const rt = await chain.client.runtime();
  const call = composeCall(rt.registry, 'System', 'remark', { remark: '0x01' });
  return createSignedExtrinsic(chain.client, call, devSigner('Alice'), opts);
}

const outcome = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as ExtrinsicError);

describe('submitExtrinsic against a hostile node', () => {
  const verdicts: [unknown[], 'inclusion' | 'finalization', string][] = [
    [['ready', 'dropped'], 'inclusion', 'dropped'],
    [[{ broadcast: ['x'] }, { usurped: `0x${'aa'.repeat(32)}` }], 'inclusion', 'usurped'],
    [['usurped'], 'inclusion', 'usurped'],
    [[{ invalid: { future: null } }], 'inclusion', 'invalid'],
    [['invalid'], 'finalization', 'invalid'],
    [[{ inBlock: `0x${'bb'.repeat(32)}` }, { finalityTimeout: `0x${'bb'.repeat(32)}` }], 'finalization', 'finality-timeout'],
    // junk first: numbers, arrays, null, unknown keys are not verdicts
    [[5, [1], null, { nonsense: 1 }, 'dropped'], 'inclusion', 'dropped'],
  ];
  for (const [statuses, waitFor, status] of verdicts) {
    it(`${JSON.stringify(statuses).slice(0, 60)} → ExtrinsicError '${status}'`, async (ctx) => {
      const chain = await node(statuses);
      if (!chain) return ctx.skip('devnet-381 metadata fixture missing');
      const err = await outcome(submitExtrinsic(chain.client, await signed(chain), { waitFor }));
      expect(err).toBeInstanceOf(ExtrinsicError);
      expect(err!.status).toBe(status);
      await chain.client.close();
    });
  }

  it('a mortal transaction the node sits on rejects as era-expired when the heads pass its era', async (ctx) => {
    // anchored at block 16 with a 4-block era: valid for 16..19, dead from block 20
    const chain = await node(['ready'], { heads: [17, 18, 19, 20, 21] });
    if (!chain) return ctx.skip('devnet-381 metadata fixture missing');
    const err = await outcome(submitExtrinsic(chain.client, await signed(chain, { era: 4 })));
    expect(err!.status).toBe('era-expired');
    expect(err!.message).toMatch(/ended at block 20/);
    expect(chain.sent.map((s) => s.method)).toContain('author_unwatchExtrinsic');
    await chain.client.close();
  });

  it('an immortal one the node sits on ends at timeoutMs, and an abort ends it too; both unsubscribe', async (ctx) => {
    const chain = await node(['ready']);
    if (!chain) return ctx.skip('devnet-381 metadata fixture missing');
    const hex = await signed(chain, { era: 0 });
    const t = await outcome(submitExtrinsic(chain.client, hex, { timeoutMs: 150 }));
    expect(t!.status).toBe('timeout');
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const a = await outcome(submitExtrinsic(chain.client, await signed(chain, { era: 0, nonce: 9 }), { signal: ac.signal }));
    expect((a as Error).name).toBe('AbortError');
    await new Promise((r) => setTimeout(r, 20));
    expect(chain.sent.filter((s) => s.method === 'author_unwatchExtrinsic').length).toBe(2);
    await chain.client.close();
  });

  it('the client closed while the node sits on an immortal one: a typed rejection, not a hang', async (ctx) => {
    const chain = await node(['ready']);
    if (!chain) return ctx.skip('devnet-381 metadata fixture missing');
    const pending = outcome(submitExtrinsic(chain.client, await signed(chain, { era: 0 })));
    await new Promise((r) => setTimeout(r, 50));
    await chain.client.close();
    const err = await pending;
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toMatch(/ExtrinsicError|ConnectionClosedError/);
  });

  it('a pool refusal is an ExtrinsicError with the node\'s reason, and the next signature asks the node for the nonce again', async (ctx) => {
    const chain = await node([], { refuse: { code: 1014, message: 'Priority is too low: (0 vs 0)', data: 'The transaction has too low priority to replace another transaction already in the pool.' } });
    if (!chain) return ctx.skip('devnet-381 metadata fixture missing');
    const asked = () => chain.sent.filter((s) => s.method === 'system_accountNextIndex').length;
    const err = await outcome(submitExtrinsic(chain.client, await signed(chain)));
    expect(err).toBeInstanceOf(ExtrinsicError);
    expect(err!.status).toBe('invalid');
    expect(err!.message).toMatch(/Priority is too low.*too low priority/);
    expect(asked()).toBe(1);
    await signed(chain);
    expect(asked()).toBe(2); // resynced, not counted on from the refused one
    await signed(chain);
    expect(asked()).toBe(2); // and counted locally again after that
    await chain.client.close();
  });
});
