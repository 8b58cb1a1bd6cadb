// substrate-lite: the public surface of every layer.
export * from './errors.js';
export * from './scale/index.js';
export * from './rpc/index.js';
export * from './substrate/index.js';
export * from './subtensor/index.js';
