// `metagraph`, `neuron`, `stake` commands on the local chain: their rows equal the library reads
// at the same block (which other tests check against polkadot.js), as text and as --json.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../scripts/fixtures.js';
import { metagraphTable, neuronText, stakeTable } from '../src/cli-reads.js';
import { Metagraph, Subtensor } from '../src/subtensor/index.js';

const run = promisify(execFile);
const url = inject('chainUrl');

describe.skipIf(!url)('read commands on the local chain', () => {
  it('metagraph, neuron (by uid and by hotkey) and stake print the reads of the --block they are given', async () => {
    const st = await Subtensor.connect(url);
    try {
      const blockHash = await st.getBlockHash();
      const block = await st.client.getBlockNumber(blockHash);
      const cli = async (...args: string[]) =>
        (await run(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'cli.ts'), ...args, '--url', url, '--block', String(block)], { cwd: PROJECT_ROOT, timeout: 60_000 })).stdout.trim();

      const mg = await st.metagraph(1, { blockHash });
      expect(await cli('metagraph', '1')).toBe(metagraphTable(mg));
      const saved = Metagraph.fromJSON(JSON.parse(await cli('metagraph', '1', '--json')));
      expect(saved.hotkeys).toEqual(mg.hotkeys);
      expect(saved.block).toBe(block);
      expect(metagraphTable(mg)).toContain(`${mg.n} neurons`);

      const n = (await st.neuronForUid(0, 1, { blockHash }))!;
      expect(await cli('neuron', '1', '0')).toBe(neuronText(n));
      expect(await cli('neuron', '1', n.hotkey)).toBe(neuronText(n));
      expect(neuronText(n)).toContain(n.hotkey);

      const stake = await st.getStakeInfoForColdkey(n.coldkey, { blockHash });
      expect(await cli('stake', n.coldkey)).toBe(stakeTable(n.coldkey, stake));
      expect(JSON.parse(await cli('stake', n.coldkey, '--json')).map((s: { hotkey: string }) => s.hotkey)).toEqual(stake.map((s) => s.hotkey));

      await expect(cli('neuron', '1', '9999')).rejects.toThrow(/no neuron 9999 on subnet 1/);
      await expect(cli('metagraph', 'x')).rejects.toThrow(/numeric <netuid>/);
    } finally {
      await st.close();
    }
  }, 120_000);
});
