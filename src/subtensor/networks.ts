// Public Bittensor endpoints by network name (as in the Python SDK's settings).
import { InvalidArgumentError } from '../substrate/index.js';
import { nameArg } from '../substrate/validate.js';

export const NETWORKS: Record<string, string[]> = {
  finney: ['wss://entrypoint-finney.opentensor.ai:443'],
  test: ['wss://test.finney.opentensor.ai:443'],
  archive: ['wss://archive.chain.opentensor.ai:443'],
  local: ['ws://127.0.0.1:9944'],
};

/** A network name or a ws(s):// URL → endpoint list. */
export function resolveEndpoints(network: string | string[]): string[] {
  if (Array.isArray(network)) {
    if (network.length === 0) throw new InvalidArgumentError('network: expected at least one URL, got an empty list', 'network', network);
    return network.map((u, i) => nameArg(u, `network[${i}]`));
  }
  nameArg(network, 'network');
  if (/^wss?:\/\//.test(network)) return [network];
  const urls = Object.hasOwn(NETWORKS, network) ? NETWORKS[network] : undefined;
  if (!urls) throw new InvalidArgumentError(`network: unknown network ${JSON.stringify(network)} (known: ${Object.keys(NETWORKS).join(', ')}, or a ws:// URL)`, 'network', network);
  return urls;
}
