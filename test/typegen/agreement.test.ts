// The generator and the decoder agree: for every real metadata file the project tests, every
// storage default (as query returns it for an absent value) and every constant is decoded, written
// back as a TypeScript literal and typechecked by `tsc` against the generated type. A second,
// mutated literal per value (bigint ↔ number, an extra field...) carries `@ts-expect-error`, so a
// type that is wider than the decoder's output (say `unknown`) fails the test too.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, SHARED_FIXTURES } from '../../scripts/fixtures.js';
import { createRegistry, decodeMetadata } from '../../src/scale/index.js';
import { decodeStorageValue } from '../../src/substrate/storage-value.js';
import { generateTypes } from '../../src/typegen/index.js';
import { loadMetadataFixtures, type MetadataFixture } from '../helpers/metadata-fixtures.js';
import { literal, mutated } from './literal.js';

const OUT = join(PROJECT_ROOT, '.cache', 'typegen-agreement');

interface Generated {
  name: string;
  values: number;
  mutations: number;
  files: string[];
}

function accessor(section: string, pallet: string, item: string): string {
  return `Chain[${JSON.stringify(section)}][${JSON.stringify(pallet)}][${JSON.stringify(item)}]`;
}

function writeFixture(f: MetadataFixture): Generated {
  const md = decodeMetadata(f.bytes!);
  const reg = createRegistry(md, { ss58Prefix: f.ss58 });
  const dir = join(OUT, f.name);
  mkdirSync(dir, { recursive: true });
  const text = generateTypes(md, { source: f.name });
  // wide types would make every assertion pass: none may appear outside comments
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  expect(code.match(/\b(any|unknown|object)\b/g), f.name).toBeNull();
  writeFileSync(join(dir, 'chain.ts'), text);
  const lines = [`import type { Chain } from './chain.js';`, ''];
  let values = 0;
  let mutations = 0;
  const add = (type: string, v: unknown) => {
    lines.push(`export const v${values++}: ${type} = ${literal(v)};`);
    const bad = mutated(v);
    if (bad === null) return;
    lines.push('// @ts-expect-error the mutated value must not fit', `export const m${mutations++}: ${type} = ${bad};`);
  };
  for (const p of md.pallets) {
    for (const e of p.storage?.items ?? []) add(`${accessor('storage', p.name, e.name)}['value']`, decodeStorageValue(reg, e, null, e.name));
    for (const c of p.constants) add(accessor('constants', p.name, c.name), reg.constant(p.name, c.name).value);
  }
  writeFileSync(join(dir, 'assert.ts'), lines.join('\n') + '\n');
  return { name: f.name, values, mutations, files: [join(dir, 'chain.ts'), join(dir, 'assert.ts')] };
}

let fixtures: MetadataFixture[] = [];
beforeAll(async () => {
  fixtures = await loadMetadataFixtures();
});

describe('typegen ↔ decoder agreement (tsc on generated assertions)', () => {
  it('every storage default and constant conforms to its generated type, in every metadata file', (ctx) => {
    rmSync(OUT, { recursive: true, force: true });
    const usable = fixtures.filter((f) => f.bytes);
    // A machine without ../shared and without network has only the bundled fixtures: say so and skip.
    // Where the shared fixtures exist, all eight must be usable, so a lost one cannot pass silently.
    if (!existsSync(SHARED_FIXTURES)) return ctx.skip(`only ${usable.length} metadata files here (${SHARED_FIXTURES} is missing): ${fixtures.map((f) => f.skip).filter(Boolean).join('; ')}`);
    expect(usable.length, fixtures.map((f) => f.skip).filter(Boolean).join('; ')).toBeGreaterThanOrEqual(8);
    const gen = usable.map(writeFixture);
    const program = ts.createProgram(gen.flatMap((g) => g.files), {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2022.d.ts'], types: [], skipLibCheck: true,
    });
    const diags = ts.getPreEmitDiagnostics(program);
    const shown = diags.slice(0, 20).map((d) => {
      const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
      return `${d.file?.fileName.slice(OUT.length + 1)}:${pos ? pos.line + 1 : '?'} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`.slice(0, 400);
    });
    const total = gen.reduce((n, g) => n + g.values, 0);
    const totalMut = gen.reduce((n, g) => n + g.mutations, 0);
    console.log(`typegen agreement: ${gen.length} metadata files, ${total} values checked, ${totalMut} mutations rejected, ${diags.length} mismatches`);
    for (const g of gen) console.log(`  ${g.name}: ${g.values} values, ${g.mutations} mutations`);
    expect(shown).toEqual([]);
    expect(total).toBeGreaterThan(1000);
    expect(totalMut).toBeGreaterThan(total / 3);
  }, 180_000);
});
