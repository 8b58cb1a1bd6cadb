// Secret URIs as Substrate's sp-core parses them: `<phrase | 0xhex>[//hard][/soft]…[///password]`.
// An empty phrase means the public dev phrase (so `//Alice` is Alice). A junction that parses as
// u64 is encoded as a u64, anything else as a SCALE string; an encoding longer than 32 bytes is
// replaced by its blake2-256 (sp-core `DeriveJunction::soft`). Differences from polkadot.js, on
// purpose: a `0x…` junction is a string (polkadot.js reads it as bytes) and a number ≥ 2^64 is a
// string (polkadot.js encodes it as u256).
import { blake2_256, encode, str } from '../scale/index.js';
import { InvalidSuriError } from './errors.js';

/** The well-known Substrate development phrase (public; every dev chain funds its accounts). */
export const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';

export interface Junction {
  hard: boolean;
  /** 32-byte chain code. */
  chainCode: Uint8Array;
  /** The junction text as written (for error messages; paths are not secret). */
  text: string;
}

export interface ParsedSuri {
  /** Mnemonic phrase or 0x-hex seed; DEV_PHRASE when the URI starts with a path. */
  phrase: string;
  path: Junction[];
  /** The `///password` part, or undefined. */
  password: string | undefined;
  /** The path as written, e.g. `//Alice/0`. */
  derivePath: string;
}

const U64_MAX = (1n << 64n) - 1n;

/** The 32-byte chain code of one junction's text. */
export function junctionChainCode(text: string): Uint8Array {
  let enc: Uint8Array;
  if (/^\d+$/.test(text) && BigInt(text) <= U64_MAX) {
    enc = new Uint8Array(8);
    new DataView(enc.buffer).setBigUint64(0, BigInt(text), true);
  } else {
    enc = encode(str, text);
  }
  const cc = new Uint8Array(32);
  cc.set(enc.length > 32 ? blake2_256(enc) : enc);
  return cc;
}

/** Parse a derivation path such as `//hard/soft//0`. Empty string → no junctions. */
export function parseDerivationPath(derivePath: string): Junction[] {
  const out: Junction[] = [];
  let rest = derivePath;
  while (rest.length > 0) {
    const m = /^(\/\/?)([^/]+)/.exec(rest);
    if (!m) throw new InvalidSuriError(derivePath, `cannot parse junction at "${rest.slice(0, 40)}"`);
    out.push({ hard: m[1] === '//', chainCode: junctionChainCode(m[2]), text: m[2] });
    rest = rest.slice(m[0].length);
  }
  return out;
}

/** Split a secret URI into phrase, junctions and password. Errors never include the phrase. */
export function parseSuri(suri: string): ParsedSuri {
  if (typeof suri !== 'string') throw new InvalidSuriError('', `expected a string, got ${typeof suri}`);
  const pwAt = suri.indexOf('///');
  const body = pwAt >= 0 ? suri.slice(0, pwAt) : suri;
  const password = pwAt >= 0 ? suri.slice(pwAt + 3) : undefined;
  const slash = body.indexOf('/');
  const phrase = (slash >= 0 ? body.slice(0, slash) : body).normalize('NFKD');
  const derivePath = slash >= 0 ? body.slice(slash) : '';
  if (phrase !== '' && !/^[\p{L}\p{M}\p{N}_ ]+$/u.test(phrase)) {
    throw new InvalidSuriError(derivePath, 'the phrase part holds characters other than letters, digits and spaces');
  }
  return { phrase: phrase === '' ? DEV_PHRASE : phrase, path: parseDerivationPath(derivePath), password, derivePath };
}
