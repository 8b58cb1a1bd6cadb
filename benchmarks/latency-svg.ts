// latency.svg from results.json: wall time of N concurrent System.Account reads at a fixed RTT,
// one line per library, log-scaled N. Every number comes from the results object.
import { LIBS, type Lib } from './adapters/types.js';
import { OURS, num, type Results } from './report.js';

const COLORS: Record<Lib, string> = { 'substrate-lite': '#d62728', 'polkadot.js': '#e377c2', papi: '#1f77b4', dedot: '#2ca02c' };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function latencySvg(r: Results): string | null {
  const wl = r.benchmarks.workload;
  if (!wl?.libs) return null;
  const ns = wl.curveN as number[];
  const series = LIBS.map((l) => ({ lib: l, pts: ns.map((n) => [n, num(wl.libs[l]?.withLatency?.curveMs?.[n])] as [number, number | undefined]).filter((p) => p[1] !== undefined) as [number, number][] })).filter((s) => s.pts.length);
  if (!series.length) return null;
  const W = 720, H = 420, L = 70, R = 170, T = 40, B = 55;
  const maxY = Math.max(wl.rttMs, ...series.flatMap((s) => s.pts.map((p) => p[1])));
  const niceStep = (() => {
    const raw = maxY / 6, p = 10 ** Math.floor(Math.log10(raw)), m = raw / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  })();
  const yMax = Math.ceil(maxY / niceStep) * niceStep;
  const lx = (n: number) => L + ((Math.log2(n) - Math.log2(ns[0])) / (Math.log2(ns[ns.length - 1]) - Math.log2(ns[0]))) * (W - L - R);
  const ly = (v: number) => T + (1 - v / yMax) * (H - T - B);
  const o: string[] = [];
  o.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  o.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  o.push(`<text x="${W / 2 - R / 2 + L / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">N concurrent System.Account reads at ${wl.rttMs} ms RTT (median of ${wl.config.curveRuns})</text>`);
  for (let v = 0; v <= yMax + 1e-9; v += niceStep) {
    o.push(`<line x1="${L}" x2="${W - R}" y1="${ly(v).toFixed(1)}" y2="${ly(v).toFixed(1)}" stroke="#e5e5e5"/>`);
    o.push(`<text x="${L - 8}" y="${(ly(v) + 4).toFixed(1)}" text-anchor="end">${Math.round(v)}</text>`);
  }
  for (const n of ns) {
    o.push(`<line x1="${lx(n).toFixed(1)}" x2="${lx(n).toFixed(1)}" y1="${T}" y2="${H - B}" stroke="#f0f0f0"/>`);
    o.push(`<text x="${lx(n).toFixed(1)}" y="${H - B + 18}" text-anchor="middle">${n}</text>`);
  }
  o.push(`<line x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}" stroke="#333"/><line x1="${L}" x2="${L}" y1="${T}" y2="${H - B}" stroke="#333"/>`);
  o.push(`<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle">concurrent reads N (log scale)</text>`);
  o.push(`<text transform="translate(18 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">wall time (ms)</text>`);
  o.push(`<line x1="${L}" x2="${W - R}" y1="${ly(wl.rttMs).toFixed(1)}" y2="${ly(wl.rttMs).toFixed(1)}" stroke="#777" stroke-dasharray="6 4"/>`);
  o.push(`<text x="${W - R - 4}" y="${(ly(wl.rttMs) - 5).toFixed(1)}" text-anchor="end" fill="#555">one RTT (${wl.rttMs} ms)</text>`);
  series.forEach((s, i) => {
    const c = COLORS[s.lib];
    o.push(`<polyline fill="none" stroke="${c}" stroke-width="${s.lib === OURS ? 3 : 2}" points="${s.pts.map(([n, v]) => `${lx(n).toFixed(1)},${ly(v).toFixed(1)}`).join(' ')}"/>`);
    for (const [n, v] of s.pts) o.push(`<circle cx="${lx(n).toFixed(1)}" cy="${ly(v).toFixed(1)}" r="3.5" fill="${c}"><title>${esc(s.lib)}: N=${n}, ${v.toFixed(1)} ms</title></circle>`);
    const y = T + 10 + i * 22;
    o.push(`<line x1="${W - R + 16}" x2="${W - R + 40}" y1="${y}" y2="${y}" stroke="${c}" stroke-width="3"/><text x="${W - R + 46}" y="${y + 4}">${esc(s.lib)}</text>`);
  });
  o.push(`<text x="${W - R + 16}" y="${T + 10 + series.length * 22 + 10}" fill="#555" font-size="11">${esc(r.date.slice(0, 10))}</text>`);
  o.push('</svg>');
  return o.join('\n') + '\n';
}
