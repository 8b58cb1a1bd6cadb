// Reconnect backoff: exponential with "equal jitter" (half fixed, half random), so many clients
// don't reconnect in lockstep, yet each still waits at least half the nominal delay.

/** Delay before attempt number `step` (0-based); `random` is in [0, 1). Never below 1 ms. */
export function backoffDelay(step: number, minDelayMs: number, maxDelayMs: number, random: number): number {
  const min = Math.max(1, minDelayMs);
  const base = Math.min(Math.max(min, maxDelayMs), min * 2 ** Math.min(step, 30));
  return base / 2 + random * (base / 2);
}
