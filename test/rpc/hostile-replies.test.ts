// Hostile replies on a real loopback socket: replies that are neither a result nor an error,
// out-of-order, duplicate and phantom ids, non-JSON and odd-JSON frames. Each case asserts the
// right value reaches the right caller, or a typed error naming the problem, and that the
// connection survives (one connection opened).
import { afterEach, describe, expect, it } from 'vitest';
import { ProtocolError, RpcClient, RpcError } from '../../src/rpc/index.js';
import { rawReply, startRpcServer, type Handler, type RpcServer } from '../helpers/rpc-server.js';
import { errorOf, settle, waitFor } from './util.js';

let server: RpcServer | undefined;
let client: RpcClient | undefined;
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
