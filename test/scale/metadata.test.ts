import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeMetadata, MetadataError, DecodeError, createRegistry, toHex, encode as encodeWith, decode as decodeWith } from '../../src/scale/index.js';
import { loadMetadataFixtures, type MetadataFixture } from '../helpers/metadata-fixtures.js';

let fixtures: MetadataFixture[] = [];
beforeAll(async () => {
  fixtures = await loadMetadataFixtures();
});

describe('decodeMetadata on real chains', () => {
  it('decodes every fixture to its version with dense type ids and no trailing bytes', (ctx) => {
    let decoded = 0;
    for (const f of fixtures) {
      if (!f.bytes) {
        console.warn(`skip ${f.name}: ${f.skip}`);
        continue;
      }
      const md = decodeMetadata(f.bytes);
      expect(md.version, f.name).toBe(f.version);
      expect(md.types.length, f.name).toBeGreaterThan(300);
      expect(md.pallets.find((p) => p.name === 'System')?.index, f.name).toBe(0);
      decoded++;
    }
    if (decoded === 0) ctx.skip();
  });

  it('matches polkadot.js JSON for pallets, storage, constants and runtime APIs', () => {
    for (const f of fixtures.filter((x) => x.polkadotJsonPath)) {
      const json = JSON.parse(readFileSync(f.polkadotJsonPath!, 'utf8'));
      const pj = json.metadata[`v${f.version}`];
      const md = decodeMetadata(f.bytes!);
      expect(md.pallets.map((p) => [p.name, p.index]), f.name).toEqual(pj.pallets.map((p: any) => [p.name, p.index]));
      for (let i = 0; i < md.pallets.length; i++) {
        const ours = md.pallets[i];
        const theirs = pj.pallets[i];
        expect(ours.storage?.items.map((e) => e.name) ?? [], `${f.name} ${ours.name}`).toEqual(
          theirs.storage?.items.map((e: any) => e.name) ?? [],
        );
        expect(ours.constants.map((k) => toHex(k.value)), `${f.name} ${ours.name} constants`).toEqual(
          theirs.constants.map((k: any) => k.value),
        );
        for (const [j, e] of (ours.storage?.items ?? []).entries()) {
          const te = theirs.storage.items[j];
          expect(e.modifier).toBe(te.modifier);
          expect(toHex(e.default)).toBe(te.fallback ?? te.default);
          if (te.type.map) {
            expect(e.hashers).toEqual(te.type.map.hashers);
            expect(e.keyType).toBe(te.type.map.key);
            expect(e.valueType).toBe(te.type.map.value);
          } else expect(e.valueType).toBe(te.type.plain);
        }
      }
      if (f.version >= 15) {
        expect(md.apis.map((a) => a.name)).toEqual(pj.apis.map((a: any) => a.name));
        expect(md.apis.flatMap((a) => a.methods.map((m) => [m.name, m.output]))).toEqual(
          pj.apis.flatMap((a: any) => a.methods.map((m: any) => [m.name, m.output])),
        );
        expect(md.outerEnums).toEqual(pj.outerEnums && { call: pj.outerEnums.callType, event: pj.outerEnums.eventType, error: pj.outerEnums.errorType });
      }
    }
  });

  it('reads the Subtensor runtime APIs and V16 transaction extensions', () => {
    const v15 = fixtures.find((f) => f.name === 'finney-v15');
    const v16 = fixtures.find((f) => f.name === 'subtensor-devnet-v16');
    if (v15?.bytes) {
      const md = decodeMetadata(v15.bytes);
      const names = md.apis.map((a) => a.name);
      expect(names).toEqual(expect.arrayContaining(['NeuronInfoRuntimeApi', 'SubnetInfoRuntimeApi', 'DelegateInfoRuntimeApi', 'StakeInfoRuntimeApi', 'Metadata']));
      const neurons = md.apis.find((a) => a.name === 'NeuronInfoRuntimeApi')!.methods.find((m) => m.name === 'get_neurons_lite')!;
      expect(neurons.inputs.map((i) => i.name)).toEqual(['netuid']);
      const reg = createRegistry(md);
      expect(reg.typeName(neurons.inputs[0].type)).toBe('u16');
      const sub = md.pallets.find((p) => p.name === 'SubtensorModule')!;
      const uids = sub.storage!.items.find((e) => e.name === 'Uids')!;
      expect(uids.hashers).toEqual(['Identity', 'Blake2_128Concat']);
    }
    if (v16?.bytes) {
      const md = decodeMetadata(v16.bytes);
      expect(md.extrinsic.versions.length).toBeGreaterThan(0);
      expect(md.extrinsic.extensions.map((e) => e.identifier)).toEqual(expect.arrayContaining(['CheckSpecVersion', 'CheckNonce', 'CheckMortality']));
      expect(md.apis.every((a) => typeof a.version === 'number')).toBe(true);
    }
  });

  it('accepts raw, Option<Vec<u8>> and Vec<u8> wrappings alike', () => {
    const f = fixtures.find((x) => x.name === 'polkadot-v15')!;
    const opt = f.bytes!;
    const raw = decodeMetadata(opt);
    // strip Option tag + compact length → raw "meta" blob
    const body = opt.subarray(opt.indexOf(0x6d));
    const fromRaw = decodeMetadata(body);
    expect(fromRaw.types.length).toBe(raw.types.length);
    expect(decodeMetadata(toHex(body)).pallets.length).toBe(raw.pallets.length);
  });

  it('rejects a wrong magic, an unknown version, None and truncation with typed errors', () => {
    const f = fixtures.find((x) => x.name === 'polkadot-v14')!;
    const bad = f.bytes!.slice();
    bad[0] = 0x6e;
    expect(() => decodeMetadata(bad)).toThrow(MetadataError);
    expect(() => decodeMetadata(bad)).toThrow(/magic/);
    const v13 = f.bytes!.slice();
    v13[4] = 13;
    expect(() => decodeMetadata(v13)).toThrow(/unsupported metadata version 13/);
    expect(() => decodeMetadata(new Uint8Array([0]))).toThrow(/None/);
    const cut = f.bytes!.subarray(0, 5000);
    try {
      decodeMetadata(cut);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DecodeError);
      expect((e as DecodeError).offset).toBeLessThanOrEqual(5000);
      expect((e as DecodeError).typePath).toMatch(/^MetadataV14/);
    }
  });
});

