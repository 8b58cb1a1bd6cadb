// The chain-level interfaces of a generated file: for every pallet its storage (key tuple, value,
// `| null` exactly when the entry is Optional), constants, calls (composeCall's argument object),
// events (ChainEvent.data), errors (name → index), and every runtime API method (inputs, output).
// Their layout is `ChainDefinition` in src/substrate/typed.ts, which reads them.
import { isReversible, storageKeyTypes, type Metadata, type Pallet, type Registry, type StorageEntry } from '../scale/index.js';
import { docComment, propKey } from './doc.js';
import type { TypeRenderer } from './render.js';

type Section = (p: Pallet) => string[] | null;

function block(name: string, doc: string, pallets: Pallet[], section: Section): string {
  const parts: string[] = [];
  for (const p of pallets) {
    const lines = section(p);
    if (lines === null) continue;
    parts.push(`${docComment(p.docs, '  ')}  ${propKey(p.name)}: {\n${lines.join('\n')}\n  };`);
  }
  // a type alias, not an interface: only object type aliases fit ChainDefinition's Record<string, …>
  return `${docComment([doc])}export type ${name} = {\n${parts.join('\n')}\n};\n`;
}

function storageLine(reg: Registry, r: TypeRenderer, e: StorageEntry): string {
  const keyIds = storageKeyTypes(reg, e);
  const keys = keyIds.map((id) => r.expr(id));
  // queryMap hands back the raw hash for keys behind a non-reversible hasher (Blake2_128, Twox128...)
  const decoded = keyIds.map((_, i) => (isReversible(e.hashers[i]) ? keys[i] : 'Uint8Array'));
  const value = r.expr(e.valueType) + (e.modifier === 'Optional' ? ' | null' : '');
  return `${docComment(e.docs, '    ')}    ${propKey(e.name)}: { keys: [${keys.join(', ')}]; value: ${value}; decodedKeys: [${decoded.join(', ')}] };`;
}

function variantsOf(md: Metadata, id: number | null) {
  if (id === null) return null;
  const d = md.types[id].def;
  return d.tag === 'variant' ? d.variants : null;
}

/** The Storage, Constants, Calls, Events, Errors and Apis interfaces plus `Chain` tying them together. */
export function chainInterfaces(reg: Registry, r: TypeRenderer): string {
  const md = reg.metadata;
  const pallets = md.pallets;
  const out: string[] = [];
  out.push(block('Storage', 'Storage items by pallet: `keys` as query takes them, `value` as query returns it.', pallets, (p) =>
    p.storage && p.storage.items.length ? p.storage.items.map((e) => storageLine(reg, r, e)) : null));
  out.push(block('Constants', 'Pallet constants, decoded.', pallets, (p) =>
    p.constants.length ? p.constants.map((c) => `${docComment(c.docs, '    ')}    ${propKey(c.name)}: ${r.expr(c.type)};`) : null));
  out.push(block('Calls', 'Call arguments as composeCall takes them (null: the call takes none).', pallets, (p) =>
    variantsOf(md, p.calls)?.map((v) => `${docComment(v.docs, '    ')}    ${propKey(v.name)}: ${r.fields(v.fields, '    ')};`) ?? null));
  out.push(block('Events', 'Event data as `ChainEvent.data` holds it (undefined: the event has no fields).', pallets, (p) =>
    variantsOf(md, p.events)?.map((v) => `${docComment(v.docs, '    ')}    ${propKey(v.name)}: ${v.fields.length ? r.fields(v.fields, '    ') : 'undefined'};`) ?? null));
  out.push(block('Errors', 'Module errors by pallet: name → error index.', pallets, (p) =>
    variantsOf(md, p.errors)?.map((v) => `${docComment(v.docs, '    ')}    ${propKey(v.name)}: ${v.index};`) ?? null));
  out.push(apis(md, r));
  out.push(
    `/** Everything typed access needs to know about this chain (a \`ChainDefinition\`). */\n` +
      `export interface Chain {\n  storage: Storage;\n  constants: Constants;\n  calls: Calls;\n  events: Events;\n  errors: Errors;\n  apis: Apis;\n}\n`,
  );
  return out.join('\n');
}

// A tuple label must be a plain identifier (a quoted name is a syntax error there).
const label = (name: string, k: number) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : `arg${k}`);

function apis(md: Metadata, r: TypeRenderer): string {
  const parts = md.apis.map((a) => {
    const methods = a.methods.map((m) => {
      const args = m.inputs.map((i, k) => `${label(i.name, k)}: ${r.expr(i.type)}`);
      const named = m.inputs.map((i) => `${propKey(i.name)}: ${r.expr(i.type)}`);
      const obj = named.length ? `{ ${named.join('; ')} }` : '{}';
      return `${docComment(m.docs, '    ')}    ${propKey(m.name)}: { args: [${args.join(', ')}]; named: ${obj}; output: ${r.expr(m.output)} };`;
    });
    return `${docComment(a.docs, '  ')}  ${propKey(a.name)}: {\n${methods.join('\n')}\n  };`;
  });
  return `/** Runtime API methods: \`args\` by position, \`named\` by name, \`output\` as runtimeCall returns it. */\nexport type Apis = {\n${parts.join('\n')}\n};\n`;
}
