// Public surface of the subtensor layer.
export * from './subtensor.js';
export * from './balance.js';
export * from './convert.js';
export * from './networks.js';
export * as legacy from './legacy.js';
