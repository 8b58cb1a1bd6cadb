// Timelock: median ms to encrypt and decrypt one commit-reveal payload (bittensor-drand's
// WeightsTlockPayload for 256 uids, SCALE: hotkey Vec<u8> of 32 bytes, uids and values Vec<u16>,
// version_key u64; 1069 bytes) to a drand quicknet round, ours (pure JS, @noble) next to the
// reference tle crate compiled to WASM (@ideallabs/timelock_wasm_wrapper). Decryption uses the real
// round-1000 signature, so each run is a full pairing plus AES-GCM.
//   Standalone: node --import tsx -e "import('./benchmarks/timelock.bench.ts').then(m => m.timelockBench()).then(console.log)"
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as wasm from '@ideallabs/timelock_wasm_wrapper';
import { fromHex } from '../src/scale/hex.js';
import { QUICKNET, roundIdentity, timelockDecrypt, timelockEncrypt } from '../src/subtensor/timelock/index.js';
import { median, round } from './util.js';

const RUNS = 15;
const ROUND = 1000;
// drand quicknet's signature of round 1000 (also in ../shared/fixtures/drand/quicknet.json)
const SIGNATURE = fromHex('b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39');

function compact(n: number): number[] {
  return n < 64 ? [n << 2] : [((n << 2) | 1) & 0xff, (n << 2) >> 8];
}

/** SCALE of WeightsTlockPayload for `n` uids. */
export function commitPayload(n = 256): Uint8Array {
  const u16s = (f: (i: number) => number) => Array.from({ length: n }, (_, i) => [f(i) & 0xff, (f(i) >> 8) & 0xff]).flat();
  const hotkey = Array.from({ length: 32 }, (_, i) => (i * 7 + 3) & 0xff);
  return Uint8Array.from([...compact(32), ...hotkey, ...compact(n), ...u16s((i) => i), ...compact(n), ...u16s((i) => (i * 251) & 0xffff), 1, 0, 0, 0, 0, 0, 0, 0]);
}

function timed(fn: () => unknown): number {
  fn(); // warm-up (JIT, noble's precomputes, wasm tiering)
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return round(median(ms), 2);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Median ms of encrypt and decrypt, ours and the WASM wrapper's. */
export async function timelockBench(): Promise<Record<string, number>> {
  const payload = commitPayload(256);
  const ours = timelockEncrypt(payload, ROUND);
  if (!sameBytes(timelockDecrypt(ours, SIGNATURE), payload)) throw new Error('timelock bench: our round trip failed');
  const result: Record<string, number> = {
    payloadBytes: payload.length,
    ciphertextBytes: ours.length,
    oursEncryptMs: timed(() => timelockEncrypt(payload, ROUND)),
    oursDecryptMs: timed(() => timelockDecrypt(ours, SIGNATURE)),
  };
  const require = createRequire(import.meta.url);
  wasm.initSync({ module: readFileSync(require.resolve('@ideallabs/timelock_wasm_wrapper/timelock_wasm_wrapper_bg.wasm')) });
  const id = Array.from(roundIdentity(ROUND));
  const pk = Array.from(fromHex(QUICKNET.publicKey));
  const msg = Array.from(payload);
  const key = Array.from(crypto.getRandomValues(new Uint8Array(32)));
  const sig = Array.from(SIGNATURE);
  const theirs = Array.from(wasm.tle(id, msg, key, pk, 'bls12_381') as number[]);
  if (!sameBytes(timelockDecrypt(Uint8Array.from(theirs), SIGNATURE), payload)) throw new Error('timelock bench: wasm ciphertext did not decrypt with ours');
  result.wasmEncryptMs = timed(() => wasm.tle(id, msg, key, pk, 'bls12_381'));
  result.wasmDecryptMs = timed(() => wasm.tld(theirs, sig, 'bls12_381'));
  result.encryptRatio = round(result.oursEncryptMs / result.wasmEncryptMs, 2);
  result.decryptRatio = round(result.oursDecryptMs / result.wasmDecryptMs, 2);
  return result;
}
