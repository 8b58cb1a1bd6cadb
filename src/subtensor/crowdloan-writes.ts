/**
 * Crowdloan writes, ported from bittensor 10.2's AsyncSubtensor (extrinsics/asyncex/crowdloan.py):
 * create a crowdloan, contribute to it, withdraw, finalize, refund, dissolve, and the creator's
 * updates of cap, end and minimum contribution. The coldkey signs every one. Like Python, nothing
 * is read before sending (the pallet makes the checks: its refusals come back as ExtrinsicError
 * with the pallet's error name); amounts must be rao bigints or Balances (Python's
 * check_balance_amount). A runtime without the Crowdloan pallet or the call (spec 218) gives
 * UnsupportedRuntimeError before anything is signed.
 * @module
 */
import { Cursor } from '../scale/index.js';
import { InvalidArgumentError, composeCall, type Call, type ExtrinsicReceipt, type Runtime, type Signer } from '../substrate/index.js';
import { addressArg, objectArg, signerArg, uintArg, U32_MAX } from '../substrate/validate.js';
import type { Subtensor } from './subtensor.js';
import type { Balance } from './balance.js';
import { raoArg } from './args.js';
import { UnsupportedRuntimeError } from './subnets.js';
import { submitCall, writeOptionsArg, type WriteOptions } from './write.js';

const PALLET = 'Crowdloan';

/** Refuse, before anything is signed, a runtime without `Crowdloan.<name>`. */
function requireCrowdloanCall(rt: Runtime, name: string): void {
  const p = rt.metadata.pallets.find((x) => x.name === PALLET);
  if (!p) throw new UnsupportedRuntimeError(PALLET, name, rt.version.specVersion, 'the runtime has no Crowdloan pallet');
  const def = p.calls === null ? null : rt.registry.metadata.types[p.calls].def;
  if (def?.tag !== 'variant' || !def.variants.some((v) => v.name === name)) {
    throw new UnsupportedRuntimeError(PALLET, name, rt.version.specVersion, 'the runtime has no such call');
  }
}

/** Compose `Crowdloan.<name>(args)` at the head runtime (refused there if it lacks it) and submit it. */
async function send(st: Subtensor, signer: Signer, name: string, args: (rt: Runtime) => Record<string, unknown>, o: WriteOptions): Promise<ExtrinsicReceipt> {
  const rt = await st.client.runtime({ signal: o.signal });
  requireCrowdloanCall(rt, name);
  return submitCall(st, signer, composeCall(rt.registry, PALLET, name, args(rt)), o);
}

const idArg = (v: unknown): number => uintArg(v, 'crowdloanId', U32_MAX);

/** An optional inner call: null/undefined, or a Call (composeCall, `st.tx(...).call()`). */
function innerCallArg(v: unknown): Call | null {
  if (v === null || v === undefined) return null;
  const c = objectArg(v, 'call', 'a Call from composeCall or st.tx(...).call()');
  if (!(c.bytes instanceof Uint8Array)) throw new InvalidArgumentError('call.bytes: expected the encoded call (a Uint8Array); build calls with composeCall', 'call.bytes', c.bytes);
  return c as unknown as Call;
}

/** The inner call decoded with `rt`'s call type, to be re-encoded inside create (exactly one call of this runtime). */
function decodeInner(rt: Runtime, call: Call): unknown {
  const type = rt.registry.metadata.extrinsic.callType;
  if (type === null) throw new InvalidArgumentError('metadata does not name the runtime call type');
  const cur = new Cursor(call.bytes);
  const v = rt.registry.codec(type).dec(cur);
  if (cur.offset !== call.bytes.length) throw new InvalidArgumentError(`call: not one call of this runtime (${call.bytes.length - cur.offset} byte(s) left over)`, 'call', call);
  return v;
}

export async function createCrowdloan(
  st: Subtensor, signer: Signer, deposit: bigint | Balance, minContribution: bigint | Balance, cap: bigint | Balance, end: number,
  call: Call | null = null, targetAddress: string | null = null, opts: WriteOptions = {},
): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  const args = {
    deposit: raoArg(deposit, 'deposit'), min_contribution: raoArg(minContribution, 'minContribution'), cap: raoArg(cap, 'cap'),
    end: uintArg(end, 'end', U32_MAX),
  };
  const inner = innerCallArg(call);
  const target = targetAddress === null || targetAddress === undefined ? null : addressArg(targetAddress, 'targetAddress');
  const o = writeOptionsArg(opts);
  return send(st, signer, 'create', (rt) => ({ ...args, call: inner && decodeInner(rt, inner), target_address: target }), o);
}

