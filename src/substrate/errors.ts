// Errors of the substrate layer: what the chain said no to, or what it does not have.
import { SubstrateLiteError } from '../errors.js';

/** A block hash or number the node does not know. */
export class BlockNotFoundError extends SubstrateLiteError {
  override name = 'BlockNotFoundError';
  readonly block: string | number;
  constructor(block: string | number) {
    super(`block ${block} not found`);
    this.block = block;
  }
}

/** The node rejected an extrinsic (invalid, dropped, usurped) or it failed on chain. */
export class ExtrinsicError extends SubstrateLiteError {
  override name = 'ExtrinsicError';
  readonly status: string;
  readonly dispatchError?: DispatchErrorInfo;
  constructor(message: string, status: string, dispatchError?: DispatchErrorInfo) {
    super(message);
    this.status = status;
    this.dispatchError = dispatchError;
  }
}

export interface DispatchErrorInfo {
  /** e.g. 'Module', 'BadOrigin', 'Token' — the DispatchError variant. */
  type: string;
  pallet?: string;
  name?: string;
  docs?: string[];
  /** The raw decoded DispatchError value. */
  value?: unknown;
}

/**
 * Invalid arguments to a client call (wrong type, out of range, wrong key count, conflicting
 * options). `argument` names the parameter or option at fault (`'opts.blockHash'`,
 * `'requests[1]'`) when one is; `value` keeps what was given (long strings cut short).
 */
export class InvalidArgumentError extends SubstrateLiteError {
  override name = 'InvalidArgumentError';
  readonly argument: string | undefined;
  readonly value: unknown;
  constructor(message: string, argument?: string, value?: unknown) {
    super(message);
    this.argument = argument;
    this.value = typeof value === 'string' && value.length > 200 ? `${value.slice(0, 200)}…` : value;
  }
}

/** The node no longer has (or never had) the state of this block: pruned, or an unknown hash. */
export class StateUnavailableError extends SubstrateLiteError {
  override name = 'StateUnavailableError';
  readonly blockHash: string;
  constructor(blockHash: string, nodeMessage: string, cause?: unknown) {
    super(`state of block ${blockHash} is not available on this node (${nodeMessage}); use an archive node for old blocks`, { cause });
    this.blockHash = blockHash;
  }
}

const STATE_GONE = /discarded|pruned|unknown block|not found|state.*not available|header not found/i;

/** Map a node's "no such state" RpcError to StateUnavailableError; other errors pass through. */
export function mapStateError(e: unknown, blockHash: string | undefined): unknown {
  const err = e as { name?: string; rpcMessage?: string };
  if (blockHash && err?.name === 'RpcError' && STATE_GONE.test(err.rpcMessage ?? '')) {
    return new StateUnavailableError(blockHash, err.rpcMessage!, e);
  }
  return e;
}
