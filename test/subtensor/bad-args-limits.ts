// Bad-argument rows of the one-value subnet accessors (src/subtensor/subnet-limits.ts), spread
// into bad-arguments.test.ts.
import type { Entry } from '../helpers/bad-arguments.js';
import { netuids, selector, selOnly } from '../helpers/subtensor-args.js';

const perSubnet = (): Entry => ({ args: [1, {}], bad: [...netuids(0), ...selector(1)] });

export const limitsRows = (): Record<string, Entry> => ({
  maxWeightLimit: perSubnet(),
  minAllowedWeights: perSubnet(),
  weightsRateLimit: perSubnet(),
  recycle: perSubnet(),
  commitRevealEnabled: perSubnet(),
  getSubnetRevealPeriodEpochs: perSubnet(),
  blocksSinceLastStep: perSubnet(),
  isSubnetActive: perSubnet(),
  getMechanismCount: perSubnet(),
  isInAdminFreezeWindow: perSubnet(),
  txRateLimit: selOnly(),
  getStartCallDelay: selOnly(),
  getAdminFreezeWindow: selOnly(),
  lastDrandRound: selOnly(),
  isFastBlocks: selOnly(),
  getSubnetBurnCost: selOnly(),
  // src/subtensor/subnet-extras.ts
  getSubnetValidatorPermits: perSubnet(),
  getMechanismEmissionSplit: perSubnet(),
  getMevShieldCurrentKey: selOnly(),
  getMevShieldNextKey: selOnly(),
});
