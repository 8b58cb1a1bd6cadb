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

/** Invalid arguments to a client call (wrong key count, unknown option combination...). */
export class InvalidArgumentError extends SubstrateLiteError {
  override name = 'InvalidArgumentError';
}
