// Incoming frame parsing and validation: one raw text frame in, a list of classified messages
// out. Pure: no client state, so every odd shape a hostile server can send is testable here.
import { ProtocolError } from './errors.js';

export type Incoming =
  | { kind: 'result'; id: number; result: unknown }
  | { kind: 'error'; id: number; code: number; message: string; data: unknown }
  | { kind: 'notification'; subscription: string; params: Record<string, unknown> }
  /** An `id: null` error: the server could not take a request as a whole (e.g. batches unsupported). */
  | { kind: 'batch-error'; error: Record<string, unknown> }
  /** A reply to request `id` that is neither a valid result nor a valid error; `shape` says why. */
  | { kind: 'malformed-reply'; id: number; shape: string; frame: string }
  | { kind: 'invalid'; error: ProtocolError };

/** Serialises one request; params are pre-serialised once per call. */
export function encodeRequest(id: number, method: string, paramsJson: string): string {
  return `{"jsonrpc":"2.0","id":${id},"method":${JSON.stringify(method)},"params":${paramsJson}}`;
}

export function parseFrame(raw: string): Incoming[] {
  let msg: unknown;
  try {
    msg = JSON.parse(raw);
  } catch (e) {
    // Not kept as `cause`: V8's SyntaxError message quotes the frame and can keep it alive.
    const why = e instanceof Error ? `: ${excerpt(e.message)}` : '';
    return [invalid(`malformed JSON frame${why}`, raw)];
  }
  if (!Array.isArray(msg)) return [classify(msg, raw)];
  if (msg.length === 0) return [invalid('empty batch reply', raw)];
  if (msg.every((m) => isObject(m) && m.id === null && isObject(m.error))) {
    return [{ kind: 'batch-error', error: msg[0] as Record<string, unknown> }];
  }
  return msg.map((m) => classify(m, raw));
}

function classify(msg: unknown, raw: string): Incoming {
  if (!isObject(msg)) return invalid('frame is not a JSON object', raw);
  const id = msg.id;
  if (typeof id === 'number' || typeof id === 'string') {
    const n = typeof id === 'number' ? id : Number(id);
    if ('error' in msg && !isObject(msg.error)) {
      return { kind: 'malformed-reply', id: n, shape: `an error member that is ${typeName(msg.error)}`, frame: excerpt(raw) };
    }
    if (isObject(msg.error)) {
      const e = msg.error;
      return {
        kind: 'error',
        id: n,
        code: typeof e.code === 'number' ? e.code : 0,
        message: typeof e.message === 'string' ? e.message : 'unknown error',
        data: e.data,
      };
    }
    // `"result": null` is a valid answer (e.g. storage that does not exist); a missing member is not.
    if (!('result' in msg)) return { kind: 'malformed-reply', id: n, shape: 'neither a result nor an error member', frame: excerpt(raw) };
    return { kind: 'result', id: n, result: msg.result };
  }
  if (id === null && isObject(msg.error)) return { kind: 'batch-error', error: msg.error };
  if (typeof msg.method === 'string' && isObject(msg.params) && 'subscription' in msg.params) {
    const sid = msg.params.subscription;
    if (typeof sid === 'string' || typeof sid === 'number') return { kind: 'notification', subscription: String(sid), params: msg.params };
    return invalid(`notification with a subscription id that is ${typeName(sid)}`, raw);
  }
  return invalid('unrecognised frame', raw);
}

/** For a frame too large to parse: the request id, if it sits where our replies put it. */
export function peekReplyId(raw: string): number | undefined {
  const m = /"id"\s*:\s*(\d+)/.exec(raw.slice(0, 64)) ?? /"id"\s*:\s*(\d+)\s*}\s*$/.exec(raw.slice(-64));
  return m ? Number(m[1]) : undefined;
}

function invalid(message: string, raw: string): Incoming {
  return { kind: 'invalid', error: new ProtocolError(message, { frame: excerpt(raw) }) };
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A short copy of a frame for error messages. A copy, not a slice: V8 represents `slice()` of a
 * long string as a view that keeps the whole parent alive, so a kept ProtocolError pinned its
 * entire (possibly 50 MB) frame. The UTF-8 round trip builds an independent string.
 */
export function excerpt(raw: string): string {
  if (raw.length <= 200) return decoder.decode(encoder.encode(raw));
  return `${decoder.decode(encoder.encode(raw.slice(0, 200)))}… (${raw.length} chars)`;
}
