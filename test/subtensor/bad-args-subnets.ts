// Bad-argument rows of the DynamicInfo / SubnetInfo / price reads (src/subtensor/subnets.ts),
// spread into bad-arguments.test.ts.
import type { Entry } from '../helpers/bad-arguments.js';
import { netuids, selector, selOnly } from '../helpers/subtensor-args.js';

const perSubnet = (): Entry => ({ args: [1, {}], bad: [...netuids(0), ...selector(1)] });

export const subnetsRows = (): Record<string, Entry> => ({
  allSubnets: selOnly(),
  subnet: perSubnet(),
  getSubnetInfo: perSubnet(),
  getAllSubnetsInfo: selOnly(),
  getSubnetPrice: perSubnet(),
  getSubnetPrices: selOnly(),
});
