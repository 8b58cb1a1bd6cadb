// `substrate-lite subnets`: the rows equal polkadot.js's reads at the same block (local chain,
// spec 218, where names/prices/emissions are absent and said to be), the CLI prints them as a
// table and as --json, and on a spec-393 node the DynamicInfo columns fill in.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../scripts/fixtures.js';
import { subnetRows, subnetTable } from '../src/cli-subnets.js';
import { Subtensor } from '../src/subtensor/index.js';
import { spec393Node } from './helpers/spec393-node.js';

const run = promisify(execFile);
const url = inject('chainUrl');

describe.skipIf(!url)('subnets command on the local chain', () => {
  it('rows: every NetworksAdded netuid with Tempo and SubnetworkN at one block; the CLI prints the same', async () => {
    const { ApiPromise, WsProvider } = await import('@polkadot/api');
    const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, throwOnConnect: true });
    const st = await Subtensor.connect(url);
    try {
      const hash = await st.getBlockHash();
      const pjs = await api.at(hash);
      const added = (await pjs.query.subtensorModule.networksAdded.entries()).filter(([, v]) => v.toJSON() === true).map(([k]) => Number(k.args[0].toString())).sort((a, b) => a - b);
      const rows = await subnetRows(st, hash);
      expect(rows.map((r) => r.netuid)).toEqual(added);
      for (const r of rows) {
        expect(r.tempo).toBe(Number((await pjs.query.subtensorModule.tempo(r.netuid)).toString()));
        expect(r.n).toBe(Number((await pjs.query.subtensorModule.subnetworkN(r.netuid)).toString()));
        expect([r.name, r.price, r.emission]).toEqual([null, null, null]);
      }
      const table = subnetTable(rows);
      expect(table.split('\n')[0]).toMatch(/^netuid +name +price +emission +tempo +n$/);
      expect(table).toContain(`${rows.length} subnets`);
      expect(table).toContain('no typed DynamicInfo API');
      const number = (await api.rpc.chain.getHeader(hash)).number.toNumber();
      const cli = (extra: string[]) => run(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'cli.ts'), 'subnets', '--url', url, '--block', String(number), ...extra], { cwd: PROJECT_ROOT, timeout: 60_000 });
      expect(JSON.parse((await cli(['--json'])).stdout)).toEqual(rows);
      expect((await cli([])).stdout.trim()).toBe(table);
    } finally {
      await st.close();
      await api.disconnect();
    }
  }, 90_000);
});

describe('subnets command on a spec-393 node', () => {
  it('names, prices and emissions from DynamicInfo', async (ctx) => {
    const node = await spec393Node();
    if ('skip' in node) return ctx.skip(node.skip);
    try {
      const { st, put, answerCall } = node;
      put('subtensorModule', 'networksAdded', [2], true);
      put('subtensorModule', 'tempo', [2], 99);
      put('subtensorModule', 'subnetworkN', [2], 7);
      put('swap', 'alphaSqrtPrice', [2], { bits: (1n << 64n).toString() }); // price 1
      const d = {
        netuid: 2, ownerHotkey: '5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM', ownerColdkey: '5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM', subnetName: [...Buffer.from('omega')], tokenSymbol: [...Buffer.from('β')],
        tempo: 99, lastStep: 0, blocksSinceLastStep: 0, emission: 1_500_000_000, alphaIn: 1, alphaOut: 1, taoIn: 1, alphaOutEmission: 0, alphaInEmission: 0,
        taoInEmission: 0, pendingAlphaEmission: 0, pendingRootEmission: 0, subnetVolume: 0, networkRegisteredAt: 0, subnetIdentity: null, movingPrice: { bits: 0 },
      };
      answerCall('SubnetInfoRuntimeApi', 'get_all_dynamic_info', '', [d]);
      const rows = await subnetRows(st, undefined);
      expect(rows).toEqual([{ netuid: 2, name: 'omega', price: 'τ1.000000000', emission: 'τ1.500000000', tempo: 99, n: 7 }]);
      expect(subnetTable(rows)).not.toContain('no typed DynamicInfo');
    } finally {
      await node.close();
    }
  });
});
