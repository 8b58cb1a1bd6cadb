// Generator rules on small hand-built type registries: one expectation per decoder rule (written
// from the README "Values" conventions and src/scale/registry.ts, not from the generator's output),
// names, and recursion — including a cycle through path-less types, which must be named to end.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { Field, Metadata, PortableType, TypeDef } from '../../src/scale/index.js';
import { assignNames } from '../../src/typegen/names.js';
import { createRenderer } from '../../src/typegen/render.js';

const f = (type: number, name: string | null = null, docs: string[] = []): Field => ({ name, type, typeName: null, docs });
const md = (defs: [path: string[], def: TypeDef, docs?: string[]][]): Metadata =>
  ({ types: defs.map(([path, def, docs], id): PortableType => ({ id, path, params: [], def, docs: docs ?? [] })) }) as unknown as Metadata;
const prim = (p: 'u8' | 'u16' | 'u32' | 'u64' | 'u128' | 'i64' | 'bool' | 'str' | 'char'): [string[], TypeDef] => [[], { tag: 'primitive', primitive: p }];

/** Does `source` typecheck on its own (strict)? Returns the diagnostics. */
function tsc(source: string): string[] {
  const host = ts.createCompilerHost({});
  const orig = host.getSourceFile;
  host.getSourceFile = (name, lang) => (name === 'gen.ts' ? ts.createSourceFile(name, source, lang) : orig.call(host, name, lang));
  const program = ts.createProgram(['gen.ts'], { strict: true, noEmit: true, lib: ['lib.es2022.d.ts'], types: [] }, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

describe('typegen rules', () => {
  const m = md([
    prim('u8'), // 0
    prim('u32'), // 1
    prim('u64'), // 2
    [[], { tag: 'sequence', type: 0 }], // 3 Vec<u8>
    [[], { tag: 'array', len: 32, type: 0 }], // 4 [u8; 32]
    [['sp_core', 'crypto', 'AccountId32'], { tag: 'composite', fields: [f(4)] }], // 5
    [['Option'], { tag: 'variant', variants: [{ name: 'None', fields: [], index: 0, docs: [] }, { name: 'Some', fields: [f(1)], index: 1, docs: [] }] }], // 6
    [['Result'], { tag: 'variant', variants: [{ name: 'Ok', fields: [f(1)], index: 0, docs: [] }, { name: 'Err', fields: [f(3)], index: 1, docs: [] }] }], // 7
    [[], { tag: 'compact', type: 1 }], // 8 Compact<u32>
    [[], { tag: 'compact', type: 2 }], // 9 Compact<u64>
    [[], { tag: 'bitSequence', storeType: 0, orderType: 0 }], // 10
    [['primitive_types', 'U256'], { tag: 'composite', fields: [f(2), f(2), f(2), f(2)] }], // 11
    [['sp_arithmetic', 'Perbill'], { tag: 'composite', fields: [f(1)] }], // 12 single unnamed field
    [[], { tag: 'compact', type: 12 }], // 13 Compact<Perbill> → through the wrapper to u32
    [[], { tag: 'tuple', types: [] }], // 14 ()
    [[], { tag: 'tuple', types: [1, 2] }], // 15 (u32, u64)
    [['pallet_x', 'Plain'], { tag: 'variant', variants: [{ name: 'A', fields: [], index: 0, docs: [] }, { name: 'B', fields: [], index: 1, docs: [] }] }], // 16
    [['frame_system', 'AccountInfo'], { tag: 'composite', fields: [f(1, 'nonce', ['The nonce.']), f(2, 'free')] }, ['Account data.']], // 17
    prim('bool'), // 18
    [['Option'], { tag: 'variant', variants: [{ name: 'None', fields: [], index: 0, docs: [] }, { name: 'Some', fields: [f(18)], index: 1, docs: [] }] }], // 19 Option<bool>
  ]);
  const r = createRenderer(m);

  it('maps each decoder rule to its TypeScript', () => {
    expect([0, 1, 2].map(r.expr)).toEqual(['number', 'number', 'bigint']);
    expect([3, 4].map(r.expr)).toEqual(['Uint8Array', 'Uint8Array']);
    expect(r.expr(5)).toBe('string');
    expect(r.expr(6)).toBe('number | null');
    expect(r.expr(7)).toBe('{ ok: number } | { err: Uint8Array }');
    expect([8, 9, 13].map(r.expr)).toEqual(['number', 'bigint', 'number']);
    expect(r.expr(10)).toBe('boolean[]');
    expect(r.expr(11)).toBe('bigint');
    expect(r.expr(12)).toBe('number');
    expect(r.expr(14)).toBe('null');
    expect(r.expr(15)).toBe('[number, bigint]');
    expect(r.expr(19)).toBe('boolean | null');
  });

  it('declares path-bearing structs and enums by name, with metadata docs', () => {
    expect(r.expr(16)).toBe('Plain');
    expect(r.expr(17)).toBe('AccountInfo');
    const decls = r.declarations();
    expect(decls).toContain('export type Plain = "A" | "B";');
    expect(decls).toContain('/**\n * Account data.\n *\n * Rust: `frame_system::AccountInfo`\n */\nexport interface AccountInfo {\n  /** The nonce. */\n  nonce: number;\n  free: bigint;\n}');
    expect(tsc(decls)).toEqual([]);
  });

  it('enums with payloads become { type, value } unions; a fieldless variant has no value', () => {
    const e = md([
      prim('u32'),
      [['x', 'E'], { tag: 'variant', variants: [
        { name: 'Unit', fields: [], index: 0, docs: ['no data'] },
        { name: 'One', fields: [f(0)], index: 1, docs: [] },
        { name: 'Named', fields: [f(0, 'a'), f(0, 'b')], index: 2, docs: [] },
        { name: 'Pair', fields: [f(0), f(0)], index: 3, docs: [] },
      ] }],
    ]);
    const re = createRenderer(e);
    expect(re.expr(1)).toBe('E');
    expect(re.declarations()).toContain('export type E = \n  /** no data */\n  | { type: "Unit" }\n  | { type: "One"; value: number }\n  | { type: "Named"; value: {\n    a: number;\n    b: number;\n  } }\n  | { type: "Pair"; value: [number, number] };');
  });

  it('recursive types: through a named type, and through path-less types only (named TypeN)', () => {
    const rec = md([
      prim('u32'), // 0
      [['tree', 'Node'], { tag: 'variant', variants: [{ name: 'Leaf', fields: [f(0)], index: 0, docs: [] }, { name: 'Branch', fields: [f(2)], index: 1, docs: [] }] }], // 1
      [[], { tag: 'sequence', type: 1 }], // 2 Vec<Node>
      [[], { tag: 'tuple', types: [0, 4] }], // 3 (u32, Vec<self>) — no path anywhere on the cycle
      [[], { tag: 'sequence', type: 3 }], // 4
    ]);
    const rr = createRenderer(rec);
    expect(rr.expr(1)).toBe('Node');
    const named3or4 = rr.expr(3);
    expect(named3or4 === 'Type3' || /^\[number, Type4\]$/.test(named3or4)).toBe(true);
    const decls = rr.declarations();
    expect(decls).toContain('| { type: "Branch"; value: Node[] }');
    expect(tsc(`${decls}\nexport type Check = ${named3or4};\nconst deep: Check = [1, [[2, []]]];\nexport { deep };`)).toEqual([]);
  });

  it('names: shortest distinguishing path suffix, filler segments skipped, generic instances numbered', () => {
    const types = [
      ['frame_system', 'pallet', 'Event'],
      ['pallet_balances', 'pallet', 'Event'],
      ['frame_support', 'PerDispatchClass'],
      ['frame_support', 'PerDispatchClass'],
      ['sp_arithmetic', 'FixedU128'],
      ['substrate_fixed', 'FixedU128'],
      ['x', 'Chain'],
    ].map((path, id) => ({ id, path, params: [], def: { tag: 'tuple', types: [] }, docs: [] }) as PortableType);
    const names = assignNames(types, types.map((t) => t.id));
    expect([...names.values()]).toEqual(['SystemEvent', 'BalancesEvent', 'PerDispatchClass', 'PerDispatchClass2', 'ArithmeticFixedU128', 'SubstrateFixedFixedU128', 'XChain']);
  });
});
