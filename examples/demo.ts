// The first thing to run: `npm run demo`.
// By default it starts a real Subtensor runtime locally (chopsticks from the raonet chain spec), reads
// balances of several accounts in one request, lists the subnets and pulls every subnet's neurons at
// one pinned block — serially, then concurrently — and sends one signed transfer. The local chain has
// only 2 tiny subnets, so the concurrency part is then repeated against recorded finney data served
// with 100 ms of injected latency (16 subnets × 256 real neurons), where the speed-up is visible.
//   npm run demo -- --url wss://entrypoint-finney.opentensor.ai:443   (or --network finney)
import { parseArgs } from 'node:util';
import { startLocalChain } from '../scripts/local-chain.js';
import { devSigner } from '../src/substrate/index.js';
import { Subtensor, formatBalance, balance } from '../src/subtensor/index.js';
import { resolveEndpoints } from '../src/subtensor/networks.js';
import { spawnReplayServer } from '../test/helpers/spawn-server.js';

const { values } = parseArgs({ options: { url: { type: 'string' }, network: { type: 'string' }, 'skip-replay': { type: 'boolean', default: false } } });
const remote = values.url ?? values.network;
// The pulls below compare serial with concurrent requests over one socket; the block-pinned
// response cache would answer the second pull from memory, so the demo turns it off.
const NO_CACHE = { responseCacheBytes: 0 };
const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;

async function pullAll(st: Subtensor, label: string, netuids?: number[]) {
  const blockHash = await st.getBlockHash();
  const view = st.at(blockHash);
  const list = netuids ?? (await view.getAllSubnetsNetuid());
  await view.neuronsLite(list[0]); // resolve the block's runtime once, outside the timings
  let t = performance.now();
  const serial = await view.neuronsLiteAll({ netuids: list, concurrent: false });
  const serialMs = performance.now() - t;
  t = performance.now();
  const concurrent = await view.neuronsLiteAll({
    netuids: list,
    onProgress: (d, n) => process.stderr.isTTY && process.stderr.write(`\r  concurrent: ${d}/${n} subnets`),
  });
  const concMs = performance.now() - t;
  if (process.stderr.isTTY) process.stderr.write('\n');
  const total = [...concurrent.values()].reduce((s, n) => s + n.length, 0);
  if (total !== [...serial.values()].reduce((s, n) => s + n.length, 0)) throw new Error('serial and concurrent pulls disagree');
  console.log(`${label}: ${list.length} subnets, ${total} neurons at block ${blockHash.slice(0, 10)}…`);
  console.log(`  serial     ${serialMs.toFixed(0).padStart(6)} ms`);
  console.log(`  concurrent ${concMs.toFixed(0).padStart(6)} ms   speed-up ×${(serialMs / concMs).toFixed(1)}`);
  const top = [...concurrent.values()].flat().sort((a, b) => (b.totalStake.rao > a.totalStake.rao ? 1 : -1))[0];
  if (top) console.log(`  largest stake: uid ${top.uid} on subnet ${top.netuid}, ${top.hotkey}, ${formatBalance(top.totalStake)}`);
}

async function main() {
  if (remote) {
    const urls = resolveEndpoints(remote);
    console.log(`connecting to ${urls[0]}`);
    const t = performance.now();
    const st = await Subtensor.connect(urls, NO_CACHE);
    try {
      console.log(`connected + metadata in ${ms(t)}; block ${await st.getCurrentBlock()}, ${await st.getTotalSubnets()} subnets`);
      await pullAll(st, 'all subnets');
    } finally {
      await st.close();
    }
    return;
  }

  console.log('starting a local Subtensor chain (chopsticks, raonet spec)…');
  let t = performance.now();
  const chain = await startLocalChain();
  console.log(`  ready at ${chain.url} in ${ms(t)}`);
  try {
    t = performance.now();
    const st = await Subtensor.connect(chain.url, NO_CACHE);
    const rt = await st.client.runtime();
    console.log(`connected: ${rt.version.specName} spec ${rt.version.specVersion}, metadata V${rt.metadata.version}, ${rt.metadata.pallets.length} pallets (${ms(t)})`);
    const alice = devSigner('Alice');
    const bob = devSigner('Bob');
    const charlie = devSigner('Charlie');
    const addrs = [alice.address, bob.address, charlie.address];
    const before = await st.getBalances(addrs);
    console.log('balances (one state_queryStorageAt for all):');
    for (const [name, a] of [['Alice', alice.address], ['Bob', bob.address], ['Charlie', charlie.address]]) console.log(`  ${name.padEnd(8)} ${formatBalance(before[a])}`);
    console.log(`subnets: ${(await st.getAllSubnetsNetuid()).join(', ')} (TotalNetworks = ${await st.getTotalSubnets()})`);
    await pullAll(st, 'local chain');

    t = performance.now();
    const amount = balance(1_500_000_000n);
    const receipt = await st.transfer(alice, charlie.address, amount);
    const after = await st.getBalance(charlie.address);
    console.log(`transfer ${formatBalance(amount)} Alice → Charlie: ${receipt.success ? 'ok' : 'FAILED'} in block ${receipt.blockHash?.slice(0, 10)}…, fee ${receipt.fee === null ? '?' : formatBalance(balance(receipt.fee))}, Charlie now ${formatBalance(after)} (${ms(t)})`);
    await st.close();
  } finally {
    await chain.stop();
  }

  if (!values['skip-replay']) {
    console.log('\nrecorded finney data, 100 ms injected latency, 16 subnets × 256 neurons:');
    let server;
    try {
      server = await spawnReplayServer(['--scenario', 'metagraph', '--latency', '100', '--subnet-size', '256']);
    } catch (e) {
      console.log(`  skipped: ${(e as Error).message}`);
      return;
    }
    const st = await Subtensor.connect(server.url, NO_CACHE);
    try {
      await pullAll(st, 'replayed finney', Array.from({ length: 16 }, (_, i) => i + 1));
    } finally {
      await st.close();
      await server.stop();
    }
  }
}

main().catch((e) => {
  console.error(`demo failed: ${(e as Error).name}: ${(e as Error).message}`);
  process.exit(1);
});
