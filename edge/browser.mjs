// Chromium host: `node edge/browser.mjs <ws-url>`. Serves edge/browser/ (index.html + the esbuild
// bundle) from a tiny http server on 127.0.0.1, opens it in headless Chromium via playwright-core
// and prints window.__result as JSON. CHROMIUM=/path overrides /usr/bin/chromium.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const url = process.argv[2];
const root = join(dirname(fileURLToPath(import.meta.url)), 'browser');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(join(root, 'bundle.js'))) {
  console.log(JSON.stringify({ ok: false, error: 'edge/browser/bundle.js missing (run scripts/edge-smoke.ts, which bundles it)' }));
  process.exit(1);
}

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
const server = createServer(async (req, res) => {
  const path = normalize(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
  try {
    const body = await readFile(join(root, path));
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const page = `http://127.0.0.1:${server.address().port}/index.html?url=${encodeURIComponent(url)}`;

const { chromium } = await import('playwright-core');
let browser;
let code = 1;
const consoleLines = [];
try {
  browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const p = await browser.newPage();
  p.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  p.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
  await p.goto(page);
  await p.waitForFunction(() => window.__result !== undefined, null, { timeout: 60_000 });
  const r = await p.evaluate(() => window.__result);
  r.runtime = `chromium ${browser.version()}`;
  delete r.logs;
  if (!r.ok) r.console = consoleLines;
  console.log(JSON.stringify(r));
  code = r.ok ? 0 : 1;
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String(e?.stack ?? e), console: consoleLines }));
} finally {
  await browser?.close().catch(() => {});
  server.close();
}
process.exit(code);
