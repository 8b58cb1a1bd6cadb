// What the registry knows about a type besides its codec: the fewest bytes a value can take (guards
// length prefixes before anything is allocated) and a readable name for messages.
import type { FieldsShape, TypeClass } from './type-class.js';
import type { PortableType, Primitive } from './metadata.js';

export const PRIM_SIZE: Record<Primitive, number> = {
  bool: 1, char: 4, str: 1, u8: 1, u16: 2, u32: 4, u64: 8, u128: 16, u256: 32, i8: 1, i16: 2, i32: 4, i64: 8, i128: 16, i256: 32,
};

function shapeSize(shape: FieldsShape, size: (id: number) => number): number {
  switch (shape.tag) {
    case 'none':
      return 0;
    case 'single':
      return size(shape.type);
    case 'struct':
      return shape.fields.reduce((n, f) => n + size(f.type), 0);
    case 'tuple':
      return shape.types.reduce((n, t) => n + size(t), 0);
  }
}

/** Fewest bytes a value of this class encodes to; `size` gives it for other ids (0 on a cycle, a safe lower bound). */
export function minSizeOf(cls: TypeClass, size: (id: number) => number): number {
  switch (cls.tag) {
    case 'primitive':
      return PRIM_SIZE[cls.primitive];
    case 'accountId32':
      return 32;
    case 'bigUint':
      return cls.bits / 8;
    case 'unit':
      return 0;
    case 'fields':
      return shapeSize(cls.shape, size);
    case 'tuple':
      return cls.types.reduce((n, t) => n + size(t), 0);
    case 'fixedBytes':
      return cls.len;
    case 'array':
      return cls.len * size(cls.inner);
    case 'option':
    case 'result':
    case 'enum':
    case 'bytes':
    case 'sequence':
    case 'compact':
    case 'bitSequence':
      return 1;
  }
}

/** `frame_system::AccountInfo<u32, …>`, `Vec<u8>`, `[u8; 32]`, `(u16, u64)`; `name` gives it for other ids. */
export function typeNameOf(t: PortableType, name: (id: number) => string): string {
  const d = t.def;
  if (t.path.length) {
    const params = t.params.filter((p) => p.type !== null).map((p) => name(p.type!));
    return t.path.join('::') + (params.length ? `<${params.join(', ')}>` : '');
  }
  switch (d.tag) {
    case 'primitive':
      return d.primitive;
    case 'sequence':
      return `Vec<${name(d.type)}>`;
    case 'array':
      return `[${name(d.type)}; ${d.len}]`;
    case 'tuple':
      return `(${d.types.map(name).join(', ')})`;
    case 'compact':
      return `Compact<${name(d.type)}>`;
    case 'bitSequence':
      return 'BitSequence';
    default:
      return `#${t.id}`;
  }
}
