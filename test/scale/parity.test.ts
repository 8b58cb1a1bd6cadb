// Parity with polkadot.js: every storage default and every constant of every real metadata file,
// decoded by us and by @polkadot/types, must agree after this documented normalisation:
//   - our bigint/number  ≙ their number or 0x-hex integer (polkadot.js switches to hex above 2^52)
//   - our Uint8Array     ≙ their 0x-hex string
//   - our struct keys (snake_case, as in metadata) ≙ their camelCase keys
//   - our enum {type, value} ≙ their {camelCase(type): value}; our plain-string enum ≙ their string
//   - our [key, value][] for BTreeMap ≙ their object (compared entry by entry in order)
//   - our boolean[] BitSequence ≙ their hex of the packed bytes
// Then every value must re-encode to the exact input bytes.
import { TypeRegistry, Metadata as PjsMetadata } from '@polkadot/types';
import { stringCamelCase } from '@polkadot/util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRegistry, decodeMetadata, encode, decode, toHex, option } from '../../src/scale/index.js';
import { loadMetadataFixtures, type MetadataFixture } from '../helpers/metadata-fixtures.js';

let fixtures: MetadataFixture[] = [];
beforeAll(async () => {
  fixtures = await loadMetadataFixtures();
});

function sameInt(ours: bigint | number, theirs: unknown): boolean {
  if (typeof theirs === 'number') return BigInt(ours) === BigInt(theirs);
  if (typeof theirs === 'string' && /^0x[0-9a-f]*$/i.test(theirs)) return BigInt(ours) === BigInt(theirs === '0x' ? 0 : theirs);
  if (typeof theirs === 'string' && /^-?\d+$/.test(theirs)) return BigInt(ours) === BigInt(theirs);
  return false;
}

function packBits(bits: boolean[]): string {
  const out = new Uint8Array(Math.ceil(bits.length / 8));
  bits.forEach((b, i) => b && (out[i >> 3] |= 1 << (i & 7)));
  return toHex(out);
}

