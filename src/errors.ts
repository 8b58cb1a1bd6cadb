// The root of every error substrate-lite throws. It sits below all layers (scale ← rpc ←
// substrate ← subtensor) so each can extend it; users can `instanceof SubstrateLiteError` or
// switch on the stable `name`. Modelled on viem's BaseError: short message, details, cause.

export interface ErrorOptions {
  cause?: unknown;
  details?: string;
}

export class SubstrateLiteError extends Error {
  override name = 'SubstrateLiteError';
  declare readonly details: string | undefined;

  constructor(message: string, options: ErrorOptions = {}) {
    super(options.details ? `${message}\n\nDetails: ${options.details}` : message, { cause: options.cause });
    this.details = options.details;
  }
}

/** The caller's AbortSignal fired. `reason` is the signal's reason. */
export class AbortError extends SubstrateLiteError {
  override name = 'AbortError';
  constructor(what: string, reason?: unknown) {
    super(`${what} was aborted`, { cause: reason });
  }
}

/** Throws AbortError if `signal` is already aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new AbortError(what, signal.reason);
}