export async function contributeCrowdloan(st: Subtensor, signer: Signer, crowdloanId: number, amount: bigint | Balance, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  const args = { crowdloan_id: idArg(crowdloanId), amount: raoArg(amount, 'amount') };
  const o = writeOptionsArg(opts);
  return send(st, signer, 'contribute', () => args, o);
}

/** The writes that take only the crowdloan id. */
function byId(name: string) {
  return async (st: Subtensor, signer: Signer, crowdloanId: number, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> => {
    signerArg(signer, 'signer');
    const args = { crowdloan_id: idArg(crowdloanId) };
    const o = writeOptionsArg(opts);
    return send(st, signer, name, () => args, o);
  };
}

export const withdrawCrowdloan = byId('withdraw');
export const finalizeCrowdloan = byId('finalize');
export const refundCrowdloan = byId('refund');
export const dissolveCrowdloan = byId('dissolve');

export async function updateCapCrowdloan(st: Subtensor, signer: Signer, crowdloanId: number, newCap: bigint | Balance, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  const args = { crowdloan_id: idArg(crowdloanId), new_cap: raoArg(newCap, 'newCap') };
  const o = writeOptionsArg(opts);
  return send(st, signer, 'update_cap', () => args, o);
}

export async function updateEndCrowdloan(st: Subtensor, signer: Signer, crowdloanId: number, newEnd: number, opts: WriteOptions = {}): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  const args = { crowdloan_id: idArg(crowdloanId), new_end: uintArg(newEnd, 'newEnd', U32_MAX) };
  const o = writeOptionsArg(opts);
  return send(st, signer, 'update_end', () => args, o);
}

export async function updateMinContributionCrowdloan(
  st: Subtensor, signer: Signer, crowdloanId: number, newMinContribution: bigint | Balance, opts: WriteOptions = {},
): Promise<ExtrinsicReceipt> {
  signerArg(signer, 'signer');
  const args = { crowdloan_id: idArg(crowdloanId), new_min_contribution: raoArg(newMinContribution, 'newMinContribution') };
  const o = writeOptionsArg(opts);
  return send(st, signer, 'update_min_contribution', () => args, o);
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const crowdloanWrites = {
  /**
   * Open a crowdloan (Crowdloan.create, signed by the creator's coldkey): `deposit` from the creator,
   * `minContribution` per contributor, `cap` to raise, ending at block `end`. On finalize the pallet
   * dispatches `call` (a Call from composeCall or `st.tx(...).call()`, e.g. a leased-network
   * registration; decoded with the head runtime's call type and re-encoded inside create, so it
   * must be a call of that runtime) and/or transfers the funds to `targetAddress`. The new id is
   * in the Crowdloan.Created event (or getCrowdloanNextId before sending). Python's create_crowdloan.
   */
  createCrowdloan,
  /** Contribute `amount` to crowdloan `crowdloanId` (the pallet clips it to the cap left): Python's contribute_crowdloan. */
  contributeCrowdloan,
  /** Withdraw the signer's contribution (the creator keeps the deposit in): Python's withdraw_crowdloan. */
  withdrawCrowdloan,
  /** Finalize a crowdloan that reached its cap after its end: dispatch its call / pay its target. Python's finalize_crowdloan. */
  finalizeCrowdloan,
  /** Refund contributors of a failed crowdloan, up to RefundContributorsLimit per call: Python's refund_crowdloan. */
  refundCrowdloan,
  /** Remove a refunded crowdloan and return the creator's deposit (creator only): Python's dissolve_crowdloan. */
  dissolveCrowdloan,
  /** Set a non-finalized crowdloan's cap (creator only; not below what is raised): Python's update_cap_crowdloan. */
  updateCapCrowdloan,
  /** Set a non-finalized crowdloan's end block (creator only; within the pallet's duration bounds): Python's update_end_crowdloan. */
  updateEndCrowdloan,
  /** Set a non-finalized crowdloan's minimum contribution (creator only; not below AbsoluteMinimumContribution): Python's update_min_contribution_crowdloan. */
  updateMinContributionCrowdloan,
};
