// `substrate-lite metagraph <netuid>`, `neuron <netuid> <uid|hotkey>`, `stake <coldkey>`: the
// Subtensor reads a bot author checks by hand, as aligned text or (--json) as plain data. Every
// command reads one block: --block's, or the head pinned once.
import { SubstrateLiteError } from './errors.js';
import { formatBalance, type Metagraph, type NeuronInfoLite, type StakeInfo, type Subtensor } from './subtensor/index.js';

export interface ReadResult {
  out: unknown;
  text: string;
}

function table(head: string[], rows: string[][], leftCols: number[] = []): string {
  const width = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((x, c) => (leftCols.includes(c) ? x.padEnd(width[c]) : x.padStart(width[c]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

const num = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(4));

export function metagraphTable(mg: Metagraph): string {
  const rows = Array.from(mg.uids, (uid, i) => [
    String(uid), mg.hotkeys[i], num(mg.S?.[i]), num(mg.I[i]), num(mg.E[i]), num(mg.C[i]), num(mg.D[i]), num(mg.Tv[i]), mg.validatorPermit[i] ? 'yes' : '',
  ]);
  const title = `subnet ${mg.netuid}${mg.name ? ` (${mg.name})` : ''} at block ${mg.block}: ${mg.n} neurons`;
  return `${title}\n${table(['uid', 'hotkey', 'S', 'I', 'E', 'C', 'D', 'Tv', 'permit'], rows, [1])}`;
}

export function neuronText(n: NeuronInfoLite): string {
  const a = n.axonInfo;
  return [
    ['uid', String(n.uid)], ['netuid', String(n.netuid)], ['hotkey', n.hotkey], ['coldkey', n.coldkey],
    ['active', String(n.active)], ['validator permit', String(n.validatorPermit)], ['total stake', formatBalance(n.totalStake)],
    ['emission', formatBalance(n.emission)], ['incentive', num(n.incentive)], ['consensus', num(n.consensus)],
    ['dividends', num(n.dividends)], ['validator trust', num(n.validatorTrust)], ['last update', String(n.lastUpdate)],
    ['axon', a.isServing ? `/ipv${a.ipType}/${a.ip}:${a.port}` : 'not serving'],
  ].map(([k, v]) => `${k.padEnd(17)}${v}`).join('\n');
}

export function stakeTable(coldkey: string, list: StakeInfo[]): string {
  const rows = list.map((s) => [String(s.netuid), s.hotkey, formatBalance(s.stake)]);
  return `${coldkey}: ${list.length} stake entries\n${table(['netuid', 'hotkey', 'stake'], rows, [1])}`;
}

const netuidOf = (s: string | undefined, cmd: string): number => {
  const n = Number(s);
  if (s === undefined || !Number.isInteger(n) || n < 0 || n > 0xffff) throw new SubstrateLiteError(`${cmd} needs a numeric <netuid>, got ${JSON.stringify(s)}`);
  return n;
};

/** One of the read commands, or null when `cmd` is not one of them. */
export async function readCommand(st: Subtensor, cmd: string, args: string[], blockHash: string | undefined, full: boolean): Promise<ReadResult | null> {
  const at = { blockHash: blockHash ?? (await st.getBlockHash()) };
  switch (cmd) {
    case 'metagraph': {
      const mg = await st.metagraph(netuidOf(args[0], 'metagraph'), { ...at, lite: !full });
      return { out: mg, text: metagraphTable(mg) };
    }
    case 'neuron': {
      const netuid = netuidOf(args[0], 'neuron');
      const who = args[1];
      if (!who) throw new SubstrateLiteError('neuron needs <netuid> <uid|hotkey>');
      const n = /^\d+$/.test(who) ? await st.neuronForUid(Number(who), netuid, at) : await st.getNeuronForPubkeyAndSubnet(who, netuid, at);
      if (!n) throw new SubstrateLiteError(`no neuron ${who} on subnet ${netuid}`);
      return { out: n, text: neuronText(n) };
    }
    case 'stake': {
      if (!args[0]) throw new SubstrateLiteError('stake needs a <coldkey> ss58 address');
      const list = await st.getStakeInfoForColdkey(args[0], at);
      return { out: list, text: stakeTable(args[0], list) };
    }
    default:
      return null;
  }
}
