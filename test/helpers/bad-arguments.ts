// The table runner of the bad-argument tests: each row replaces one argument of a known-good call
// with a malformed value and expects a typed error that names the argument and keeps the value,
// with nothing sent to the node. Value lists shared by the substrate and subtensor tables.
import { expect } from 'vitest';
import { SubstrateLiteError } from '../../src/errors.js';
import { InvalidArgumentError } from '../../src/substrate/index.js';
import { InvalidAddressError } from '../../src/scale/index.js';

/** [argument index, malformed value, the argument the error must name]. */
export type Bad = [index: number, value: unknown, argument: string];

export interface Entry {
  /** A well-formed argument list; each row replaces one of them. */
  args: unknown[];
  bad: Bad[];
  /** Why an entry has no rows (no arguments, or any value is valid). */
  none?: string;
}

export const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
export const HASH = `0x${'ab'.repeat(32)}`;
const SECRET_ARGS = new Set(['signer', 'secret', 'secretKey']);

export const BAD_HASHES: unknown[] = [
  '0x1234', `0x${'g'.repeat(64)}`, 'ab'.repeat(32), `0x${'a'.repeat(63)}`, `0x${'a'.repeat(65)}`, '', 12, {}, [HASH], true,
];
const bads = (i: number, name: string, values: unknown[]): Bad[] => values.map((v) => [i, v, name]);

/** A required non-empty string (pallet, item, API, method names). */
export const names = (i: number, name: string): Bad[] => bads(i, name, [null, undefined, '', 5, {}, ['System'], true]);
/** An optional array (keys): absent is valid, anything but an array is not. */
export const arrays = (i: number, name: string): Bad[] => bads(i, name, ['x', 5, {}, true, 1n]);
export const hexes = (i: number, name: string): Bad[] => bads(i, name, [null, undefined, 'zz', '0x123', '0xzz', 5, {}]);
/** A required SS58 address. */
export const addresses = (i: number, name: string): Bad[] => bads(i, name, [null, undefined, 5, '', 'not-an-address', ALICE.slice(0, -1), `${ALICE}1`, {}]);
/** A u32 block number. */
export const blockNumbers = (i: number, name: string, required = true): Bad[] =>
  bads(i, name, [-1, 1.5, NaN, Infinity, 2 ** 32, 2 ** 53, '5', 5n, {}, ...(required ? [null, undefined] : [])]);

/** An options object with the common `{ blockHash?, signal?, timeoutMs? }`. */
export function atOptions(i: number, name = 'opts'): Bad[] {
  return [
    ...bads(i, name, [5, 'x', [], true]),
    ...BAD_HASHES.map((h): Bad => [i, { blockHash: h }, `${name}.blockHash`]),
    ...[{}, 'x', 5].map((s): Bad => [i, { signal: s }, `${name}.signal`]),
    ...[-1, 1.5, NaN, 2 ** 31, '5'].map((t): Bad => [i, { timeoutMs: t }, `${name}.timeoutMs`]),
  ];
}

/** The value the error should keep: the replaced argument, walked down the argument's path. */
function pick(given: unknown, argument: string): unknown {
  let v = given;
  for (const step of (argument.match(/[^.[\]]+/g) ?? []).slice(1)) v = (v as Record<string, unknown>)[step];
  return v;
}

/** Settle a call that may throw, reject, or return an iterator that rejects on first next(). */
export async function outcome(f: () => unknown): Promise<unknown> {
  try {
    const r = f() as { then?: unknown; next?: () => Promise<unknown> } | undefined;
    if (r && typeof r.then === 'function') await r;
    else if (r && typeof r.next === 'function') await r.next();
    return undefined;
  } catch (e) {
    return e;
  }
}

/** The error is typed, names `argument`, and keeps the malformed value (never a secret). */
export function expectNamed(e: unknown, argument: string, given: unknown, label: string): void {
  expect(e, `${label}: expected a typed error`).toBeInstanceOf(SubstrateLiteError);
  const err = e as Error;
  if (err instanceof InvalidAddressError) {
    expect(err.message, label).toContain(`(argument ${argument})`);
    if (typeof given === 'string') expect(err.address, label).toBe(given);
    return;
  }
  expect(err, `${label}: ${err.message}`).toBeInstanceOf(InvalidArgumentError);
  const a = err as InvalidArgumentError;
  expect(a.argument, `${label}: ${a.message}`).toBe(argument);
  expect(a.message.startsWith(`${argument}: `), `${label}: ${a.message}`).toBe(true);
  if (SECRET_ARGS.has(argument)) expect(typeof a.value, label).toBe('string');
  else expect(a.value, label).toBe(pick(given, argument));
}

/** Run every row of `table` against `target` (an object whose methods the keys name). */
export async function runTable(
  table: Record<string, Entry>,
  call: (name: string, args: unknown[]) => unknown,
  sentCount: () => number,
): Promise<number> {
  let rows = 0;
  for (const [name, entry] of Object.entries(table)) {
    if (entry.bad.length === 0) expect(entry.none, `${name}: a row without bad values must say why`).toBeTruthy();
    for (const [i, value, argument] of entry.bad) {
      const args = [...entry.args];
      args[i] = value;
      const label = `${name}(arg ${i} = ${describeValue(value)})`;
      const before = sentCount();
      const e = await outcome(() => call(name, args));
      await new Promise((r) => setTimeout(r, 0)); // anything queued for the socket is sent by now
      expectNamed(e, argument, value, label);
      expect(sentCount(), `${label}: sent a request to the node`).toBe(before);
      rows++;
    }
  }
  return rows;
}

function describeValue(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number' || v === undefined) return String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
