// argon2i for Node: node:crypto's native argon2 when this Node has it (added in Node 24.7), else
// the pure-JS default. Measured on this project's VM (benchmarks/keys.bench.ts): pure JS is a
// few times slower than libsodium's WASM build at the SENSITIVE cost; native is faster than both.
import * as crypto from 'node:crypto';
import { nobleArgon2i, type Argon2iKdf } from '../nacl.js';

type NativeArgon2 = (
  algorithm: 'argon2i',
  params: { message: Uint8Array; nonce: Uint8Array; parallelism: number; tagLength: number; memory: number; passes: number },
  callback: (err: Error | null, key: Uint8Array) => void,
) => void;

const native = (crypto as unknown as { argon2?: NativeArgon2 }).argon2;

/** True when node:crypto has argon2 (Node ≥ 24.7). */
export const hasNativeArgon2 = typeof native === 'function';

const nativeArgon2i: Argon2iKdf = (password, salt, { t, mKiB }) =>
  new Promise((resolve, reject) => {
    native!('argon2i', { message: password, nonce: salt, parallelism: 1, tagLength: 32, memory: mKiB, passes: t }, (err, key) =>
      err ? reject(err) : resolve(new Uint8Array(key)),
    );
  });

/** The fastest argon2i this runtime offers. */
export const platformArgon2i: Argon2iKdf = hasNativeArgon2 ? nativeArgon2i : nobleArgon2i;
