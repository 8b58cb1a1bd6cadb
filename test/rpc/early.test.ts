// The early-notification buffer on fake timers: bounded in bytes (oldest id evicted) and in time
// (unclaimed ids dropped after the TTL), each dropped id reported once with its count.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EarlyNotifications } from '../../src/rpc/early.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function buffer(maxBytes = 1000, ttlMs = 5000) {
  const dropped: [string, number, string][] = [];
  const early = new EarlyNotifications((sid, n, why) => dropped.push([sid, n, why]), maxBytes, ttlMs);
  return { early, dropped };
}

describe('EarlyNotifications', () => {
  it('hands buffered notifications to the subscribe reply that claims them, in order', () => {
    const { early, dropped } = buffer();
    early.add('a', { result: 1 }, 100);
    early.add('a', { result: 2 }, 100);
    expect(early.size).toBe(200);
    expect(early.claim('a')).toEqual([{ result: 1 }, { result: 2 }]);
    expect(early.claim('a')).toEqual([]);
    expect(early.size).toBe(0);
    expect(dropped).toEqual([]);
  });

  it('over the byte limit, the oldest id goes first and is reported once with its count', () => {
    const { early, dropped } = buffer(1000);
    for (let i = 0; i < 4; i++) early.add('old', { i }, 200);
    early.add('new', { i: 0 }, 300);
    expect(early.size).toBe(300);
    expect(dropped).toEqual([['old', 4, 'over the byte limit']]);
    expect(early.claim('new')).toEqual([{ i: 0 }]);
  });

  it('a single notification larger than the limit is dropped at once', () => {
    const { early, dropped } = buffer(1000);
    early.add('x', {}, 1001);
    expect(early.size).toBe(0);
    expect(dropped).toEqual([['x', 1, 'over the byte limit']]);
  });

  it('an id nobody claims within the TTL is dropped and reported', async () => {
    const { early, dropped } = buffer(1_000_000, 5000);
    early.add('stray', {}, 10);
    await vi.advanceTimersByTimeAsync(3000);
    early.add('later', {}, 10);
    await vi.advanceTimersByTimeAsync(1999);
    expect(dropped).toEqual([]);
    await vi.advanceTimersByTimeAsync(2);
    expect(dropped).toEqual([['stray', 1, 'expired']]);
    await vi.advanceTimersByTimeAsync(3000);
    expect(dropped).toEqual([
      ['stray', 1, 'expired'],
      ['later', 1, 'expired'],
    ]);
    expect(early.size).toBe(0);
  });

  it('bounded under a flood: 64 ids x 1,100 x 1 KB never holds more than the limit', () => {
    const { early, dropped } = buffer(1024 * 1024);
    let peak = 0;
    for (let k = 0; k < 1100; k++) {
      for (let id = 0; id < 64; id++) {
        early.add(`s${id}`, { k }, 1024);
        peak = Math.max(peak, early.size);
      }
    }
    expect(peak).toBeLessThanOrEqual(1024 * 1024);
    expect(dropped.length).toBeGreaterThan(0);
  });
});
