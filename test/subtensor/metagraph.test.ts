// The Metagraph (bittensor 10.2's AsyncMetagraph) built three ways: from the recorded finney
// `metagraph` scenario (spec 343) — exactly the calls Python recorded, every column equal to the
// same computation on polkadot.js-decoded inputs —, from a spec-393 node answering get_neurons
// with weights and bonds (W, B, root weights, JSON round trip, sync), and on the local chain.
import { u8aToHex } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';
import { useSpec393Node } from '../helpers/spec393-node.js';
import { replayOracle, type ReplayOracle } from '../helpers/replay-pjs.js';
import { InvalidArgumentError } from '../../src/substrate/index.js';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadReplayData, replayHandler, replaySkipReason, type ReplayData } from '../../scripts/replay.js';
import { startRpcServer, type RpcServer } from '../helpers/rpc-server.js';
import { Metagraph, ROOT_TAO_STAKE_WEIGHT, Subtensor } from '../../src/subtensor/index.js';

let data: ReplayData | null = null;
let oracle: ReplayOracle;
const servers: RpcServer[] = [];
const subs: Subtensor[] = [];
beforeAll(async () => {
  data = await loadReplayData();
  if (data) oracle = replayOracle(data);
});
afterEach(async () => {
  await Promise.all(subs.splice(0).map((s) => s.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** polkadot.js's decoding of the recorded reply to `api_method`. */
function recordedCall(api: string, method: string): any {
  const [, reply] = Object.entries(data!.recorded.metagraph.state_call).find(([k]) => k.includes(`${api}_${method}`))! as [string, any];
  return oracle.decodeCall(api, method, reply.result);
}

const f32 = (xs: number[]) => Float32Array.from(xs);
const ipv4 = (ip: number) => [24, 16, 8, 0].map((s) => Math.floor(ip / 2 ** s) % 256).join('.');

describe('metagraph from the recorded finney scenario (spec 343)', () => {
  it('is built from exactly the recorded calls, and every column equals the computation on polkadot.js-decoded inputs', async (ctx) => {
    if (!data) return ctx.skip(replaySkipReason());
    const base = replayHandler(data, 'metagraph');
    const calls: string[] = [];
    const server = await startRpcServer({ handler: ((m: string, p: unknown[]) => (calls.push(m === 'state_call' ? String(p[0]) : m), base(m, p))) as never });
    servers.push(server);
    const st = await Subtensor.connect(server.url);
    subs.push(st);
    const mg = await st.metagraph(1);

    // every runtime call and storage read Python recorded, nothing else (the replay refuses unrecorded calls)
    const recorded = Object.keys(data.recorded.metagraph.state_call).map((k) => JSON.parse(k)[0]).sort();
    expect([...new Set(calls.filter((c) => /RuntimeApi_/.test(c)))].sort()).toEqual(recorded);
    expect(calls.filter((c) => c === 'state_getStorage').length).toBe(Object.keys(data.recorded.metagraph.state_getStorageAt).length);

    const neurons = recordedCall('NeuronInfoRuntimeApi', 'get_neurons_lite') as any[];
    const state = recordedCall('SubnetInfoRuntimeApi', 'get_subnet_state');
    const info = recordedCall('SubnetInfoRuntimeApi', 'get_selective_mechagraph');
    const block = Number(Object.values(data.recorded.metagraph.chain_getHeader as Record<string, any>)[0].result.number);
    expect(mg.block).toBe(block);
    expect(mg.n).toBe(neurons.length);
    expect(mg.n).toBe(1024);
    expect(Array.from(mg.uids)).toEqual(neurons.map((x) => x.uid));
    const u16 = (k: string) => f32(neurons.map((x) => x[k] / 65535));
    expect(mg.C).toEqual(u16('consensus'));
    expect(mg.I).toEqual(u16('incentive'));
    expect(mg.D).toEqual(u16('dividends'));
    expect(mg.Tv).toEqual(u16('validatorTrust'));
    expect(mg.E).toEqual(f32(neurons.map((x) => Number(x.emission) / 1e9)));
    expect(Array.from(mg.active)).toEqual(neurons.map((x) => (x.active ? 1 : 0)));
    expect(Array.from(mg.lastUpdate)).toEqual(neurons.map((x) => Number(x.lastUpdate)));
    expect(mg.validatorPermit).toEqual(neurons.map((x) => x.validatorPermit));
    expect(mg.hotkeys).toEqual(neurons.map((x) => x.hotkey));
    expect(mg.coldkeys).toEqual(neurons.map((x) => x.coldkey));
    const v4 = neurons.map((x, i) => [x, i] as const).filter(([x]) => x.axonInfo.ipType === 4);
    expect(v4.length).toBeGreaterThan(500);
    for (const [x, i] of v4) expect(mg.addresses[i]).toBe(`/ipv4/${ipv4(Number(x.axonInfo.ip))}:${x.axonInfo.port}`);

    const tao = (xs: (number | string)[]) => xs.map((v) => Number(BigInt(v)) / 1e9);
    expect(mg.AS).toEqual(f32(tao(state.alphaStake)));
    expect(mg.TS).toEqual(f32(tao(state.taoStake).map((t) => t * ROOT_TAO_STAKE_WEIGHT)));
    expect(mg.S).toEqual(f32(tao(state.totalStake)));
    expect(mg.S!.some((s) => s > 0)).toBe(true);

    expect(mg.name).toBe(String.fromCharCode(...info.name));
    expect(mg.tempo).toBe(info.tempo);
    expect(mg.ownerHotkey).toBe(info.ownerHotkey);
    expect(mg.lastStep).toBe(BigInt(info.lastStep));
    expect(mg.pruningScore).toEqual(info.pruningScore.map((v: number) => v / 65535));
    expect(mg.taoDividendsPerHotkey).toEqual(info.taoDividendsPerHotkey.map(([h, d]: [string, number]) => [h, Number(BigInt(d)) / 1e9]));
    expect(mg.info!.commitRevealWeightsEnabled).toBe(info.commitRevealWeightsEnabled);
    expect(mg.info!.registrationAllowed).toBe(info.registrationAllowed);
    expect(mg.info!.maxWeightsLimit).toBe(info.maxWeightsLimit / 65535);
    expect(mg.info!.alphaIn!.rao).toBe(BigInt(info.alphaIn));
    expect(mg.info!.alphaIn!.unit).toBe('α');
    expect(mg.mechanismCount).toBe(1);
    expect(mg.weights).toBeNull();
    expect(mg.W).toBeNull();

    const back = Metagraph.fromJSON(JSON.stringify(mg));
    expect(back.S).toEqual(mg.S);
    expect(back.info).toEqual(mg.info);
    expect(back.neurons).toEqual(mg.neurons);
    expect(back.lastStep).toBe(mg.lastStep);
  });
});

const [hk0, hk1, hk2, ck] = [0, 1, 2, 3].map((i) => encodeAddress(new Uint8Array(32).fill(i + 1), 42));
const neuron = (uid: number, netuid: number, hotkey: string, weights: [number, number][], bonds: [number, number][] = []) => ({
  hotkey, coldkey: ck, uid, netuid, active: true, stake: [[ck, '1000']], emission: String(uid * 1_000_000), incentive: uid * 1000,
  consensus: 65535 - uid, validatorTrust: 7, dividends: 3, lastUpdate: 100 + uid, validatorPermit: uid === 0, weights, bonds,
  axonInfo: { block: 1, version: 1, ip: 16909060, port: 8091, ipType: 4, protocol: 4, placeholder1: 0, placeholder2: 0 },
});
/** get_selective_mechagraph(netuid, 0, every index) as the args bytes Python and we send. */
const allIndicesArgs = (netuid: number) =>
  u8aToHex(new Uint8Array([netuid & 255, netuid >> 8, 0, 0x29, 0x01, ...Array.from({ length: 74 }, (_, i) => [i, 0]).flat()])).slice(2);

describe('metagraph with weights and bonds on a spec-393 node', () => {
  const spec = useSpec393Node(async (n) => {
    n.answerCall('NeuronInfoRuntimeApi', 'get_neurons', '0100', [
      neuron(0, 1, hk0, [[1, 100], [2, 300]], [[1, 5], [2, 65535]]),
      neuron(1, 1, hk1, [[0, 65535]]),
      neuron(2, 1, hk2, []),
    ]);
    n.answerCall('SubnetInfoRuntimeApi', 'get_selective_mechagraph', allIndicesArgs(1), null);
    n.answerCall('SubnetInfoRuntimeApi', 'get_subnet_state', '0100', null);
    n.answerCall('NeuronInfoRuntimeApi', 'get_neurons', '0000', [neuron(0, 0, hk0, [[1, 10], [5, 30], [7, 99]]), neuron(1, 0, hk1, [])]);
    n.answerCall('SubnetInfoRuntimeApi', 'get_selective_mechagraph', allIndicesArgs(0), null);
    n.answerCall('SubnetInfoRuntimeApi', 'get_subnet_state', '0000', null);
    n.put('subtensorModule', 'totalNetworks', [], 3);
    for (const netuid of [0, 1, 5]) n.put('subtensorModule', 'networksAdded', [netuid], true);
  });

  it('W rows normalised to sum 1 (float32), B raw, dense on request, and a JSON round trip keeps them', async (ctx) => {
    const { st } = spec.get(ctx);
    const mg = await st.metagraph(1, { lite: false });
    expect(mg.n).toBe(3);
    expect(mg.weights!.map((r) => [Array.from(r.uids), Array.from(r.values)])).toEqual([
      [[1, 2], [Math.fround(100 / 400), Math.fround(300 / 400)]],
      [[0], [1]],
      [[], []],
    ]);
    expect(mg.W).toEqual([f32([0, 0.25, 0.75]), f32([1, 0, 0]), f32([0, 0, 0])]);
    expect(mg.B).toEqual([f32([0, 5, 65535]), f32([0, 0, 0]), f32([0, 0, 0])]);
    expect(mg.E).toEqual(f32([0, 0.001, 0.002]));
    expect(Array.from(mg.lastUpdate)).toEqual([100, 101, 102]);
    expect(mg.addresses[0]).toBe('/ipv4/1.2.3.4:8091');
    expect(mg.S).toBeUndefined(); // no subnet state: Python leaves the stake columns unset too
    expect(mg.info).toBeNull();
    const back = Metagraph.fromJSON(JSON.parse(JSON.stringify(mg)));
    expect(back.W).toEqual(mg.W);
    expect(back.B).toEqual(mg.B);
    expect(back.hotkeys).toEqual([hk0, hk1, hk2]);
    await expect(back.sync()).rejects.toThrow(/restored from JSON/);
    await back.sync({ subtensor: st });
    expect(back.W).toEqual(mg.W);
    expect(() => Metagraph.fromJSON({ format: 'other', state: {} })).toThrow(InvalidArgumentError);
  });

  it('root (subnet 0): W columns are the existing subnets, a weight on a missing netuid is dropped', async (ctx) => {
    const { st } = spec.get(ctx);
    const mg = await st.metagraph(0, { lite: false });
    expect(mg.rootSubnets).toEqual([0, 1, 5]);
    expect(mg.W).toEqual([f32([0, 10 / 40, 30 / 40]), f32([0, 0, 0])]);
    expect(mg.bonds).toBeNull();
  });

  it('a weight on a uid outside the subnet is a DecodeError naming the neuron, not a silent column', async (ctx) => {
    const { st, answerCall } = spec.get(ctx);
    answerCall('NeuronInfoRuntimeApi', 'get_neurons', '0200', [neuron(0, 2, hk0, [[9, 1]])]);
    answerCall('SubnetInfoRuntimeApi', 'get_selective_mechagraph', allIndicesArgs(2), null);
    answerCall('SubnetInfoRuntimeApi', 'get_subnet_state', '0200', null);
    await expect(st.metagraph(2, { lite: false })).rejects.toThrow(/neuron 0 weights: column 9/);
  });
});

const url = inject('chainUrl');
describe.skipIf(!url)('metagraph on the local chain (spec 218)', () => {
  it('lite and full metagraphs at one block agree with neuronsLite / neurons; no MetagraphInfo on this runtime', async () => {
    const st = await Subtensor.connect(url);
    subs.push(st);
    const blockHash = await st.getBlockHash();
    const [mg, full, lite] = await Promise.all([st.metagraph(1, { blockHash }), st.metagraph(1, { blockHash, lite: false }), st.neuronsLite(1, { blockHash })]);
    expect(mg.n).toBe(lite.length);
    expect(mg.n).toBeGreaterThan(0);
    expect(mg.hotkeys).toEqual(lite.map((x) => x.hotkey));
    expect(mg.block).toBe(await st.client.getBlockNumber(blockHash));
    expect(mg.info).toBeNull();
    expect(full.weights!.length).toBe(full.n);
    expect(full.C).toEqual(mg.C);
    const all = await st.allMetagraphs({ blockHash });
    expect([...all.keys()]).toEqual(await st.getAllSubnetsNetuid({ blockHash }));
    expect(all.get(1)!.hotkeys).toEqual(mg.hotkeys);
    expect(new Set([...all.values()].map((m) => m.block))).toEqual(new Set([mg.block]));
  });
});
