// Generated Subtensor chain types (scripts/typegen-subtensor.ts, `npm run typegen:subtensor`), for
// `typed<FinneyChain>(client)`. They live outside src/subtensor because they are generated: their
// doc comments are the runtime's own Rust docs, quoted verbatim.
export type { Chain as FinneyChain } from './finney.js';
export type { Chain as DevnetChain } from './devnet.js';
