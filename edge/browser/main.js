// Browser entry (bundled by esbuild --platform=browser into edge/browser/bundle.js).
// Reads ?url=ws://… and leaves the JSON-safe result (or {ok:false,error}) in window.__result.
import * as root from '../../dist/index.js';
import * as keys from '../../dist/keys/index.js';
import { smoke } from '../smoke.js';

const lib = { ...root, keys };

const out = document.getElementById('out');
const url = new URLSearchParams(location.search).get('url');
const logs = [];
const log = (m) => {
  logs.push(m);
  out.textContent += m + '\n';
};

(async () => {
  try {
    if (!url) throw new Error('missing ?url=');
    const r = await smoke(url, lib, { log });
    window.__result = { ...r, runtime: navigator.userAgent, logs };
  } catch (e) {
    window.__result = { ok: false, error: String(e?.stack ?? e), logs };
  }
  out.textContent += JSON.stringify(window.__result, null, 2) + '\n';
})();
