// `substrate-lite subnets`: one row per subnet (netuid, name, price, emission, tempo, n) at one
// block. Runtimes whose DynamicInfo API is untyped (before spec ~250) have no names, prices or
// pool emissions to show; there the table keeps netuid, tempo and n from storage and says so.
import { readMulti } from './substrate/index.js';
import { UnsupportedRuntimeError, formatBalance, type Subtensor } from './subtensor/index.js';
import { SUBNETWORK_N, TEMPO } from './subtensor/addresses.js';

export interface SubnetRow {
  netuid: number;
  /** null where the runtime has no DynamicInfo API. */
  name: string | null;
  price: string | null;
  emission: string | null;
  tempo: number;
  n: number;
}

/** The rows, all read at `blockHash` (the head, pinned once, when undefined). */
export async function subnetRows(st: Subtensor, blockHash: string | undefined): Promise<SubnetRow[]> {
  const at = { blockHash: blockHash ?? (await st.getBlockHash()) };
  const netuids = await st.getAllSubnetsNetuid(at);
  const counts = await readMulti(st.client, netuids.flatMap((n) => [[TEMPO, [n]], [SUBNETWORK_N, [n]]] as const), at);
  const dyn = await st.allSubnets(at).catch((e: unknown) => {
    if (e instanceof UnsupportedRuntimeError) return null;
    throw e;
  });
  const byNetuid = new Map((dyn ?? []).map((d) => [d.netuid, d]));
  return netuids.map((netuid, i) => {
    const d = byNetuid.get(netuid);
    return {
      netuid, name: d?.subnetName ?? null, price: d ? formatBalance(d.price) : null, emission: d ? formatBalance(d.emission) : null,
      tempo: counts[2 * i] as number, n: counts[2 * i + 1] as number,
    };
  });
}

/** The rows as an aligned text table. */
export function subnetTable(rows: SubnetRow[]): string {
  const head = ['netuid', 'name', 'price', 'emission', 'tempo', 'n'];
  const cells = rows.map((r) => [String(r.netuid), r.name ?? '—', r.price ?? '—', r.emission ?? '—', String(r.tempo), String(r.n)]);
  const width = head.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((x, c) => (c === 1 ? x.padEnd(width[c]) : x.padStart(width[c]))).join('  ');
  const note = rows.length && rows.every((r) => r.name === null) ? '\n(this runtime has no typed DynamicInfo API: no names, prices or emissions)' : '';
  return [line(head), ...cells.map(line)].join('\n') + `\n${rows.length} subnets${note}`;
}
