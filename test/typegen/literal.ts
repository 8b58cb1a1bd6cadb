// Decoded values written back as TypeScript literals, so `tsc` can check them against generated
// types: bigint → `5n`, Uint8Array → `new Uint8Array(n)` (only the type matters to tsc).
export function literal(v: unknown, indent = ''): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NaN';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof Uint8Array) return `new Uint8Array(${v.length})`;
  if (Array.isArray(v)) return `[${v.map((x) => literal(x, indent)).join(', ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${JSON.stringify(k)}: ${literal(x, indent)}`);
    return `{ ${entries.join(', ')} }`;
  }
  throw new TypeError(`no literal for ${typeof v}`);
}

/**
 * A literal that must NOT fit the type if the type is as narrow as the decoder's output:
 * number ↔ bigint swapped, string → number, or an object with an extra key. Null when the value
 * has no such obvious mutation (arrays, null, booleans).
 */
export function mutated(v: unknown): string | null {
  if (typeof v === 'bigint') return `${v}`;
  if (typeof v === 'number') return `${v}n`;
  if (typeof v === 'string') return '0';
  if (v instanceof Uint8Array) return '"0x"';
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const inner = literal(v);
    return inner === '{  }' ? '{ __not_a_field: 1 }' : `${inner.slice(0, -2)}, "__not_a_field": 1 }`;
  }
  return null;
}
