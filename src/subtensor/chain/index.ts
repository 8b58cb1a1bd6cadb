// Generated Subtensor chain types (see scripts/typegen-subtensor.ts), for `typed<FinneyChain>(client)`.
export type { Chain as FinneyChain } from './finney.js';
export type { Chain as DevnetChain } from './devnet.js';
