// One cache and cycle guard for everything the registry derives per type id (codecs, minimum
// sizes, names), after polkadot-api's metadata-builders `with-cache.ts`. A type reached again
// while it is still being built is a cycle: `onCycle` gets how many type levels lie between the
// two visits. Metadata is network input, so the depth of the walk is bounded too: a chain of
// 100,000 nested composites must end in MetadataError, not a stack overflow.
import { MetadataError } from './errors.js';

/**
 * Deepest type nesting walked while building. Real metadata stays far below: the finney, devnet,
 * polkadot, kusama and substrate fixtures reach 8–14 levels when every type is built.
 */
export const MAX_TYPE_NESTING = 256;

export function withCache<T>(
  what: string,
  compute: (id: number) => T,
  onCycle: (id: number, levels: number) => T,
): (id: number) => T {
  const cache = new Map<number, T>();
  const stack: number[] = [];
  const position = new Map<number, number>();
  return function get(id: number): T {
    const hit = cache.get(id);
    if (hit !== undefined) return hit;
    const at = position.get(id);
    if (at !== undefined) return onCycle(id, stack.length - at);
    if (stack.length >= MAX_TYPE_NESTING) {
      throw new MetadataError(`${what}: types nest deeper than ${MAX_TYPE_NESTING} levels (at type id ${id}, via ${stack.slice(-4).join(' → ')})`);
    }
    position.set(id, stack.length);
    stack.push(id);
    try {
      const v = compute(id);
      cache.set(id, v);
      return v;
    } finally {
      stack.pop();
      position.delete(id);
    }
  };
}
