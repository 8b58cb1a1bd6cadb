// substrate-lite/keys/node: bittensor wallet directories on the file system (Node, Bun, Deno with
// node: built-ins). Kept out of substrate-lite/keys so edge and browser bundles never pull node:fs.
export { openWallet, listWallets, type Wallet, type WalletOptions, type PasswordSource } from './wallet.js';
export { createWallet, createHotkey, type CreateWalletOptions, type CreatedWallet } from './create-wallet.js';
export {
  resolveWalletLocation, DEFAULT_WALLET_PATH, type WalletLocation, type WalletLocationOptions,
} from './location.js';
export { platformArgon2i, hasNativeArgon2 } from './argon2.js';
