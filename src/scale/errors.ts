// Errors of the SCALE layer: what failed to decode/encode, where (byte offset) and in which type.
import { SubstrateLiteError } from '../errors.js';

/** Bytes did not match the type: truncated input, bad length prefix, unknown variant index, bad UTF-8, trailing bytes. */
export class DecodeError extends SubstrateLiteError {
  override name = 'DecodeError';
  declare readonly offset: number;
  /** Dotted path from the outermost type to the failing field, e.g. `frame_system::AccountInfo.data.free`. */
  declare typePath: string;
  declare readonly reason: string;

  constructor(reason: string, offset: number, typePath = '') {
    super(formatDecode(reason, offset, typePath));
    this.reason = reason;
    this.offset = offset;
    this.typePath = typePath;
  }

  /** Prefix the path with an outer segment; called by composite decoders while the error unwinds. */
  within(segment: string): this {
    this.typePath = this.typePath ? `${segment}.${this.typePath}` : segment;
    this.message = formatDecode(this.reason, this.offset, this.typePath);
    return this;
  }
}

function formatDecode(reason: string, offset: number, typePath: string): string {
  return `${reason} at offset ${offset}${typePath ? ` (type path ${typePath})` : ''}`;
}

/** A value that does not fit its type (out of range, wrong shape, unknown variant name). */
export class EncodeError extends SubstrateLiteError {
  override name = 'EncodeError';
  declare typePath: string;
  declare readonly reason: string;

  constructor(reason: string, typePath = '') {
    super(typePath ? `${reason} (type path ${typePath})` : reason);
    this.reason = reason;
    this.typePath = typePath;
  }

  within(segment: string): this {
    this.typePath = this.typePath ? `${segment}.${this.typePath}` : segment;
    this.message = `${this.reason} (type path ${this.typePath})`;
    return this;
  }
}

/** Metadata that is malformed, of an unsupported version, or a look-up of something it does not contain. */
export class MetadataError extends SubstrateLiteError {
  override name = 'MetadataError';
}

/** An SS58 address (or raw account) that cannot be decoded: bad base58, checksum, length or prefix. */
export class InvalidAddressError extends SubstrateLiteError {
  override name = 'InvalidAddressError';
  declare readonly address: string;
  constructor(address: string, reason: string) {
    super(`invalid address ${JSON.stringify(address.length > 80 ? address.slice(0, 80) + '…' : address)}: ${reason}`);
    this.address = address;
  }
}

/** A string that is not valid hex. */
export class InvalidHexError extends SubstrateLiteError {
  override name = 'InvalidHexError';
  declare readonly input: string;
  constructor(input: string, reason: string) {
    super(`invalid hex ${JSON.stringify(input.length > 40 ? input.slice(0, 40) + '…' : input)}: ${reason}`);
    this.input = input;
  }
}
