// Node host: `node edge/node.mjs <url> [--global-ws]`. Without --global-ws on Node 20 the library
// falls back to the `ws` package; with it, `ws` is installed as globalThis.WebSocket *before* the
// library is imported, so the native-WebSocket path is exercised.
const args = process.argv.slice(2);
const url = args.find((a) => !a.startsWith('--'));
if (!url) {
  console.error('usage: node edge/node.mjs <ws-url> [--global-ws]');
  process.exit(2);
}
let label;
if (args.includes('--global-ws')) {
  if (typeof globalThis.WebSocket !== 'function') {
    globalThis.WebSocket = (await import('ws')).WebSocket;
    label = 'global WebSocket (ws installed as global)';
  } else label = 'global WebSocket (native)';
} else if (typeof globalThis.WebSocket === 'function') {
  label = 'global WebSocket (native)';
} else label = 'ws (fallback, dynamic import)';

const lib = { ...(await import('../dist/index.js')), keys: await import('../dist/keys/index.js') };
const { smoke } = await import('./smoke.js');
try {
  const r = await smoke(url, lib, { websocketLabel: label, log: (m) => console.error(`[node] ${m}`) });
  console.log(JSON.stringify({ ...r, runtime: `node ${process.version}` }));
  process.exit(0);
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String(e?.stack ?? e) }));
  process.exit(1);
}
