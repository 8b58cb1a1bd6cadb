// Network names → endpoints, and the environment defaults the Python SDK reads (settings.py).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidArgumentError } from '../../src/substrate/errors.js';
import { NETWORKS, resolveEndpoints } from '../../src/subtensor/networks.js';

describe('resolveEndpoints', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('names, URLs and lists', () => {
    expect(resolveEndpoints('finney')).toEqual(['wss://entrypoint-finney.opentensor.ai:443']);
    expect(resolveEndpoints('ws://10.0.0.1:9944')).toEqual(['ws://10.0.0.1:9944']);
    expect(resolveEndpoints(['ws://a:1', 'wss://b:2'])).toEqual(['ws://a:1', 'wss://b:2']);
  });

  it('no network: BT_SUBTENSOR_CHAIN_ENDPOINT, then BT_SUBTENSOR_NETWORK, then finney', () => {
    vi.stubEnv('BT_SUBTENSOR_CHAIN_ENDPOINT', '');
    vi.stubEnv('BT_SUBTENSOR_NETWORK', '');
    expect(resolveEndpoints()).toEqual(NETWORKS.finney);
    vi.stubEnv('BT_SUBTENSOR_NETWORK', 'test');
    expect(resolveEndpoints()).toEqual(NETWORKS.test);
    vi.stubEnv('BT_SUBTENSOR_CHAIN_ENDPOINT', 'ws://127.0.0.1:9000');
    expect(resolveEndpoints()).toEqual(['ws://127.0.0.1:9000']);
    // an explicit name wins over the environment, except that 'local' means the configured endpoint
    expect(resolveEndpoints('finney')).toEqual(NETWORKS.finney);
    expect(resolveEndpoints('local')).toEqual(['ws://127.0.0.1:9000']);
  });

  it('bad input is an InvalidArgumentError naming the argument', () => {
    for (const bad of ['mainnet', '', [], ['http://x'], [42], 42, null]) {
      expect(() => resolveEndpoints(bad as never)).toThrow(InvalidArgumentError);
    }
    expect(() => resolveEndpoints('mainnet')).toThrow(/network: unknown network "mainnet"/);
  });
});
