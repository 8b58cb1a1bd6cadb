// Assertions shared by the hostile-server tests: every promise settles by twice its deadline,
// and the heap after gc is back near a baseline.

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: Error };

/**
 * Settles every promise; throws if any is still pending `bound` ms after the call (the tests
 * pass twice the request deadline). Returns the outcomes in order.
 */
export async function settleAll<T>(ps: Promise<T>[], bound: number): Promise<Outcome<T>[]> {
  const out: (Outcome<T> | undefined)[] = new Array(ps.length);
  let left = ps.length;
  ps.forEach((p, i) =>
    p.then(
      (value) => ((out[i] = { ok: true, value }), left--),
      (error: Error) => ((out[i] = { ok: false, error }), left--),
    ),
  );
  const until = Date.now() + bound;
  while (left > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  if (left > 0) throw new Error(`${left} of ${ps.length} promises still pending after ${bound} ms`);
  return out as Outcome<T>[];
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Heap used after two gc passes, or undefined when the test runs without --expose-gc. */
export async function heapAfterGc(): Promise<number | undefined> {
  if (!gc) return undefined;
  await new Promise((r) => setTimeout(r, 20));
  gc();
  await new Promise((r) => setTimeout(r, 20));
  gc();
  return process.memoryUsage().heapUsed;
}
