/**
 * @module Public surface of drand-quicknet timelock encryption (commit-reveal v3/v4), by name.
 * The IBE layer (./ibe.ts), `Reader`, the Vec<u8> helpers and H2/H3/H4 stay internal.
 */
export { TimelockError, type TimelockErrorReason } from './errors.js';
export {
  QUICKNET,
  CIPHER_SUITE,
  roundIdentity,
  verifyRoundSignature,
  serializeCiphertext,
  parseCiphertext,
  timelockEncrypt,
  timelockDecrypt,
  type TimelockCiphertext,
  type TimelockEncryptOptions,
} from './tle.js';
export {
  BLOCK_TIME,
  FAST_BLOCK_TIME,
  SECURITY_BLOCK_OFFSET,
  revealSchedule,
  revealRound,
  revealRoundAfterBlocks,
  type RevealClock,
  type RevealRoundParams,
  type RevealAfterBlocksParams,
  type RevealSchedule,
} from './reveal-round.js';
