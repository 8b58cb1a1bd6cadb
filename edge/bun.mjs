// Bun host: `bun edge/bun.mjs <url>` (Bun has a native WebSocket).
const url = process.argv[2];
const lib = { ...(await import('../dist/index.js')), keys: await import('../dist/keys/index.js') };
const { smoke } = await import('./smoke.js');
try {
  const r = await smoke(url, lib, { log: (m) => console.error(`[bun] ${m}`) });
  console.log(JSON.stringify({ ...r, runtime: `bun ${Bun.version}` }));
  process.exit(0);
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String(e?.stack ?? e) }));
  process.exit(1);
}
