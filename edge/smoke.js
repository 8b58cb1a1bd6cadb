// The one smoke program every host runs, unmodified. Plain ES module, no imports: the host passes
// the library module object (`lib`) so each runtime can load substrate-lite its own way.
//
//   smoke(url, lib, opts?) -> { ok: true, spec, metadata, free, head, ms, websocket }
//
// lib.keys: the substrate-lite/keys module (step 5 derives keys from a mnemonic + path, signs and
// verifies without the network; expected addresses computed with polkadot.js).
// opts.connect: optional first argument for SubstrateClient.connect instead of `url` (e.g. a
// provider built around a host-specific WebSocket); opts.log: progress callback.

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const SPEC = 218;
const METADATA = 15;

const now = () => (typeof performance !== 'undefined' && performance.now ? performance.now() : Date.now());
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function check(cond, what) {
  if (!cond) throw new Error(`smoke check failed: ${what}`);
}

const KEY_PHRASE = 'old leopard transfer rib spatial phone calm indicate online fire caution review';
const KEY_CASES = [
  ['sr25519', '//smoke/0///pw', '5En9awKyxHwgpNhozjoAki4fRqPKa6YfexzmW75Q4FgvefWK'],
  ['ed25519', '//smoke//0', '5CpEG743mfq2xdbhthjWR8aNcjmoQrFKzEmgZrRsg82KTSqK'],
  ['ecdsa', '//smoke//0', '5EzRURGEHPh3UiQGpkLX7H3EWFuXND8njdr2et2zTJjjS8B7'],
];

/** Keys: derive from mnemonic + path, sign, verify, reject a tampered payload. Returns the addresses. */
function keysSmoke(keys) {
  check(typeof keys?.keypairFromUri === 'function' && typeof keys.verify === 'function', 'lib.keys has keypairFromUri and verify');
  const payload = new TextEncoder().encode('substrate-lite edge smoke');
  return KEY_CASES.map(([type, path, address]) => {
    const kp = keys.keypairFromUri(KEY_PHRASE + path, { type });
    check(kp.address === address, `${type} ${path} address ${kp.address} === ${address}`);
    const sig = kp.sign(payload);
    check(keys.verify(payload, sig, kp.address, type), `${type} signature verifies`);
    const tampered = payload.slice();
    tampered[0] ^= 1;
    check(!keys.verify(tampered, sig, kp.address, type), `${type} signature of another payload does not verify`);
    check(!JSON.stringify(kp).includes('leopard'), `${type} keypair JSON holds no secret`);
    return `${type}:${kp.address}`;
  });
}

function withTimeout(p, ms, what) {
  let t;
  return Promise.race([
    p.finally(() => clearTimeout(t)),
    new Promise((_, reject) => {
      t = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

export async function smoke(url, lib, opts = {}) {
  const log = opts.log ?? (() => {});
  const t0 = now();
  const { SubstrateClient } = lib;
  const t1 = now();
  const keys = keysSmoke(lib.keys);
  log(`keys: ${keys.length} key types derived, signed and verified in ${Math.round(now() - t1)} ms`);
  check(typeof SubstrateClient?.connect === 'function', 'lib.SubstrateClient.connect is a function');

  log(`connect ${url}`);
  const client = await withTimeout(SubstrateClient.connect(opts.connect ?? url), 30_000, 'connect');
  try {
    // 1. runtime: version + metadata
    const rt = await client.runtime();
    const spec = rt.version.specVersion;
    check(spec === SPEC, `runtime specVersion ${spec} === ${SPEC}`);
    check(rt.metadata.version === METADATA, `metadata version ${rt.metadata.version} === ${METADATA}`);
    log(`spec ${spec}, metadata v${rt.metadata.version}`);

    // 2. storage: System.Account of Alice
    const acct = await withTimeout(client.query('System', 'Account', [ALICE]), 15_000, 'System.Account');
    const free = acct?.data?.free;
    check(typeof free === 'bigint', `System.Account.data.free is a bigint (got ${typeof free})`);
    check(free > 0n, `Alice free balance ${free} > 0`);
    log(`Alice free ${free}`);

    // 3. runtime API: Core.version
    const v = await withTimeout(client.runtimeCall('Core', 'version', []), 15_000, 'Core.version');
    check(Number(v?.spec_version) === SPEC, `Core.version spec_version ${v?.spec_version} === ${SPEC}`);

    // 4. subscription: one *new* head, produced on demand with dev_newBlock (Instant-mode chain)
    const before = Number((await client.rpc.request('chain_getHeader', [])).number);
    const it = client.subscribeHeads();
    let head;
    try {
      let pending = it.next(); // opens the subscription
      let kicks = 0;
      const kick = async () => {
        kicks++;
        await client.rpc.request('dev_newBlock', []);
      };
      await sleep(20);
      await kick();
      const deadline = now() + 20_000;
      for (;;) {
        const r = await Promise.race([pending, sleep(3_000).then(() => null)]);
        if (r === null) {
          // no head yet: produce another block (the first may have raced the subscription)
          check(now() < deadline, 'a new head within 20 s');
          await kick();
          continue;
        }
        check(!r.done, 'head subscription ended early');
        if (r.value.number > before) {
          head = r.value.number;
          break;
        }
        pending = it.next(); // the subscription's first item can be the current head
      }
      log(`new head #${head} (was #${before}, ${kicks} dev_newBlock)`);
    } finally {
      await it.return?.();
    }
    check(Number.isInteger(head) && head > before, `new head ${head} > ${before}`);

    return {
      ok: true,
      spec,
      metadata: rt.metadata.version,
      free: free.toString(),
      head,
      keys,
      ms: Math.round(now() - t0),
      websocket: opts.websocketLabel ?? (typeof globalThis.WebSocket === 'function' ? 'global WebSocket' : 'ws (fallback)'),
    };
  } finally {
    await client.close();
  }
}
