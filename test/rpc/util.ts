// Small helpers shared by the rpc tests.

/** Polls `cond` until it is true or `ms` passes (then throws with `what`). */
export async function waitFor(cond: () => boolean, what = 'condition', ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Settles a promise into a value/error record so tests can assert on both. */
export async function settle<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: Error }> {
  try {
    return { ok: true, value: await p };
  } catch (e) {
    return { ok: false, error: e as Error };
  }
}

/** The error of a settled-and-failed result (throws if it actually succeeded). */
export function errorOf<E extends Error = Error>(r: { ok: boolean; error?: Error; value?: unknown }): E {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.value)}`);
  return r.error as E;
}
