// A replay server in its own process (so its CPU does not count against the client being measured):
// serves recorded finney traffic with injected latency. Prints `{"url": ...}` on stdout once listening.
//   node --import tsx scripts/replay-server.ts [--scenario metagraph] [--latency 100] [--subnet-size 256]
// With --subnet-size, NeuronInfoRuntimeApi_get_neurons_lite for ANY netuid answers with the first N
// real neurons of the recorded spec-343 subnet, re-framed (a stand-in for "every subnet").
import { parseArgs } from 'node:util';
import { Cursor, compactLength, concatBytes, createRegistry, decodeMetadata, fromHex, toHex } from '../src/scale/index.js';
import { startRpcServer } from '../test/helpers/rpc-server.js';
import { loadReplayData, replayHandler, replaySkipReason, type ReplayData } from './replay.js';

/** The first `n` neurons of the recorded spec-343 neurons_lite answer, as a full state_call result. */
export function neuronsLitePayload(data: ReplayData, n: number): string {
  const full = fromHex((Object.entries(data.recorded.metagraph.state_call).find(([k]) => k.includes('get_neurons_lite'))![1] as { result: string }).result);
  const reg = createRegistry(decodeMetadata(data.metadataV15));
  const vecDef = reg.metadata.types[reg.runtimeApi('NeuronInfoRuntimeApi', 'get_neurons_lite').output].def as { type: number };
  const c = new Cursor(full);
  const total = compactLength(c);
  const start = c.offset;
  const count = Math.min(n, total);
  for (let i = 0; i < count; i++) reg.codec(vecDef.type).dec(c);
  const len = new Uint8Array(count < 64 ? 1 : 2);
  if (count < 64) len[0] = count << 2;
  else new DataView(len.buffer).setUint16(0, (count << 2) | 1, true);
  return toHex(concatBytes(len, full.subarray(start, c.offset)));
}

export function metagraphHandler(data: ReplayData, subnetSize?: number) {
  const base = replayHandler(data, 'metagraph');
  const payload = subnetSize ? neuronsLitePayload(data, subnetSize) : null;
  return (m: string, p: unknown[]) => {
    if (payload && m === 'state_call' && p[0] === 'NeuronInfoRuntimeApi_get_neurons_lite') return payload;
    return base(m, p);
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { scenario: { type: 'string', default: 'metagraph' }, latency: { type: 'string', default: '0' }, 'subnet-size': { type: 'string' } } });
  const data = await loadReplayData();
  if (!data) {
    console.error(replaySkipReason());
    process.exit(2);
  }
  const size = values['subnet-size'] ? Number(values['subnet-size']) : undefined;
  const handler = values.scenario === 'metagraph' ? metagraphHandler(data, size) : replayHandler(data, values.scenario);
  const server = await startRpcServer({ handler: handler as never, latencyMs: Number(values.latency) });
  process.stdout.write(JSON.stringify({ url: server.url }) + '\n');
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}
