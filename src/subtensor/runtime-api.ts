/**
 * A runtime API call that also understands old runtimes: those whose metadata types a result as
 * `Vec<u8>` (the bytes inside are then decoded with the Python SDK's legacy layout, ./legacy.ts)
 * and those that take accounts as `Vec<u8>` of the public key (`*_account_vec`).
 * @module
 */
import { bytes, decode, DecodeError, ss58Decode, type Codec } from '../scale/index.js';
import type { SubstrateClient } from '../substrate/index.js';
import { LEGACY_OUTPUTS } from './legacy.js';
import type { At } from './at.js';
import type { ApiMethod, ApiName, ApiOutput } from './addresses.js';


export async function callRuntimeApi(client: SubstrateClient, api: string, method: string, args: unknown[], at: At): Promise<unknown> {
  const { blockHash, signal } = at;
  const legacy = (LEGACY_OUTPUTS as Partial<Record<string, Codec<unknown>>>)[`${api}_${method}`];
  if (args.some((a) => typeof a === 'string' || Array.isArray(a))) args = await accountArgs(client, api, method, args, at);
  if (!legacy) return client.runtimeCall(api, method, args, { blockHash, signal });
  const { runtime, bytes: raw } = await client.runtimeCallRaw(api, method, args, { blockHash, signal });
  const m = runtime.registry.runtimeApi(api, method);
  if (runtime.registry.typeName(m.output) === 'Vec<u8>') return decode(legacy, decode(bytes, raw));
  // Typed metadata, but a node may still run an older runtime than the metadata we hold (a
  // replayed or mislabelled block): if the typed decode fails, try the legacy Vec<u8> layout.
  try {
    return decode(runtime.registry.codec(m.output), raw);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    try {
      return decode(legacy, decode(bytes, raw));
    } catch {
      throw e;
    }
  }
}

/** SS58 arguments of a method whose metadata input is `Vec<u8>` (old runtimes) become public keys. */
async function accountArgs(client: SubstrateClient, api: string, method: string, args: unknown[], at: At): Promise<unknown[]> {
  const rt = await client.runtime(at);
  const inputs = rt.metadata.apis.find((a) => a.name === api)?.methods.find((m) => m.name === method)?.inputs ?? [];
  return args.map((a, i) => {
    const type = inputs[i] ? rt.registry.typeName(inputs[i].type) : '';
    if (typeof a === 'string' && type === 'Vec<u8>') return ss58Decode(a).publicKey;
    if (Array.isArray(a) && type === 'Vec<Vec<u8>>') return a.map((x) => (typeof x === 'string' ? ss58Decode(x).publicKey : x));
    return a;
  });
}

/** callRuntimeApi with the result typed from the finney types and the legacy layouts (./addresses.ts). */
export async function callTyped<Api extends ApiName, M extends ApiMethod<Api>>(
  client: SubstrateClient, api: Api, method: M, args: unknown[], at: At,
): Promise<ApiOutput<Api, M>> {
  return (await callRuntimeApi(client, api, method, args, at)) as ApiOutput<Api, M>;
}
