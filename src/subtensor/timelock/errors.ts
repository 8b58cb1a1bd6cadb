/**
 * @module The one error timelock encryption throws. `reason` says which kind of problem it was,
 * `at` says where in the ciphertext (a dotted path such as `body.nonce`), so callers can switch
 * on the reason and a reader of the message knows which bytes to look at.
 */
import { SubstrateLiteError } from '../../errors.js';

/**
 * - `bad-signature`: the round signature is not a G1 point, fails the pairing check, or does not
 *   open this ciphertext's IBE header (wrong round, or a tampered header).
 * - `malformed`: the bytes do not parse as a ciphertext (truncated, missing length prefix,
 *   invalid point, wrong field length such as a nonce that is not 12 bytes).
 * - `decrypt-failed`: the header opened but AES-GCM authentication of the body failed.
 */
export type TimelockErrorReason = 'bad-signature' | 'malformed' | 'decrypt-failed';

export class TimelockError extends SubstrateLiteError {
  override name = 'TimelockError';
  readonly reason: TimelockErrorReason;
  /** Where in the input the problem is (e.g. `header.u`, `body.nonce`), when it has a place. */
  readonly at: string | undefined;

  constructor(reason: TimelockErrorReason, message: string, options: { at?: string; cause?: unknown; details?: string } = {}) {
    super(options.at ? `${message} (at ${options.at})` : message, { cause: options.cause, details: options.details });
    this.reason = reason;
    this.at = options.at;
  }
}
