// Public Bittensor endpoints by network name, and the defaults the Python SDK takes from its
// environment (bittensor/core/settings.py): `BT_SUBTENSOR_CHAIN_ENDPOINT` is the endpoint used when
// no network is given and the address of `local`; `BT_SUBTENSOR_NETWORK` names the default network.
import { InvalidArgumentError } from '../substrate/errors.js';

export const NETWORKS: Record<string, string[]> = {
  finney: ['wss://entrypoint-finney.opentensor.ai:443'],
  test: ['wss://test.finney.opentensor.ai:443'],
  archive: ['wss://archive.chain.opentensor.ai:443'],
  local: ['ws://127.0.0.1:9944'],
};

/** Reads an environment variable where the runtime has one (Node, Bun, Deno with --allow-env); else undefined. */
function env(name: string): string | undefined {
  try {
    const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
    return value ? value : undefined;
  } catch {
    return undefined; // Deno without env permission throws
  }
}

/**
 * A network name or a ws(s):// URL → endpoint list. With no argument: `BT_SUBTENSOR_CHAIN_ENDPOINT`,
 * else `BT_SUBTENSOR_NETWORK`, else finney — the order bittensor's `setup_config` uses.
 */
export function resolveEndpoints(network?: string | string[]): string[] {
  if (network === undefined) {
    const endpoint = env('BT_SUBTENSOR_CHAIN_ENDPOINT');
    return endpoint ? [endpoint] : resolveEndpoints(env('BT_SUBTENSOR_NETWORK') ?? 'finney');
  }
  if (Array.isArray(network)) {
    if (network.length === 0 || network.some((u) => typeof u !== 'string' || !/^wss?:\/\//.test(u))) {
      throw new InvalidArgumentError(`network: expected ws:// or wss:// URLs, got ${JSON.stringify(network)}`);
    }
    return network;
  }
  if (typeof network !== 'string') throw new InvalidArgumentError(`network: expected a name or a ws:// URL, got ${typeof network}`);
  if (/^wss?:\/\//.test(network)) return [network];
  if (network === 'local') return [env('BT_SUBTENSOR_CHAIN_ENDPOINT') ?? NETWORKS.local[0]];
  const urls = NETWORKS[network];
  if (!urls) throw new InvalidArgumentError(`network: unknown network ${JSON.stringify(network)} (known: ${Object.keys(NETWORKS).join(', ')}, or a ws:// URL)`);
  return urls;
}
