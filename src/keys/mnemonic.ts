// BIP39 mnemonics (English word list) and the Substrate mini-secret. Substrate does NOT use the
// BIP39 seed of the phrase text: it runs PBKDF2-HMAC-SHA512 over the phrase's *entropy* with salt
// "mnemonic" + password, 2048 rounds, and keeps the first 32 bytes (substrate-bip39).
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha512 } from '@noble/hashes/sha2.js';
import * as bip39 from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { InvalidMnemonicError } from './errors.js';

const WORD_COUNTS = [12, 15, 18, 21, 24];

function words(phrase: string): string[] {
  return phrase.normalize('NFKD').trim().split(/\s+/).filter(Boolean);
}

/** A new random English mnemonic of 12, 15, 18, 21 or 24 words (default 12, as btcli). */
export function generateMnemonic(wordCount = 12): string {
  if (!WORD_COUNTS.includes(wordCount)) throw new InvalidMnemonicError(wordCount, `word count must be one of ${WORD_COUNTS.join(', ')}`);
  return bip39.generateMnemonic(wordlist, (wordCount / 3) * 32);
}

/** Why `phrase` is not a valid mnemonic, or null when it is. */
export function mnemonicProblem(phrase: string): string | null {
  if (typeof phrase !== 'string') return `expected a string, got ${typeof phrase}`;
  const ws = words(phrase);
  if (!WORD_COUNTS.includes(ws.length)) return `word count must be one of ${WORD_COUNTS.join(', ')}`;
  const unknown = ws.findIndex((w) => !wordlist.includes(w));
  if (unknown >= 0) return `word ${unknown + 1} is not in the BIP39 English word list`;
  if (!bip39.validateMnemonic(ws.join(' '), wordlist)) return 'checksum mismatch';
  return null;
}

/** True when `phrase` is a BIP39 English mnemonic with a valid checksum. */
export function validateMnemonic(phrase: string): boolean {
  return mnemonicProblem(phrase) === null;
}

/** The 32-byte Substrate mini-secret of a mnemonic (+ optional password). */
export function mnemonicToMiniSecret(phrase: string, password = ''): Uint8Array {
  const problem = mnemonicProblem(phrase);
  if (problem) throw new InvalidMnemonicError(typeof phrase === 'string' ? words(phrase).length : 0, problem);
  const entropy = bip39.mnemonicToEntropy(words(phrase).join(' '), wordlist);
  // substrate-bip39 builds the salt as plain "mnemonic" + password (no NFKD, unlike BIP39 proper).
  const salt = new TextEncoder().encode(`mnemonic${password}`);
  return pbkdf2(sha512, entropy, salt, { c: 2048, dkLen: 64 }).slice(0, 32);
}
