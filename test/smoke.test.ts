import { describe, expect, it } from 'vitest';
import { SubstrateLiteError, AbortError, throwIfAborted } from '../src/errors.js';

describe('errors', () => {
  it('AbortError carries the signal reason and a stable name', () => {
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    let caught: unknown;
    try { throwIfAborted(ac.signal, 'query'); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(AbortError);
    expect(caught).toBeInstanceOf(SubstrateLiteError);
    expect((caught as AbortError).name).toBe('AbortError');
    expect((caught as Error).message).toBe('query was aborted');
    expect(((caught as Error).cause as Error).message).toBe('stop');
  });
});
