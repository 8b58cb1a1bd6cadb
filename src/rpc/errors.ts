// Typed errors of the rpc layer. Each has a stable `name` so callers can switch on it without
// importing the class (useful across bundles / realms where `instanceof` breaks).
import { SubstrateLiteError } from '../errors.js';

/** The node answered a request with a JSON-RPC error object. */
export class RpcError extends SubstrateLiteError {
  override name = 'RpcError';
  declare readonly code: number;
  declare readonly data: unknown;
  declare readonly method: string;
  /** The server's own message, kept apart from `message` (which also names the method). */
  declare readonly rpcMessage: string;

  constructor(code: number, message: string, data: unknown, method: string) {
    super(`${method} failed: ${message} (code ${code})`, {
      details: data === undefined ? undefined : safeStringify(data),
    });
    this.code = code;
    this.rpcMessage = message;
    this.data = data;
    this.method = method;
  }
}

/** No reply arrived before the request's deadline. */
export class TimeoutError extends SubstrateLiteError {
  override name = 'TimeoutError';
  declare readonly method: string;
  declare readonly ms: number;
  constructor(method: string, ms: number) {
    super(`${method} timed out after ${ms} ms`);
    this.method = method;
    this.ms = ms;
  }
}

/** The client was closed (or the connection was lost for good) while the call was pending. */
export class ConnectionClosedError extends SubstrateLiteError {
  override name = 'ConnectionClosedError';
  declare readonly reason: string;
  constructor(reason: string, options: { cause?: unknown } = {}) {
    super(`connection closed: ${reason}`, options);
    this.reason = reason;
  }
}

/**
 * The endpoint could not be reached when a connection was first needed: refused, DNS failure,
 * TLS failure, an HTTP status instead of the WebSocket upgrade, or no handshake within
 * connectTimeoutMs. Pending calls fail with it right away instead of waiting for their deadline.
 */
export class ConnectionError extends SubstrateLiteError {
  override name = 'ConnectionError';
  /** The endpoint tried last (undefined for a custom provider that does not say). */
  declare readonly url: string | undefined;
  /** What went wrong, as the transport reported it (e.g. "connect ECONNREFUSED 127.0.0.1:9944"). */
  declare readonly reason: string;
  constructor(url: string | undefined, reason: string) {
    super(url === undefined ? `cannot connect: ${reason}` : `cannot reach ${url}: ${reason}`);
    this.url = url;
    this.reason = reason;
  }
}

/**
 * A non-idempotent call (e.g. author_submitExtrinsic) was in flight when the socket dropped.
 * We cannot know whether the node received it, so we refuse to send it twice; the caller must
 * decide (e.g. check the chain for the extrinsic before resubmitting).
 */
export class NotReplayableError extends SubstrateLiteError {
  override name = 'NotReplayableError';
  declare readonly method: string;
  constructor(method: string, options: { cause?: unknown } = {}) {
    super(`${method} was in flight when the connection dropped and is not safe to replay`, options);
    this.method = method;
  }
}

/** The server sent a frame we cannot make sense of (bad JSON, unknown id, wrong shape, too big). */
export class ProtocolError extends SubstrateLiteError {
  override name = 'ProtocolError';
  /** A short, truncated excerpt of the offending frame, for logs. */
  declare readonly frame: string | undefined;
  constructor(message: string, options: { cause?: unknown; frame?: string } = {}) {
    super(message, { cause: options.cause, details: options.frame });
    this.frame = options.frame;
  }
}

function safeStringify(v: unknown): string {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s;
  } catch {
    return String(v);
  }
}

/**
 * The reply to a call was larger than maxFrameBytes. A property of the request, not of the
 * network: the call is not replayed (it would download the same frame again).
 */
export class FrameTooLargeError extends ProtocolError {
  override name = 'FrameTooLargeError';
  declare readonly method: string;
  declare readonly limit: number;
  /** The frame's length when it was received whole; undefined when the transport refused it midway. */
  declare readonly bytes: number | undefined;
  constructor(method: string, limit: number, bytes?: number, options: { frame?: string } = {}) {
    const size = bytes === undefined ? 'a frame' : `a frame of ${bytes} bytes`;
    super(`${method}: reply is ${size} over maxFrameBytes (${limit}); not retried`, options);
    this.method = method;
    this.limit = limit;
    this.bytes = bytes;
  }
}
