// Readable names for the metadata types that get their own declaration: the shortest path suffix
// (in PascalCase) that no other path shares, so `frame_system::AccountInfo` becomes `AccountInfo`
// while the many `pallet::Event`s become `SystemPalletEvent`, `BalancesPalletEvent`, ... Generic
// instances of one path (same path, different type ids) get a numeric suffix in id order.
import type { PortableType } from '../scale/index.js';

/** Names the generated file declares itself; a metadata type may not take them. */
export const RESERVED = new Set([
  'Chain', 'Storage', 'Constants', 'Calls', 'Events', 'Errors', 'Apis',
  'Uint8Array', 'Array', 'Record', 'Promise', 'Date', 'Map', 'Set', 'Error', 'Object', 'String', 'Number', 'Boolean', 'BigInt', 'Symbol',
]);

function pascal(segment: string): string {
  return segment
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((s) => s[0].toUpperCase() + s.slice(1))
    .join('');
}

// Module segments that say nothing about the type ("pallet", "types") are skipped, and the
// pallet_/frame_ crate prefixes dropped: `pallet_balances::pallet::Event` → `BalancesEvent`.
const FILLER = new Set(['pallet', 'types', 'primitives', 'generic']);
function meaningful(path: string[]): string[] {
  const mods = path.slice(0, -1).filter((m) => !FILLER.has(m)).map((m) => m.replace(/^(pallet|frame|sp)_/, ''));
  return [...mods, path[path.length - 1]];
}

function suffixName(path: string[], k: number): string {
  const segs = meaningful(path);
  // past the meaningful segments, fall back to the whole raw path (always distinct)
  const n = (k <= segs.length ? segs.slice(-k) : path).map(pascal).join('');
  return /^[0-9]/.test(n) ? `T${n}` : n;
}

/** One name per type id in `ids` (all of which have a non-empty path). */
export function assignNames(types: readonly PortableType[], ids: readonly number[]): Map<number, string> {
  // group distinct paths by their last segment, then lengthen each path's suffix until unique
  const byPath = new Map<string, number[]>();
  for (const id of ids) {
    const key = types[id].path.join('::');
    const list = byPath.get(key);
    if (list) list.push(id);
    else byPath.set(key, [id]);
  }
  const paths = [...byPath.keys()].map((k) => k.split('::'));
  const chosen = new Map<string, string>();
  const taken = new Set<string>(RESERVED);
  for (const path of paths) {
    let k = 1;
    const clash = (kk: number) => paths.some((o) => o !== path && o.length >= kk && suffixName(o, kk) === suffixName(path, kk));
    while (k <= meaningful(path).length && (clash(k) || RESERVED.has(suffixName(path, k)))) k++;
    let name = suffixName(path, k);
    if (taken.has(name)) {
      let i = 2;
      while (taken.has(`${name}_${i}`)) i++;
      name = `${name}_${i}`;
    }
    taken.add(name);
    chosen.set(path.join('::'), name);
  }
  const out = new Map<number, string>();
  for (const [key, list] of byPath) {
    const base = chosen.get(key)!;
    list.sort((a, b) => a - b);
    list.forEach((id, i) => {
      let name = i === 0 ? base : /[0-9]$/.test(base) ? `${base}_${i + 1}` : `${base}${i + 1}`;
      while (i > 0 && taken.has(name)) name += '_';
      if (i > 0) taken.add(name);
      out.set(id, name);
    });
  }
  return out;
}
