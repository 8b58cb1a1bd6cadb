// Vectors for the argument checks (src/substrate/validate.ts): the bounds, the one rule for
// absent values, what each error keeps, and that a secret never reaches an error.
import { describe, expect, it } from 'vitest';
import {
  U32_MAX, atArg, blockHashArg, keysArg, optUintArg, show, signerArg, storageRequestsArg, uintArg,
} from '../../src/substrate/validate.js';
import { InvalidArgumentError, sr25519Signer } from '../../src/substrate/index.js';

const thrown = (f: () => unknown): InvalidArgumentError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidArgumentError);
    return e as InvalidArgumentError;
  }
  throw new Error('expected a throw');
};

describe('validate', () => {
  it('uintArg: integers in range pass unchanged; the rest name the argument and the range', () => {
    expect(uintArg(0, 'n')).toBe(0);
    expect(uintArg(U32_MAX, 'n', U32_MAX)).toBe(4294967295);
    for (const v of [-1, 1.5, NaN, Infinity, 2 ** 32]) expect(thrown(() => uintArg(v, 'n', U32_MAX)).message).toBe(`n: expected an integer in 0..4294967295, got ${v}`);
    expect(thrown(() => uintArg('5', 'n')).message).toBe('n: expected an integer in 0..9007199254740991, got "5"');
    expect(thrown(() => uintArg(5n, 'n')).value).toBe(5n);
    expect(optUintArg(null, 'n')).toBeUndefined();
    expect(optUintArg(undefined, 'n')).toBeUndefined();
  });

  it('blockHashArg: 0x + 64 hex in either case, lower-cased; absent is the head', () => {
    const h = `0x${'Ab'.repeat(32)}`;
    expect(blockHashArg(h, 'h')).toBe(h.toLowerCase());
    expect(blockHashArg(null, 'h')).toBeUndefined();
    expect(blockHashArg(undefined, 'h')).toBeUndefined();
    // Case-insensitive includes the prefix: the node only ever sees the lower-cased form.
    expect(blockHashArg(`0X${'AB'.repeat(32)}`, 'h')).toBe(`0x${'ab'.repeat(32)}`);
    for (const v of ['0x', `0x${'ab'.repeat(32)}0`, ` 0x${'ab'.repeat(32)}`, 'latest', 7]) expect(thrown(() => blockHashArg(v, 'h')).argument).toBe('h');
  });

  it('atArg: null options are {}; keeps unknown fields; checks the known ones', () => {
    expect(atArg(null)).toEqual({ blockHash: undefined, signal: undefined, timeoutMs: undefined });
    expect(atArg({ raw: true, timeoutMs: 0 })).toMatchObject({ raw: true, timeoutMs: 0 });
    expect(thrown(() => atArg({ timeoutMs: 2 ** 31 })).argument).toBe('opts.timeoutMs'); // setTimeout would clamp it to 1 ms
    expect(thrown(() => atArg([], 'sel')).message).toBe('sel: expected an options object, got an array of 0');
  });

  it('keysArg and storageRequestsArg: absent keys are none; each element is named by its path', () => {
    expect(keysArg(null, 'keys')).toEqual([]);
    expect(storageRequestsArg([['System', 'Number'], ['System', 'Account', null]], 'r')).toEqual([['System', 'Number', []], ['System', 'Account', []]]);
    const e = thrown(() => storageRequestsArg([['System', 'Account', [1]], ['System', 5]], 'r'));
    expect(e.message).toBe('r[1][1]: expected a non-empty string, got 5');
    expect(e.value).toBe(5);
  });

  it('show: short, typed renderings; long strings cut', () => {
    expect(show('a'.repeat(100))).toBe(JSON.stringify(`${'a'.repeat(80)}…`));
    expect([show(null), show(undefined), show(NaN), show(1n), show([1, 2]), show(new Uint8Array(3)), show(() => 1)]).toEqual([
      'null', 'undefined', 'NaN', '1n', 'an array of 2', '3 bytes', 'a function',
    ]);
    expect(show(new Map())).toBe('an object (Map)');
    expect(show(Object.create(null))).toBe('an object (null prototype)');
  });

  it('signerArg: a bad signer error carries a description, never the secret key', () => {
    const s = sr25519Signer(new Uint8Array(32).fill(7));
    const e = thrown(() => signerArg({ ...s, type: 'Rsa' }, 'signer'));
    expect(typeof e.value).toBe('string');
    const hex = Buffer.from(s.secretKey).toString('hex');
    expect(e.message + String(e.value)).not.toContain(hex.slice(0, 16));
    expect(JSON.stringify(Object.entries(e))).not.toContain(String(s.secretKey[0]) + ',' + String(s.secretKey[1]));
  });
});
