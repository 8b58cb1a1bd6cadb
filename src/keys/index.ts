// Public surface of the keys layer (substrate-lite/keys): mnemonics, secret URIs, sr25519 /
// ed25519 / ecdsa keypairs that are `Signer`s, and the bittensor-wallet keyfile format.
// File-system wallets are in substrate-lite/keys/node so edge bundles never see node:fs.
export { Keypair } from './keypair.js';
export type { KeyType, SignatureType } from './scheme.js';
export { keypairFromSeed, keypairFromMnemonic, keypairFromUri, keypairFromPrivateKey, verify, type KeyOptions } from './create.js';
export { generateMnemonic, validateMnemonic, mnemonicToMiniSecret } from './mnemonic.js';
export { parseSuri, parseDerivationPath, DEV_PHRASE, type ParsedSuri, type Junction } from './suri.js';
export { openKeyfile, sealKeyfile, type OpenKeyfileOptions } from './keyfile.js';
export { keyfileJson, publicKeyfileJson, parseKeyfileJson, type KeyfileContents } from './keyfile-json.js';
export {
  encryptKeyfileData, decryptKeyfileData, keyfileEncryption, nobleArgon2i, NACL_SALT, SENSITIVE,
  type Argon2Params, type Argon2iKdf, type NaclOptions, type KeyfileEncryption,
} from './nacl.js';
export { passwordEnvVarName, obfuscatePassword, revealPassword } from './env-password.js';
export {
  InvalidMnemonicError,
  InvalidSuriError,
  UnsupportedDerivationError,
  InvalidKeyError,
  KeyfileError,
  WrongPasswordError,
  LegacyKeyfileError,
  KeyfileMismatchError,
  KeyfileExistsError,
  WalletNotFoundError,
} from './errors.js';
