import { afterEach, describe, expect, it } from 'vitest';
import { ProtocolError, RpcClient } from '../../src/rpc/index.js';
import { startRpcServer, type RpcServer } from '../helpers/rpc-server.js';
import { errorOf, settle, waitFor } from './util.js';

let server: RpcServer | undefined;
let client: RpcClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function setup(opts: { maxFrameBytes?: number } = {}): Promise<{ errors: Error[] }> {
  server = await startRpcServer();
  const errors: Error[] = [];
  client = new RpcClient(server.url, { ...opts, onError: (e) => errors.push(e) });
  expect(await client.request('echo', ['up'])).toEqual(['up']);
  return { errors };
}

describe('RpcClient protocol guards', () => {
  const bad: [string, string, RegExp][] = [
    ['malformed JSON', '{"jsonrpc":"2.0","id":1,', /malformed JSON/],
    ['reply for an unknown id', '{"jsonrpc":"2.0","id":987654,"result":1}', /unknown request id 987654/],
    ['a non-object frame', '42', /not a JSON object/],
    ['null', 'null', /not a JSON object/],
    ['an object with neither id nor method', '{"hello":"world"}', /unrecognised frame/],
    ['an id:null error with no batch pending', '{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}', /without request id/],
  ];
  for (const [what, frame, re] of bad) {
    it(`reports ${what} via onError and keeps working`, async () => {
      const { errors } = await setup();
      server!.sendRaw(frame);
      await waitFor(() => errors.length > 0, 'onError');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(ProtocolError);
      expect(errors[0]!.name).toBe('ProtocolError');
      expect(errors[0]!.message).toMatch(re);
      expect(await client!.request('echo', ['still ok'])).toEqual(['still ok']);
      expect(client!.state).toBe('open');
      expect(server!.connectionCount).toBe(1);
    });
  }

  it('drops oversized frames with a ProtocolError and fails the matching request', async () => {
    const { errors } = await setup({ maxFrameBytes: 1024 });
    server!.sendRaw(JSON.stringify({ jsonrpc: '2.0', method: 'x_sub', params: { subscription: 'a', result: 'y'.repeat(5000) } }));
    await waitFor(() => errors.length === 1, 'onError');
    expect(errors[0]).toBeInstanceOf(ProtocolError);
    expect(errors[0]!.message).toMatch(/exceeds maxFrameBytes \(1024\)/);

    // A reply that is too big fails its own request right away instead of timing out.
    const r = await settle(client!.request('echo', ['z'.repeat(2000)]));
    expect(r.ok).toBe(false);
    expect(errorOf(r)).toBeInstanceOf(ProtocolError);
    expect(client!.pendingCount).toBe(0);
    expect(await client!.request('echo', ['small'])).toEqual(['small']);
  });

  it('a throwing onError or subscription callback does not break the handler', async () => {
    server = await startRpcServer();
    client = new RpcClient(server.url, {
      onError: () => {
        throw new Error('bad handler');
      },
    });
    expect(await client.request('echo', [1])).toEqual([1]);
    server.sendRaw('not json');
    server.sendRaw('[]');
    expect(await client.request('echo', [2])).toEqual([2]);
  });

  it.skipIf(!process.env.RPC_BIG_FRAME)('handles a real 100 MB frame above the limit', async () => {
    const { errors } = await setup();
    server!.sendRaw(`"${'a'.repeat(100_000_000)}"`);
    await waitFor(() => errors.length === 1, 'onError', 20_000);
    expect(errors[0]!.message).toMatch(/exceeds maxFrameBytes/);
    expect(await client!.request('echo', [1])).toEqual([1]);
  });
});
