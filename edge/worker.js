// Cloudflare Worker (module syntax) running the smoke program in workerd, no nodejs_compat.
//   GET /?url=ws://127.0.0.1:PORT[&ws=global|fetch]
// ws=global (default): the library's own path, i.e. the global WebSocket constructor.
// ws=fetch: a WebSocketConstructor shim built on fetch(…, {Upgrade: 'websocket'}) + resp.webSocket.accept(),
//           passed to webSocketProvider({ WebSocket }) — the classic Workers outbound-WebSocket API.
import * as root from '../dist/index.js';
import * as keys from '../dist/keys/index.js';
import { smoke } from './smoke.js';

const lib = { ...root, keys };

/** Minimal WebSocketLike over a fetch-upgraded Workers socket. */
class FetchUpgradeWebSocket {
  constructor(url) {
    this.readyState = 0;
    this.binaryType = 'arraybuffer';
    this.onopen = this.onmessage = this.onclose = this.onerror = null;
    const httpUrl = url.replace(/^ws(s?):/, 'http$1:');
    fetch(httpUrl, { headers: { Upgrade: 'websocket' } }).then(
      (resp) => {
        const ws = resp.webSocket;
        if (!ws) throw new Error(`server did not accept the WebSocket upgrade (HTTP ${resp.status})`);
        ws.accept();
        this.ws = ws;
        ws.addEventListener('message', (ev) => this.onmessage?.({ data: ev.data }));
        ws.addEventListener('close', (ev) => {
          this.readyState = 3;
          this.onclose?.({ code: ev.code, reason: ev.reason });
        });
        ws.addEventListener('error', (ev) => this.onerror?.(ev));
        this.readyState = 1;
        this.onopen?.({});
      },
      (e) => {
        this.readyState = 3;
        this.onerror?.(e);
        this.onclose?.({ code: 1006, reason: String(e?.message ?? e) });
      },
    );
  }
  send(data) {
    this.ws.send(data);
  }
  close(code, reason) {
    if (this.readyState >= 2) return;
    this.readyState = 2;
    try {
      this.ws?.close(code, reason);
    } catch {
      /* already closed */
    }
  }
}

export default {
  async fetch(request) {
    const u = new URL(request.url);
    const url = u.searchParams.get('url');
    if (!url) return Response.json({ ok: false, error: 'missing ?url=' }, { status: 400 });
    const mode = u.searchParams.get('ws') ?? 'global';
    const logs = [];
    try {
      const opts = { log: (m) => logs.push(m) };
      if (mode === 'fetch') {
        opts.connect = lib.webSocketProvider(url, { WebSocket: FetchUpgradeWebSocket });
        opts.websocketLabel = 'fetch Upgrade: websocket (resp.webSocket.accept())';
      } else {
        opts.websocketLabel = typeof WebSocket === 'function' ? 'global WebSocket (workerd)' : 'none';
      }
      const r = await smoke(url, lib, opts);
      return Response.json({ ...r, runtime: 'workerd', logs });
    } catch (e) {
      return Response.json({ ok: false, error: String(e?.stack ?? e), logs }, { status: 500 });
    }
  },
};
