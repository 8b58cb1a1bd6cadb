/**
 * How the read and write groups become Subtensor methods. Each group module (./time.ts,
 * ./stake.ts, …) writes its calls as plain functions over a Subtensor and lists them in one object;
 * `attach` puts each on Subtensor.prototype with the Subtensor bound as the first argument, and
 * `Methods<G>` types them so (declaration merging in ./subtensor.ts). The class stays a small core
 * (connection, block selection, plumbing) however many of bittensor's methods are ported.
 * A method's doc comment sits on its entry in the group object: TypeScript carries that one (not
 * the function's) through `Methods<G>` to `st.name`, so that is what editors and TypeDoc show.
 * @module
 */
import type { Subtensor } from './subtensor.js';

/** A group's functions `(st, ...args) => R` as the methods `(...args) => R` they become. */
export type Methods<G> = {
  [K in keyof G]: G[K] extends (st: Subtensor, ...args: infer A) => infer R ? (...args: A) => R : never;
};

/** A group: method name → function over a Subtensor. */
export type Group = Record<string, (st: Subtensor, ...args: never[]) => unknown>;

/** Define each function of `groups` on `proto` as a method; a name defined twice is a bug. */
export function attach(proto: object, ...groups: Group[]): void {
  for (const group of groups) {
    for (const [name, fn] of Object.entries(group)) {
      if (Object.prototype.hasOwnProperty.call(proto, name)) throw new Error(`Subtensor.${name} is defined twice`);
      const f = fn as (st: Subtensor, ...args: unknown[]) => unknown;
      const method = {
        [name](this: Subtensor, ...args: unknown[]) {
          return f(this, ...args);
        },
      }[name];
      Object.defineProperty(proto, name, { value: method, writable: true, configurable: true, enumerable: false });
    }
  }
}
