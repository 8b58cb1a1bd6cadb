/**
 * Argument checks of the Subtensor layer: the block selector and Bittensor's u16 ids. Built from
 * the substrate layer's checks (../substrate/validate.ts), with the same rule for absent values.
 * @module
 */
import { InvalidArgumentError } from '../substrate/index.js';
import { U16_MAX, U32_MAX, blockHashArg, optBoolArg, optSignalArg, optionsArg, show, uintArg } from '../substrate/validate.js';

export interface CheckedSelector {
  block?: number;
  blockHash?: string;
  reuseBlock?: boolean;
  signal?: AbortSignal;
}

/** `{ block?, blockHash?, reuseBlock?, signal? }`: block a u32, blockHash 0x + 64 hex. */
export function selectorArg(v: unknown, name = 'sel'): CheckedSelector {
  const o = optionsArg(v, name);
  return {
    block: o.block === undefined || o.block === null ? undefined : uintArg(o.block, `${name}.block`, U32_MAX),
    blockHash: blockHashArg(o.blockHash, `${name}.blockHash`),
    reuseBlock: optBoolArg(o.reuseBlock, `${name}.reuseBlock`),
    signal: optSignalArg(o.signal, `${name}.signal`),
  };
}

/** A subnet id or neuron uid: Subtensor stores both as u16. */
export const netuidArg = (v: unknown, name = 'netuid'): number => uintArg(v, name, U16_MAX);

/** An amount in rao: a bigint, or a Balance whose `rao` is one; must be positive. */
export function raoArg(v: unknown, name: string): bigint {
  const rao = typeof v === 'bigint' ? v : typeof v === 'object' && v !== null && typeof (v as { rao?: unknown }).rao === 'bigint' ? (v as { rao: bigint }).rao : undefined;
  if (rao === undefined) throw new InvalidArgumentError(`${name}: expected rao as a bigint or a Balance, got ${show(v)}`, name, v);
  if (rao <= 0n) throw new InvalidArgumentError(`${name}: must be a positive amount, got ${rao} rao`, name, v);
  return rao;
}
