import { Metadata as PjsMetadata, TypeRegistry, expandMetadata } from '@polkadot/types';
import { compactStripLength, u8aToHex } from '@polkadot/util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRegistry, decodeMetadata, decodeStorageKey, storageKey, EncodeError, DecodeError, type Registry } from '../../src/scale/index.js';
import { readHexFixture, fixtureSkipReason } from '../../scripts/fixtures.js';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
let reg: Registry | null = null;
let pjsQuery: any;

beforeAll(async () => {
  const bytes = await readHexFixture('finney/metadata-v15-option.hex');
  if (!bytes) return;
  reg = createRegistry(decodeMetadata(bytes));
  const pjs = new TypeRegistry();
  const md = new PjsMetadata(pjs, bytes.subarray(bytes.indexOf(0x6d)));
  pjs.setMetadata(md);
  pjsQuery = expandMetadata(pjs, md).query;
});

const theirs = (fn: any, ...args: unknown[]) => u8aToHex(compactStripLength(fn(...args))[1]);

describe('storage keys match polkadot.js', () => {
  it('System.Account(address), a plain value and a double map', (ctx) => {
    if (!reg) return ctx.skip(fixtureSkipReason('finney/metadata-v15-option.hex'));
    expect(storageKey(reg, 'System', 'Account', [ALICE])).toBe(theirs(pjsQuery.system.account, ALICE));
    expect(storageKey(reg, 'System', 'Account', [ALICE])).toBe(
      '0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9de1e86a9a8c739864cf3cc5ec2bea59fd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d',
    );
    expect(storageKey(reg, 'SubtensorModule', 'TotalNetworks')).toBe(theirs(pjsQuery.subtensorModule.totalNetworks));
    for (const [netuid, hotkey] of [[1, ALICE], [0, BOB], [65535, ALICE]] as const) {
      expect(storageKey(reg, 'SubtensorModule', 'Uids', [netuid, hotkey])).toBe(theirs(pjsQuery.subtensorModule.uids, netuid, hotkey));
    }
    // hex public keys are accepted wherever an AccountId is
    expect(storageKey(reg, 'System', 'Account', ['0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d'])).toBe(
      storageKey(reg, 'System', 'Account', [ALICE]),
    );
  });

  it('every map of every pallet with u16/AccountId keys matches polkadot.js', (ctx) => {
    if (!reg) return ctx.skip();
    let n = 0;
    for (const p of reg.metadata.pallets) {
      for (const e of p.storage?.items ?? []) {
        if (e.keyType === null) continue;
        const types = e.hashers.length === 1 ? [e.keyType] : (reg.metadata.types[e.keyType].def as any).types;
        const sample = types.map((t: number) => {
          const name = reg!.typeName(t);
          return name === 'u16' ? 7 : name === 'u64' ? 123456789n : name === 'sp_core::crypto::AccountId32' ? BOB : undefined;
        });
        if (sample.includes(undefined)) continue;
        const section = p.name[0].toLowerCase() + p.name.slice(1);
        const method = e.name[0].toLowerCase() + e.name.slice(1);
        const fn = pjsQuery[section]?.[method];
        if (!fn) continue;
        expect(storageKey(reg, p.name, e.name, sample), `${p.name}.${e.name}`).toBe(theirs(fn, ...sample));
        n++;
      }
    }
    expect(n).toBeGreaterThan(50);
  });

  it('decodes map keys back for concat/identity hashers and returns hashes for the rest', (ctx) => {
    if (!reg) return ctx.skip();
    expect(decodeStorageKey(reg, 'System', 'Account', storageKey(reg, 'System', 'Account', [ALICE]))).toEqual([ALICE]);
    expect(decodeStorageKey(reg, 'SubtensorModule', 'Uids', storageKey(reg, 'SubtensorModule', 'Uids', [3, BOB]))).toEqual([3, BOB]);
    const prefix = storageKey(reg, 'SubtensorModule', 'Uids', [3]);
    expect(storageKey(reg, 'SubtensorModule', 'Uids', [3, BOB]).startsWith(prefix)).toBe(true);
    expect(() => decodeStorageKey(reg!, 'SubtensorModule', 'Uids', prefix)).toThrow(DecodeError);
  });

  it('names the bad key in encode errors', (ctx) => {
    if (!reg) return ctx.skip();
    expect(() => storageKey(reg!, 'System', 'Account', ['5Grwva-not-an-address'])).toThrow(EncodeError);
    expect(() => storageKey(reg!, 'System', 'Account', ['5Grwva-not-an-address'])).toThrow(/System.Account key 0/);
    expect(() => storageKey(reg!, 'SubtensorModule', 'Uids', [70000, ALICE])).toThrow(/u16/);
    expect(() => storageKey(reg!, 'System', 'Account', [ALICE, ALICE])).toThrow(/takes 1 key/);
    expect(() => storageKey(reg!, 'Nope', 'Account', [])).toThrow(/no pallet "Nope"/);
    expect(() => storageKey(reg!, 'System', 'Nope', [])).toThrow(/no storage item System.Nope/);
  });
});
