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

/**
 * Registers hooks asserting that each test leaves the heap (after gc) within `boundBytes` of
 * where it started. Call it before the file's own cleanup hooks: vitest runs after-hooks in
 * reverse order, so this check then runs after clients and servers are closed.
 */
export function trackHeap(hooks: { beforeEach(fn: () => Promise<void>): void; afterEach(fn: () => Promise<void>): void }, boundBytes: number): void {
  let start: number | undefined;
  hooks.beforeEach(async () => {
    start = await heapAfterGc();
  });
  hooks.afterEach(async () => {
    const end = await heapAfterGc();
    if (start === undefined || end === undefined) return;
    const grown = end - start;
    if (grown > boundBytes) throw new Error(`heap grew by ${(grown / 1048576).toFixed(1)} MB in this test (bound ${(boundBytes / 1048576).toFixed(0)} MB)`);
  });
}