/** Returns a description of the first difference, or null. */
export function diff(ours: unknown, theirs: unknown, path = ''): string | null {
  const bad = () => `${path || '<root>'}: ours ${fmt(ours)} vs polkadot.js ${fmt(theirs)}`;
  if (typeof ours === 'bigint' || typeof ours === 'number') return sameInt(ours, theirs) ? null : bad();
  if (ours instanceof Uint8Array) return typeof theirs === 'string' && toHex(ours) === theirs.toLowerCase() ? null : bad();
  if (ours === null) return theirs === null || (typeof theirs === 'object' && theirs && Object.keys(theirs).length === 0) || (Array.isArray(theirs) && theirs.length === 0) ? null : bad();
  if (typeof ours === 'string' || typeof ours === 'boolean') {
    if (ours === theirs) return null;
    // an enum variant with only an empty payload renders as {name: null} on their side
    if (typeof ours === 'string' && theirs && typeof theirs === 'object' && stringCamelCase(ours) in (theirs as object)) return null;
    return bad();
  }
  if (Array.isArray(ours)) {
    if (ours.every((x) => typeof x === 'boolean') && typeof theirs === 'string') return packBits(ours as boolean[]) === theirs ? null : bad();
    if (theirs && typeof theirs === 'object' && !Array.isArray(theirs)) {
      // BTreeMap: ours [k, v][], theirs {k: v}
      const tv = Object.values(theirs);
      if (tv.length !== ours.length) return bad();
      for (let i = 0; i < ours.length; i++) {
        const d = diff((ours[i] as unknown[])[1], tv[i], `${path}[${i}]`);
        if (d) return d;
      }
      return null;
    }
    if (typeof theirs === 'string' && ours.length === 0) return theirs === '0x' ? null : bad();
    if (!Array.isArray(theirs) || theirs.length !== ours.length) return bad();
    for (let i = 0; i < ours.length; i++) {
      const d = diff(ours[i], theirs[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (typeof ours === 'object') {
    const o = ours as Record<string, unknown>;
    if ('type' in o && typeof o.type === 'string' && Object.keys(o).length <= 2 && (('value' in o) || Object.keys(o).length === 1)) {
      // enum
      if (!('value' in o) && theirs === o.type) return null;
      if (!theirs || typeof theirs !== 'object') return bad();
      const key = stringCamelCase(o.type);
      const t = theirs as Record<string, unknown>;
      const k = key in t ? key : o.type in t ? o.type : Object.keys(t).find((x) => x.toLowerCase() === (o.type as string).toLowerCase());
      if (k === undefined) {
        // could also be a struct with a field called `type`: fall through
      } else return 'value' in o ? diff(o.value, t[k], `${path}.${o.type}`) : null;
    }
    if ('ok' in o || 'err' in o) {
      const t = theirs as Record<string, unknown>;
      if ('ok' in o) return diff(o.ok, t?.ok ?? t?.Ok, `${path}.ok`);
      return diff(o.err, t?.err ?? t?.Err, `${path}.err`);
    }
    if (!theirs || typeof theirs !== 'object' || Array.isArray(theirs)) return bad();
    const t = theirs as Record<string, unknown>;
    for (const [k, v] of Object.entries(o)) {
      const tk = stringCamelCase(k) in t ? stringCamelCase(k) : k;
      const d = diff(v, t[tk], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return bad();
}

function fmt(v: unknown): string {
  const s = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? toHex(x) : x));
  return s && s.length > 200 ? s.slice(0, 200) + '…' : String(s);
}

describe('parity with polkadot.js on real metadata', () => {
  it('storage defaults and constants decode like polkadot.js and re-encode byte-exact', () => {
    let compared = 0;
    const mismatches: string[] = [];
    const report: Record<string, number> = {};
    for (const f of fixtures) {
      if (!f.bytes || f.version === 16) continue; // @polkadot/types 16.5 does not decode V16 values by lookup id
      const md = decodeMetadata(f.bytes);
      const reg = createRegistry(md, { ss58Prefix: f.ss58 });
      const pjs = new TypeRegistry();
      const pmd = new PjsMetadata(pjs, f.bytes[0] === 1 ? f.bytes.subarray(f.bytes.indexOf(0x6d)) : f.bytes);
      pjs.setMetadata(pmd);
      pjs.setChainProperties(pjs.createType('ChainProperties', { ss58Format: f.ss58 }) as never);
      let n = 0;
      const check = (what: string, typeId: number, bytes: Uint8Array, optional: boolean) => {
        const lookup = pjs.createLookupType(typeId);
        let theirs: unknown;
        try {
          theirs = pjs.createTypeUnsafe(optional ? `Option<${lookup}>` : lookup, [bytes]).toJSON();
        } catch {
          return; // polkadot.js cannot build this type; nothing to compare against
        }
        const c = optional ? option(reg.codec(typeId)) : reg.codec(typeId);
        const ours = decode(c, bytes);
        const d = diff(ours, theirs);
        if (d) mismatches.push(`${f.name} ${what}: ${d}`);
        expect(toHex(encode(c, ours)), `${f.name} ${what} round-trip`).toBe(toHex(bytes));
        n++;
      };
      for (const p of md.pallets) {
        for (const e of p.storage?.items ?? []) check(`${p.name}.${e.name} default`, e.valueType, e.default, e.modifier === 'Optional');
        for (const k of p.constants) check(`${p.name}.${k.name} constant`, k.type, k.value, false);
      }
      report[f.name] = n;
      compared += n;
    }
    console.log(`parity: compared ${compared} values (${JSON.stringify(report)}), ${mismatches.length} mismatches`);
    expect(mismatches.slice(0, 20)).toEqual([]);
    // every metadata file available here contributed (finney files are absent on a machine without
    // ../shared and no network; the npm ones are always there)
    expect(Object.keys(report).length).toBeGreaterThanOrEqual(4);
    for (const [name, n] of Object.entries(report)) expect(n, name).toBeGreaterThan(250);
  });
});
