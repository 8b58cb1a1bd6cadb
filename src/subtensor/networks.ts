// Public Bittensor endpoints by network name, and the defaults the Python SDK takes from its
// environment (bittensor/core/settings.py): `BT_SUBTENSOR_CHAIN_ENDPOINT` is the endpoint used when
// no network is given and the address of `local`; `BT_SUBTENSOR_NETWORK` names the default network.
import { InvalidArgumentError } from '../substrate/errors.js';
import { nameArg } from '../substrate/validate.js';

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

function urlArg(v: unknown, name: string): string {
  nameArg(v, name);
  if (!/^wss?:\/\//.test(v as string)) throw new InvalidArgumentError(`${name}: expected a ws:// or wss:// URL, got ${JSON.stringify(v)}`, name, v);
  return v as string;
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
    if (network.length === 0) throw new InvalidArgumentError('network: expected at least one URL, got an empty list', 'network', network);
    return network.map((u, i) => urlArg(u, `network[${i}]`));
  }
  nameArg(network, 'network');
  if (/^wss?:\/\//.test(network)) return [network];
  if (network === 'local') return [env('BT_SUBTENSOR_CHAIN_ENDPOINT') ?? NETWORKS.local[0]];
  const urls = Object.hasOwn(NETWORKS, network) ? NETWORKS[network] : undefined;
  if (!urls) throw new InvalidArgumentError(`network: unknown network ${JSON.stringify(network)} (known: ${Object.keys(NETWORKS).join(', ')}, or a ws:// URL)`, 'network', network);
  return urls;
}
