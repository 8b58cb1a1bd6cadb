// Generated chain types, for `typed<FinneyChain>(client)`: types only (this entry has no runtime
// code). A subpath of its own (`substrate-lite/chains`) because the types are large (~1 MB of
// declarations): code that does not use typed access does not make its compiler parse them.
export type { FinneyChain, DevnetChain } from './subtensor/index.js';
