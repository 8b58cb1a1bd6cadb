// Deno host: `deno run --allow-net --allow-read --allow-env edge/deno.mjs <url>`.
// dist/index.js imports @noble/@scure bare specifiers; Deno resolves them from node_modules
// through the project's package.json (--node-modules-dir / byonm), see scripts/edge-smoke.ts.
const url = Deno.args[0];
const lib = { ...(await import('../dist/index.js')), keys: await import('../dist/keys/index.js') };
const { smoke } = await import('./smoke.js');
try {
  const r = await smoke(url, lib, { log: (m) => console.error(`[deno] ${m}`) });
  console.log(JSON.stringify({ ...r, runtime: `deno ${Deno.version.deno}` }));
  Deno.exit(0);
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String(e?.stack ?? e) }));
  Deno.exit(1);
}
