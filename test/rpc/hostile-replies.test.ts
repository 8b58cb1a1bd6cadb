// Hostile replies on a real loopback socket: replies that are neither a result nor an error,
// out-of-order, duplicate and phantom ids, non-JSON and odd-JSON frames. Each case asserts the
// right value reaches the right caller, or a typed error naming the problem, and that the
// connection survives (one connection opened).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProtocolError, RpcClient, RpcError } from '../../src/rpc/index.js';
import { rawReply, startRpcServer, type Handler, type RpcServer } from '../helpers/rpc-server.js';
import { heapAfterGc, settleAll, trackHeap } from '../helpers/hostile-checks.js';
import { errorOf, settle, waitFor } from './util.js';

let server: RpcServer | undefined;
let client: RpcClient | undefined;
// Every test: heap after gc within 8 MB of where it started.
trackHeap({ beforeEach, afterEach }, 8 * 1024 * 1024);
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function setup(handler: Handler): Promise<{ errors: Error[] }> {
  server = await startRpcServer({ handler });
  const errors: Error[] = [];
  client = new RpcClient(server.url, { timeoutMs: 2000, onError: (e) => errors.push(e) });
  return { errors };
}

describe('replies that are neither a valid result nor a valid error', () => {
  const shapes: [string, (id: unknown) => string, RegExp][] = [
    ['no result and no error', (id) => `{"jsonrpc":"2.0","id":${JSON.stringify(id)}}`, /neither a result nor an error/],
    ['error is a string', (id) => `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"error":"boom"}`, /error member that is a string/],
    ['error is a number', (id) => `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"error":-32000}`, /error member that is a number/],
    ['error is an array', (id) => `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"error":[1]}`, /error member that is an array/],
    ['error is null', (id) => `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"error":null}`, /error member that is null/],
  ];
  for (const [what, make, re] of shapes) {
    it(`${what}: rejects the call with a ProtocolError naming the method and the shape`, async () => {
      await setup((m, p) => (m === 'state_getStorage' ? rawReply(make) : p));
      const r = await settle(client!.request('state_getStorage', ['0x26aa394eea5630e07c48ae0c9558cef7']));
      const e = errorOf<ProtocolError>(r);
      expect(e).toBeInstanceOf(ProtocolError);
      expect(e.message).toMatch(/^state_getStorage: reply has /);
      expect(e.message).toMatch(re);
      expect(e.frame).toContain('"jsonrpc"');
      // The connection stays usable and nothing is left pending.
      expect(await client!.request('echo', [1])).toEqual([1]);
      expect(client!.pendingCount).toBe(0);
      expect(server!.connectionCount).toBe(1);
    });
  }

  it('"result": null stays a valid answer', async () => {
    await setup((m, p) => (m === 'state_getStorage' ? null : p));
    expect(await client!.request('state_getStorage', ['0x00'])).toBeNull();
  });

  it('an error object still becomes an RpcError', async () => {
    await setup((m, p) => (m === 'x' ? rawReply((id) => `{"jsonrpc":"2.0","id":${id},"error":{"code":-32601,"message":"no such method"}}`) : p));
    const e = errorOf<RpcError>(await settle(client!.request('x', [])));
    expect(e).toBeInstanceOf(RpcError);
    expect(e.code).toBe(-32601);
  });
});

describe('ids a hostile server gets wrong', () => {
  it('out of order: 1,000 replies in random order each reach their own caller', async () => {
    server = await startRpcServer({ handler: async (_m, p) => (await new Promise((r) => setTimeout(r, Math.random() * 30)), p) });
    client = new RpcClient(server.url, { coalesce: false, timeoutMs: 5000 });
    const before = await heapAfterGc();
    const out = await settleAll(Array.from({ length: 1000 }, (_, i) => client!.request('echo', [i, `v${i}`])), 10_000);
    expect(out.every((o, i) => o.ok && JSON.stringify(o.value) === JSON.stringify([i, `v${i}`]))).toBe(true);
    expect(server.connectionCount).toBe(1);
    const after = await heapAfterGc();
    if (before !== undefined) expect(after! - before).toBeLessThan(4 * 1024 * 1024);
  });

  it('duplicate replies: the first answer wins, the second is reported as an unknown id', async () => {
    const { errors } = await setup((m, p) =>
      m !== 'x' ? p : rawReply((id) => {
        server!.sendRaw(`{"jsonrpc":"2.0","id":${id},"result":"first"}`);
        return `{"jsonrpc":"2.0","id":${id},"result":"second"}`;
      }),
    );
    expect(await client!.request('x', [1])).toBe('first');
    await waitFor(() => errors.length === 1, 'duplicate reported');
    expect(errors[0]).toBeInstanceOf(ProtocolError);
    expect(errors[0]!.message).toMatch(/unknown request id \d+/);
    expect(await client!.request('echo', [2])).toEqual([2]);
  });

  it('phantom ids (never sent) are reported and harm no caller', async () => {
    const { errors } = await setup((m, p) => {
      if (m === 'x') server!.sendRaw('{"jsonrpc":"2.0","id":424242,"result":"phantom"}');
      return p;
    });
    const out = await settleAll([client!.request('x', ['mine']), client!.request('echo', ['also mine'])], 4000);
    expect(out.map((o) => o.ok && o.value)).toEqual([['mine'], ['also mine']]);
    await waitFor(() => errors.length === 1, 'phantom reported');
    expect(errors[0]!.message).toMatch(/unknown request id 424242/);
  });
});

describe('non-JSON and odd-JSON frames are reported, never thrown, never misrouted', () => {
  const odd: [string, string, RegExp][] = [
    ['binary garbage', '\u0000\u0001\u00ff\ufffd', /malformed JSON frame/],
    ['half a frame', '{"jsonrpc":"2.0","id":1,"res', /malformed JSON frame/],
    ['an empty batch', '[]', /empty batch reply/],
    ['a batch of non-objects', '[1,"x"]', /not a JSON object/],
    ['an id that is a boolean', '{"jsonrpc":"2.0","id":true,"result":1}', /unrecognised frame/],
    ['an id that is fractional', '{"jsonrpc":"2.0","id":1.5,"result":1}', /unknown request id 1.5/],
    ['an id that overflows', '{"jsonrpc":"2.0","id":1e400,"result":1}', /unknown request id Infinity/],
    ['a subscription id that is an object', '{"jsonrpc":"2.0","method":"m","params":{"subscription":{},"result":1}}', /subscription id that is a object/],
    ['100,000 nested arrays', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, /.+/],
    ['a __proto__ member', '{"__proto__":{"polluted":true},"jsonrpc":"2.0","id":777777,"result":1}', /unknown request id 777777/],
  ];
  for (const [what, frame, re] of odd) {
    it(what, async () => {
      const { errors } = await setup((_m, p) => new Promise((r) => setTimeout(() => r(p), 20)));
      expect(await client!.request('echo', ['connect'])).toEqual(['connect']);
      const inflight = client!.request('echo', ['before']);
      server!.sendRaw(frame);
      expect(await inflight).toEqual(['before']);
      await waitFor(() => errors.length >= 1, 'reported');
      expect(errors[0]).toBeInstanceOf(ProtocolError);
      expect(errors[0]!.message).toMatch(re);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(await client!.request('echo', ['after'])).toEqual(['after']);
      expect(server!.connectionCount).toBe(1);
    });
  }
});
