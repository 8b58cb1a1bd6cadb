// Incoming frames: parse (frames.ts), then route each message — a reply to its call, a
// notification to its subscription, an `id: null` error to our oldest batch — and report what
// nobody can claim. Never throws: a bad frame is reported via onError and ignored.
import { FrameTooLargeError, ProtocolError, RpcError } from './errors.js';
import { excerpt, parseFrame, peekReplyId, type Incoming } from './frames.js';
import type { Outbox } from './outbox.js';
import type { RequestTable } from './requests.js';
import type { SubscriptionTable } from './subscriptions.js';

export interface InboundHost {
  readonly table: RequestTable;
  readonly outbox: Outbox;
  readonly subs: SubscriptionTable;
  readonly maxFrameBytes: number;
  write(frame: string): void;
  /** A call got a proper reply: the connection works. */
  replied(): void;
  /** A call left the wire: room for queued calls, maybe idle. */
  settled(): void;
  report(e: unknown): void;
}

export class Inbound {
  readonly #host: InboundHost;

  constructor(host: InboundHost) {
    this.#host = host;
  }

  handle(raw: string): void {
    try {
      if (raw.length > this.#host.maxFrameBytes) return this.#oversize(raw);
      for (const m of parseFrame(raw)) this.#dispatch(m, raw);
    } catch (e) {
      // Last line of defence: the transport callback must never throw.
      this.#host.report(new ProtocolError('error while handling a frame', { cause: e, frame: excerpt(raw) }));
    }
  }

  /** A frame the transport delivered whole (no size limit of its own) but over maxFrameBytes. */
  #oversize(raw: string): void {
    const frame = excerpt(raw);
    this.#host.report(new ProtocolError(`frame of ${raw.length} bytes exceeds maxFrameBytes (${this.#host.maxFrameBytes})`, { frame }));
    // If we can see whose reply it was, fail that call now instead of letting it time out.
    const id = peekReplyId(raw);
    const call = id === undefined ? undefined : this.#host.table.get(id);
    if (call) this.#host.table.finish(call, new FrameTooLargeError(call.method, this.#host.maxFrameBytes, raw.length, { frame }));
  }

  #dispatch(m: Incoming, raw: string): void {
    switch (m.kind) {
      case 'invalid':
        return this.#host.report(m.error);
      case 'notification':
        return this.#host.subs.notify(m.subscription, m.params, raw.length);
      case 'batch-error':
        return this.#batchRejected(m.error, raw);
      case 'malformed-reply':
        return this.#malformedReply(m.id, m.shape, m.frame);
      default:
        return this.#reply(m, raw);
    }
  }

  #reply(m: Extract<Incoming, { kind: 'result' | 'error' }>, raw: string): void {
    const call = this.#host.table.get(m.id);
    if (!call) {
      const late = this.#host.table.takeAbandoned(m.id);
      if (late === undefined) this.#host.report(new ProtocolError(`reply for unknown request id ${m.id}`, { frame: excerpt(raw) }));
      else if (late && m.kind === 'result') late(m.result);
      return;
    }
    this.#host.replied();
    if (m.kind === 'error') this.#host.table.finish(call, new RpcError(m.code, m.message, m.data, call.method));
    else this.#host.table.finish(call, null, m.result);
    this.#host.settled();
  }

  /** A silent `undefined` would become a wrong value upstream (a zero balance): fail the call. */
  #malformedReply(id: number, shape: string, frame: string): void {
    const call = this.#host.table.get(id);
    if (!call) {
      // The caller already left (abandoned id): nothing to fail; a phantom id is worth reporting.
      if (this.#host.table.takeAbandoned(id) === undefined) {
        this.#host.report(new ProtocolError(`reply for unknown request id ${id} with ${shape}`, { frame }));
      }
      return;
    }
    this.#host.table.finish(call, new ProtocolError(`${call.method}: reply has ${shape}`, { frame }));
    this.#host.settled();
  }

  /** An `id: null` error: the server could not take a request as a whole — our oldest batch. */
  #batchRejected(error: Record<string, unknown>, raw: string): void {
    const frames = this.#host.outbox.batchRejected();
    if (!frames) {
      const what = String(error.message ?? 'unknown');
      return this.#host.report(new ProtocolError(`server error without request id: ${what}`, { frame: excerpt(raw) }));
    }
    for (const f of frames) this.#host.write(f);
  }
}
