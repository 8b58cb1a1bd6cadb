// What happened to an extrinsic in a block: its index, its events, success or the dispatch error
// named from metadata, the fee and the weight. Built the same way for one just submitted and for
// one looked up later (`retrieveExtrinsic`, by index or hash). The fee is TransactionFeePaid's
// actual fee; where a runtime has no such event, the Treasury.Deposit and Balances.Deposit amounts
// of the extrinsic's events, as AsyncSubstrateInterface adds them up.
import type { Registry } from '../scale/index.js';
import type { AtOptions, SubstrateClient } from './client.js';
import type { ChainEvent } from './events.js';
import type { DecodedExtrinsic } from './extrinsic-decode.js';
import { InvalidArgumentError, type DispatchErrorInfo } from './errors.js';
import { atArg, blockHashArg, clientArg, objectArg, registryArg, uintArg } from './validate.js';

/** Weight as the runtime reports it (Weight V2). */
export interface Weight {
  refTime: bigint;
  proofSize: bigint;
}

export interface ExtrinsicReceipt {
  extrinsicHash: string;
  blockHash: string | null;
  blockNumber: number | null;
  extrinsicIndex: number | null;
  success: boolean;
  dispatchError: DispatchErrorInfo | null;
  /** Fee paid in the chain's base unit (rao on Subtensor); the estimate for a dry run; null when not known. */
  fee: bigint | null;
  /** Actual weight from ExtrinsicSuccess / ExtrinsicFailed, when the block says. */
  weight: Weight | null;
  /** The extrinsic's events, decoded. */
  events: ChainEvent[];
  /** What was waited for; 'dry-run' when nothing was sent (writes with `dryRun`). */
  status: 'none' | 'inclusion' | 'finalization' | 'dry-run';
}

// A field of a decoded struct (a plain object), undefined when there is none.
function field(data: unknown, name: string): unknown {
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[name] : undefined;
}
const big = (v: unknown): bigint => (typeof v === 'bigint' ? v : typeof v === 'number' ? BigInt(v) : 0n);

function weightOf(dispatchInfo: unknown): Weight | null {
  const w = field(dispatchInfo, 'weight');
  if (typeof w === 'bigint' || typeof w === 'number') return { refTime: big(w), proofSize: 0n }; // Weight V1
  if (w === undefined) return null;
  return { refTime: big(field(w, 'ref_time')), proofSize: big(field(w, 'proof_size')) };
}

function feeOf(events: ChainEvent[]): bigint | null {
  const paid = events.find((e) => e.pallet === 'TransactionPayment' && e.name === 'TransactionFeePaid');
  if (paid) return big(field(paid.data, 'actual_fee'));
  const deposits = events.filter((e) => (e.pallet === 'Treasury' || e.pallet === 'Balances') && e.name === 'Deposit');
  if (deposits.length === 0) return null;
  return deposits.reduce((sum, e) => sum + big(field(e.data, e.pallet === 'Treasury' ? 'value' : 'amount')), 0n);
}

/** The receipt of the extrinsic at `index` of a block, from that block's events. */
export function receiptFromEvents(
  registry: Registry, block: { hash: string; number: number }, hash: string, index: number, all: ChainEvent[], status: ExtrinsicReceipt['status'],
): ExtrinsicReceipt {
  const events = all.filter((e) => e.extrinsicIndex === index);
  const failed = events.find((e) => e.pallet === 'System' && e.name === 'ExtrinsicFailed');
  const ok = events.find((e) => e.pallet === 'System' && e.name === 'ExtrinsicSuccess');
  return {
    extrinsicHash: hash,
    blockHash: block.hash,
    blockNumber: block.number,
    extrinsicIndex: index,
    success: ok !== undefined && failed === undefined,
    dispatchError: failed ? dispatchErrorInfo(registry, field(failed.data, 'dispatch_error')) : null,
    fee: feeOf(events),
    weight: weightOf(field((failed ?? ok)?.data, 'dispatch_info')),
    events,
    status,
  };
}

/** `DispatchError::Module { index, error }` → the pallet and error name with docs from metadata. */
export function dispatchErrorInfo(registry: Registry, err: unknown): DispatchErrorInfo {
  registryArg(registry, 'registry');
  const type = typeof err === 'string' ? err : (objectArg(err, 'err', 'a decoded DispatchError').type as string);
  if (type !== 'Module') return { type, value: err };
  const { index, error } = field(err, 'value') as { index: number; error: Uint8Array | number };
  const pallet = registry.metadata.pallets.find((p) => p.index === index);
  const code = typeof error === 'number' ? error : error[0];
  const def = pallet?.errors != null ? registry.metadata.types[pallet.errors].def : null;
  const v = def?.tag === 'variant' ? def.variants.find((x) => x.index === code) : undefined;
  return { type, pallet: pallet?.name, name: v?.name, docs: v?.docs, value: err };
}

/** An extrinsic of a block with its receipt. */
export interface RetrievedExtrinsic extends ExtrinsicReceipt {
  extrinsic: DecodedExtrinsic;
}

/**
 * The extrinsic at `indexOrHash` (its position in the block, or its 0x hash) of block `blockHash`,
 * decoded, with its receipt (`status` 'finalization' when the block is finalized, else 'inclusion').
 */
export async function retrieveExtrinsic(client: SubstrateClient, blockHash: string, indexOrHash: number | string, opts: AtOptions = {}): Promise<RetrievedExtrinsic> {
  clientArg(client, 'client');
  const at = blockHashArg(blockHash, 'blockHash');
  if (at === undefined) throw new InvalidArgumentError('blockHash: expected a block hash (0x + 64 hex digits)', 'blockHash', blockHash);
  const byHash = typeof indexOrHash === 'string';
  const wanted = byHash ? blockHashArg(indexOrHash, 'indexOrHash') : uintArg(indexOrHash, 'indexOrHash');
  opts = atArg(opts);
  const sel = { ...opts, blockHash: at };
  const [block, events, rt, finalized] = await Promise.all([
    client.getBlock(sel), client.getEvents(sel), client.runtime(sel), client.getChainFinalisedHead(opts).then((h) => client.getBlockNumber(h, opts)),
  ]);
  const index = byHash ? block.extrinsics.findIndex((x) => x.hash === wanted) : (wanted as number);
  const extrinsic = block.extrinsics[index];
  if (!extrinsic) throw new InvalidArgumentError(`indexOrHash: block ${at} has no extrinsic ${byHash ? wanted : `at index ${wanted}`} (it has ${block.extrinsics.length})`, 'indexOrHash', indexOrHash);
  const status = block.header.number <= finalized ? 'finalization' : 'inclusion';
  return { ...receiptFromEvents(rt.registry, { hash: at, number: block.header.number }, extrinsic.hash, index, events, status), extrinsic };
}