describe('Option<bool> from metadata', () => {
  it('uses the generic Option encoding (tag byte + bool), as the runtime and polkadot.js do — not the one-byte OptionBool', async (ctx) => {
    const { Metadata: PjsMetadata, TypeRegistry } = await import('@polkadot/types');
    const f = fixtures.find((x) => x.bytes && x.version >= 15);
    if (!f) return ctx.skip('no V15 metadata fixture');
    const md = decodeMetadata(f.bytes!);
    const reg = createRegistry(md);
    const ids = md.types.filter((t) => t.path.join('::') === 'Option' && t.def.tag === 'variant' && reg.typeName(t.id) === 'Option<bool>').map((t) => t.id);
    expect(ids.length).toBeGreaterThan(0);
    const pjs = new TypeRegistry();
    const hex = toHex(f.bytes!);
    pjs.setMetadata(new PjsMetadata(pjs, `0x${hex.slice(hex.indexOf('6d657461'))}` as `0x${string}`));
    for (const id of ids) {
      const c = reg.codec(id);
      for (const v of [null, true, false]) {
        const theirs = toHex(pjs.createType(pjs.createLookupType(id), v).toU8a());
        expect(toHex(encodeWith(c, v)), `type ${id} ${v}`).toBe(theirs);
      }
      expect(decodeWith(c, '0x0101')).toBe(true);
      expect(decodeWith(c, '0x0100')).toBe(false);
      expect(decodeWith(c, '0x00')).toBe(null);
      expect(() => decodeWith(c, '0x02')).toThrow(DecodeError);
    }
  });
});
