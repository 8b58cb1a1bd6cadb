// Keys: time to open an encrypted bittensor coldkey ($NACL: argon2i at libsodium's SENSITIVE cost,
// 8 passes over 512 MiB, then xsalsa20-poly1305), ours next to libsodium (libsodium-wrappers-sumo,
// the WASM build) on the same machine; plus key derivation and signing throughput vs polkadot.js.
//   ours (pure JS)   openKeyfile() with @noble/hashes argon2iAsync — what every runtime gets
//   ours (sync)      the same derivation with noble's synchronous argon2i (blocks the event loop)
//   ours (native)    node:crypto argon2 (Node ≥ 24.7 only; "n/a" on older Node)
//   libsodium        crypto_pwhash(ARGON2I13) + crypto_secretbox_open_easy + JSON.parse
// The file is written once by libsodium, so every contender opens the same bytes.
import { argon2i } from '@noble/hashes/argon2.js';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import sodium from 'libsodium-wrappers-sumo';
import { keypairFromUri, NACL_SALT, nobleArgon2i, openKeyfile, SENSITIVE, type Argon2iKdf } from '../src/keys/index.js';
import { hasNativeArgon2, platformArgon2i } from '../src/keys/node/index.js';
import { median, round, type BenchContext, type BenchResult } from './util.js';

const PASSWORD = 'bench password';
const PHRASE = 'old leopard transfer rib spatial phone calm indicate online fire caution review';
const RUNS = 2;
const te = new TextEncoder();

async function timed(runs: number, fn: () => Promise<unknown> | unknown): Promise<{ ms: number[]; median: number }> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.(); // drop the previous run's 512 MiB before the next
    const t = performance.now();
    await fn();
    ms.push(round(performance.now() - t, 0));
  }
  return { ms, median: median(ms) };
}

function libsodiumColdkey(): Uint8Array {
  const key = sodium.crypto_pwhash(32, te.encode(PASSWORD), NACL_SALT, SENSITIVE.t, SENSITIVE.mKiB * 1024, sodium.crypto_pwhash_ALG_ARGON2I13);
  const nonce = sodium.randombytes_buf(24);
  const body = sodium.crypto_secretbox_easy(te.encode(JSON.stringify({ secretPhrase: PHRASE })), nonce, key);
  return new Uint8Array([...te.encode('$NACL'), ...nonce, ...body]);
}

function libsodiumOpen(file: Uint8Array): unknown {
  const key = sodium.crypto_pwhash(32, te.encode(PASSWORD), NACL_SALT, SENSITIVE.t, SENSITIVE.mKiB * 1024, sodium.crypto_pwhash_ALG_ARGON2I13);
  return JSON.parse(new TextDecoder().decode(sodium.crypto_secretbox_open_easy(file.subarray(29), file.subarray(5, 29), key)));
}

const nobleSync: Argon2iKdf = async (pw, salt, { t, mKiB }) => argon2i(pw, salt, { t, m: mKiB, p: 1, dkLen: 32, maxmem: mKiB * 1024 + (1 << 20) });

async function derivationRates(): Promise<Record<string, number>> {
  await cryptoWaitReady();
  const n = 200;
  const kr = new Keyring({ type: 'sr25519' });
  const ours = await timed(1, () => { for (let i = 0; i < n; i++) keypairFromUri(`${PHRASE}//${i}/x`); });
  const theirs = await timed(1, () => { for (let i = 0; i < n; i++) kr.addFromUri(`${PHRASE}//${i}/x`); });
  const kp = keypairFromUri(`${PHRASE}//s`);
  const msg = new Uint8Array(128);
  const sign = await timed(1, () => { for (let i = 0; i < n; i++) kp.sign(msg); });
  return {
    oursUriPerSec: round((n / ours.median) * 1000, 0),
    polkadotJsUriPerSec: round((n / theirs.median) * 1000, 0),
    oursSr25519SignPerSec: round((n / sign.median) * 1000, 0),
  };
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  await sodium.ready;
  ctx.log('keys: writing a SENSITIVE coldkey with libsodium');
  const file = libsodiumColdkey();
  const open = (kdf: Argon2iKdf) => async () => {
    const c = await openKeyfile(file, { password: PASSWORD, kdf });
    if (c.keypair?.address !== keypairFromUri(PHRASE).address) throw new Error('opened the wrong key');
  };
  ctx.log('keys: libsodium');
  const libsodium = await timed(RUNS, () => libsodiumOpen(file));
  ctx.log('keys: ours, pure JS (async)');
  const oursAsync = await timed(RUNS, open(nobleArgon2i));
  ctx.log('keys: ours, pure JS (sync)');
  const oursSync = await timed(1, open(nobleSync));
  const native = hasNativeArgon2 ? await timed(RUNS, open(platformArgon2i)) : null;
  const rates = await derivationRates();
  const ratio = round(oursAsync.median / libsodium.median, 2);
  return {
    name: 'keys',
    ok: true,
    node: process.versions.node,
    cost: { passes: SENSITIVE.t, memoryMiB: SENSITIVE.mKiB / 1024 },
    openColdkeyMs: { libsodium, oursPureJsAsync: oursAsync, oursPureJsSync: oursSync, oursNative: native ?? 'n/a (this Node has no crypto.argon2)' },
    pureJsVsLibsodium: ratio,
    ...rates,
    markdown: [
      '## Keys (benchmarks/keys.bench.ts)',
      '',
      `Open a $NACL coldkey (argon2i ${SENSITIVE.t} passes × ${SENSITIVE.mKiB / 1024} MiB, xsalsa20-poly1305) written by libsodium, Node ${process.versions.node}, median of ${RUNS}:`,
      '',
      '| implementation | ms |',
      '|---|--:|',
      `| libsodium-wrappers-sumo (WASM) | ${libsodium.median} |`,
      `| ours, pure JS (@noble/hashes argon2iAsync) | ${oursAsync.median} |`,
      `| ours, pure JS, synchronous argon2i (1 run) | ${oursSync.median} |`,
      `| ours, node:crypto native argon2 | ${native ? native.median : 'n/a on this Node'} |`,
      '',
      `Pure JS / libsodium: ${ratio}×. sr25519 keypairs from mnemonic + path: ours ${rates.oursUriPerSec}/s, polkadot.js ${rates.polkadotJsUriPerSec}/s; sr25519 signatures: ${rates.oursSr25519SignPerSec}/s.`,
      '',
    ],
  };
}
