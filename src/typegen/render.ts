// Step two of the generator: shapes become TypeScript. Structs and enums that have a Rust path get
// a declaration of their own (named by names.ts, documented from metadata); everything else is
// written inline. A cycle that passes only through inline shapes (e.g. a path-less tuple holding
// itself) would never end, so a first pass finds such cycles and names one type on each.
import type { Field, Metadata, Variant } from '../scale/index.js';
import { classify, fieldsShape, shapeChildren, type Shape } from './classify.js';
import { docComment, propKey } from './doc.js';
import { assignNames } from './names.js';

export interface TypeRenderer {
  /** TypeScript type expression for a type id (a declared name or an inline type). */
  expr(id: number): string;
  /** TypeScript for a field list, as the decoder returns it (object, single value, tuple or null). */
  fields(fields: Field[], indent?: string): string;
  /** Declarations of every named type `expr` has referred to so far, in type-id order. */
  declarations(): string;
}

function declaredByDefault(md: Metadata, id: number, s: Shape): boolean {
  return (s.kind === 'struct' || s.kind === 'enum') && md.types[id].path.length > 0;
}

/** Ids that get a declaration: path-bearing structs/enums plus one id on every inline-only cycle. */
function namedIds(md: Metadata, shapes: Shape[]): number[] {
  const named = new Set<number>();
  shapes.forEach((s, id) => declaredByDefault(md, id, s) && named.add(id));
  const state = new Uint8Array(shapes.length); // 0 new, 1 on stack, 2 done
  for (let root = 0; root < shapes.length; root++) {
    if (state[root] !== 0 || named.has(root)) continue;
    // iterative DFS over inline edges (the type graph can be deep)
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const kids = shapeChildren(shapes[top[0]]);
      if (top[1] >= kids.length) {
        state[top[0]] = 2;
        stack.pop();
        continue;
      }
      const k = kids[top[1]++];
      if (named.has(k)) continue;
      if (state[k] === 1) named.add(k);
      else if (state[k] === 0) {
        state[k] = 1;
        stack.push([k, 0]);
      }
    }
  }
  return [...named].sort((a, b) => a - b);
}

const arrayOf = (t: string) => (/^[A-Za-z0-9_]+$/.test(t) ? `${t}[]` : `Array<${t}>`);

interface Ctx {
  md: Metadata;
  shapes: Shape[];
  names: Map<number, string>;
  /** Named ids referenced so far: their declarations are emitted. */
  used: Set<number>;
}

function expr(ctx: Ctx, id: number): string {
  const name = ctx.names.get(id);
  if (name === undefined) return body(ctx, ctx.shapes[id], '');
  ctx.used.add(id);
  return name;
}

function struct(ctx: Ctx, fs: Field[], indent: string): string {
  const inner = `${indent}  `;
  const lines = fs.map((f) => `${docComment(f.docs, inner)}${inner}${propKey(f.name!)}: ${expr(ctx, f.type)};`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function enumBody(ctx: Ctx, vs: Variant[], indent: string): string {
  if (vs.length === 0) return 'never';
  if (vs.every((v) => v.fields.length === 0)) return vs.map((v) => JSON.stringify(v.name)).join(' | ');
  const members = vs.map((v) => {
    const doc = docComment(v.docs, `${indent}  `);
    const tag = `type: ${JSON.stringify(v.name)}`;
    if (v.fields.length === 0) return `${doc}${indent}  | { ${tag} }`;
    return `${doc}${indent}  | { ${tag}; value: ${body(ctx, fieldsShape(v.fields), `${indent}  `)} }`;
  });
  return `\n${members.join('\n')}`;
}

function body(ctx: Ctx, s: Shape, indent: string): string {
  switch (s.kind) {
    case 'scalar':
      return s.ts;
    case 'bytes':
      return 'Uint8Array';
    case 'null':
      return 'null';
    case 'bits':
      return 'boolean[]';
    case 'alias':
      return expr(ctx, s.of);
    case 'struct':
      return struct(ctx, s.fields, indent);
    case 'tuple':
      return `[${s.items.map((id) => expr(ctx, id)).join(', ')}]`;
    case 'option':
      return `${expr(ctx, s.of)} | null`;
    case 'result':
      return `{ ok: ${expr(ctx, s.ok)} } | { err: ${expr(ctx, s.err)} }`;
    case 'enum':
      return enumBody(ctx, s.variants, indent);
    case 'seq':
      return arrayOf(expr(ctx, s.of));
  }
}

function declaration(ctx: Ctx, id: number): string {
  const t = ctx.md.types[id];
  const s = ctx.shapes[id];
  const name = ctx.names.get(id)!;
  const rust = t.path.length ? `\`${t.path.join('::')}\`` : `type #${id}`;
  const doc = docComment([...t.docs, ...(t.docs.length ? [''] : []), `Rust: ${rust}`]);
  // the body of the shape itself, not expr(id), which would be the name referring to itself
  if (s.kind === 'struct') return `${doc}export interface ${name} ${struct(ctx, s.fields, '')}\n`;
  return `${doc}export type ${name} = ${body(ctx, s, '')};\n`;
}

function declarations(ctx: Ctx): string {
  const out = new Map<number, string>();
  // rendering a declaration can reference further named types: loop until no new ones appear
  for (;;) {
    const todo = [...ctx.used].filter((id) => !out.has(id));
    if (todo.length === 0) break;
    for (const id of todo) out.set(id, declaration(ctx, id));
  }
  return [...out.keys()].sort((a, b) => a - b).map((id) => out.get(id)!).join('\n');
}

export function createRenderer(md: Metadata): TypeRenderer {
  const shapes = md.types.map((_, id) => classify(md, id));
  const ids = namedIds(md, shapes);
  const names = assignNames(md.types, ids.filter((id) => md.types[id].path.length > 0));
  for (const id of ids) if (!names.has(id)) names.set(id, `Type${id}`);
  const ctx: Ctx = { md, shapes, names, used: new Set() };
  return {
    expr: (id) => expr(ctx, id),
    fields: (fs, indent = '') => body(ctx, fieldsShape(fs), indent),
    declarations: () => declarations(ctx),
  };
}
