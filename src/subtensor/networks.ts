// Public Bittensor endpoints by network name (as in the Python SDK's settings).
export const NETWORKS: Record<string, string[]> = {
  finney: ['wss://entrypoint-finney.opentensor.ai:443'],
  test: ['wss://test.finney.opentensor.ai:443'],
  archive: ['wss://archive.chain.opentensor.ai:443'],
  local: ['ws://127.0.0.1:9944'],
};

/** A network name or a ws(s):// URL → endpoint list. */
export function resolveEndpoints(network: string | string[]): string[] {
  if (Array.isArray(network)) return network;
  if (/^wss?:\/\//.test(network)) return [network];
  const urls = NETWORKS[network];
  if (!urls) throw new TypeError(`unknown network ${JSON.stringify(network)} (known: ${Object.keys(NETWORKS).join(', ')}, or a ws:// URL)`);
  return urls;
}
