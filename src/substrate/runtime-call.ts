/**
 * Encoding a runtime API call and decoding its result, as a plan the client sends: from the
 * runtime's metadata (V15+), or from codecs the caller supplies where the metadata does not
 * describe the API (V14).
 * @module
 */
import { concatBytes, decode, encode, fromHex, toHex, DecodeError, EncodeError, type Codec } from '../scale/index.js';
import { InvalidArgumentError } from './errors.js';
import type { RpcResult } from '../rpc/methods.js';
import type { Runtime } from './runtime.js';

/** One request to send and how to finish its result. */
export interface Plan<T> {
  method: string;
  params: unknown[];
  /** Each plan's finish states the result shape of its `method` (RpcResult in src/rpc/methods.ts). */
  finish(result: unknown): T;
}

interface CallFlags {
  blockHash?: string;
  raw?: boolean;
  withRuntime?: boolean;
}

const stateCall = (name: string, data: string, blockHash?: string) => (blockHash ? [name, data, blockHash] : [name, data]);

/** `api_method(args)` encoded with the runtime's metadata; the result decoded the same way. */
export function runtimeCallPlan<T>(rt: Runtime, api: string, method: string, args: unknown[] | Record<string, unknown>, f: CallFlags): Plan<T> {
  const m = rt.registry.runtimeApi(api, method);
  const list = Array.isArray(args) ? args : m.inputs.map((i) => args[i.name]);
  if (list.length !== m.inputs.length) {
    throw new InvalidArgumentError(`args: ${api}_${method} takes ${m.inputs.length} argument(s) (${m.inputs.map((i) => i.name).join(', ')}), got ${list.length}`, 'args', args);
  }
  const parts = m.inputs.map((input, i) => {
    try {
      return encode(rt.registry.codec(input.type), list[i]);
    } catch (e) {
      if (e instanceof EncodeError) e.within(`${api}_${method}(${input.name})`);
      throw e;
    }
  });
  return {
    method: 'state_call',
    params: stateCall(`${api}_${method}`, toHex(concatBytes(...parts)), f.blockHash),
    finish: (hex: RpcResult<'state_call'>) => {
      if (f.withRuntime) return { runtime: rt, bytes: fromHex(hex) } as T;
      if (f.raw) return fromHex(hex) as T;
      try {
        return decode(rt.registry.codec(m.output), hex) as T;
      } catch (e) {
        if (e instanceof DecodeError) e.within(`${api}_${method}`);
        throw e;
      }
    },
  };
}

/** The same call with codecs from the caller (V14 runtimes do not describe their APIs). */
export function hintedCallPlan<T>(hint: { inputs?: Codec<unknown>[]; output: Codec<unknown> }, api: string, method: string, args: unknown[] | Record<string, unknown>, f: CallFlags): Plan<T> {
  const list = Array.isArray(args) ? args : Object.values(args);
  const parts = (hint.inputs ?? []).map((c, i) => encode(c, list[i]));
  return {
    method: 'state_call',
    params: stateCall(`${api}_${method}`, toHex(concatBytes(...parts)), f.blockHash),
    finish: (hex: RpcResult<'state_call'>) => (f.raw ? fromHex(hex) : decode(hint.output, hex)) as T,
  };
}
