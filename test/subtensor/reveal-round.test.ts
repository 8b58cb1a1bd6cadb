// The drand round a commit is encrypted to (bittensor-drand 1.2.0 src/drand.rs). The clock is
// fixed (NOW) so each case has one answer; the expected numbers were worked out by hand from the
// formula, step by step in the comments, not by running our code.
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/substrate/errors.js';
import {
  BLOCK_TIME,
  FAST_BLOCK_TIME,
  QUICKNET,
  revealRound,
  revealRoundAfterBlocks,
  revealSchedule,
  type RevealRoundParams,
} from '../../src/subtensor/timelock/index.js';

const NOW = 1_764_000_000; // NOW − genesis (1692803367) = 71_196_633 s

describe('revealSchedule: hand-computed cases', () => {
  it('tempo 100, block 1000, netuid 1, 2 epochs, 12 s (bittensor-drand test_get_encrypted_commits)', () => {
    // epoch ⌊(1000+2)/101⌋ = 9; reveal epoch 11; first block 11·101 − 2 = 1109; ingest 1112;
    // 112 blocks · 12 s = 1344 s; ⌊(71_196_633 + 1344) / 3⌋ = ⌊71_197_977 / 3⌋ = 23_732_659
    expect(revealSchedule({ tempo: 100, currentBlock: 1000, netuid: 1, subnetRevealPeriodEpochs: 2, blockTime: 12, now: NOW })).toEqual({
      currentEpoch: 9,
      revealEpoch: 11,
      firstRevealBlock: 1109,
      targetIngestBlock: 1112,
      secondsUntilIngest: 1344,
      revealRound: 23_732_659,
    });
  });

  it('tempo 50, block 500, netuid 100, 2 epochs (test_generate_commit_success)', () => {
    // epoch ⌊601/51⌋ = 11; reveal 13; first 13·51 − 101 = 562; ingest 565; 65 · 12 = 780 s;
    // ⌊(71_196_633 + 780)/3⌋ = ⌊71_197_413/3⌋ = 23_732_471
    const s = revealSchedule({ tempo: 50, currentBlock: 500, netuid: 100, subnetRevealPeriodEpochs: 2, now: NOW });
    expect([s.currentEpoch, s.revealEpoch, s.firstRevealBlock, s.targetIngestBlock, s.secondsUntilIngest, s.revealRound]).toEqual([11, 13, 562, 565, 780, 23_732_471]);
  });

  it('tempo 20, block 10 000, netuid 1, 2 epochs (ffi.rs test_generate_commit_success)', () => {
    // epoch ⌊10_002/21⌋ = 476; reveal 478; first 478·21 − 2 = 10_036; ingest 10_039; 39 · 12 = 468 s;
    // ⌊71_197_101/3⌋ = 23_732_367
    expect(revealRound({ tempo: 20, currentBlock: 10_000, netuid: 1, subnetRevealPeriodEpochs: 2, now: NOW })).toBe(23_732_367);
  });

  it('tempo 10, block 100, netuid 1, 2 epochs (test_all_functions test_get_encrypted_commit), 12 s and fast blocks', () => {
    // epoch ⌊102/11⌋ = 9; reveal 11; first 11·11 − 2 = 119; ingest 122; 22 blocks
    // 12 s: 264 s → ⌊71_196_897/3⌋ = 23_732_299; 0.25 s: 5.5 s → ⌊71_196_638.5/3⌋ = 23_732_212
    const p: RevealRoundParams = { tempo: 10, currentBlock: 100, netuid: 1, subnetRevealPeriodEpochs: 2, now: NOW };
    expect(revealRound({ ...p, blockTime: BLOCK_TIME })).toBe(23_732_299);
    expect(revealSchedule({ ...p, blockTime: FAST_BLOCK_TIME })).toMatchObject({ secondsUntilIngest: 5.5, revealRound: 23_732_212 });
  });

  it('block 100 000, netuid 1, 1 epoch, for each tempo of test_generate_commit_various_tempos', () => {
    // tempo: [first reveal block, ingest block, seconds, round]
    const cases: [number, number, number, number, number][] = [
      [10, 100_010, 100_013, 156, 23_732_263], // ⌊100_002/11⌋ = 9091 → 9092·11 − 2
      [50, 100_009, 100_012, 144, 23_732_259], // ⌊100_002/51⌋ = 1960 → 1961·51 − 2
      [100, 100_089, 100_092, 1104, 23_732_579], // 990 → 991·101 − 2
      [250, 100_147, 100_150, 1800, 23_732_811], // 398 → 399·251 − 2
      [360, 100_356, 100_359, 4308, 23_733_647], // 277 → 278·361 − 2
      [500, 100_198, 100_201, 2412, 23_733_015], // 199 → 200·501 − 2
      [750, 100_632, 100_635, 7620, 23_734_751], // 133 → 134·751 − 2
      [1000, 100_098, 100_101, 1212, 23_732_615], // 99 → 100·1001 − 2
    ];
    for (const [tempo, first, ingest, secs, round] of cases) {
      const s = revealSchedule({ tempo, currentBlock: 100_000, netuid: 1, subnetRevealPeriodEpochs: 1, now: NOW });
      expect([s.firstRevealBlock, s.targetIngestBlock, s.secondsUntilIngest, s.revealRound], `tempo ${tempo}`).toEqual([first, ingest, secs, round]);
    }
  });

  it('a mechanism passes its storage index (mechid 1 of netuid 1 → 4097) as netuid', () => {
    // tempo 360, block 5 000 000: epoch ⌊5_004_098/361⌋ = 13_861; reveal 13_862;
    // first 13_862·361 − 4098 = 5_000_084; ingest 5_000_087; 87 · 12 = 1044 s → ⌊71_197_677/3⌋ = 23_732_559
    const p = { tempo: 360, currentBlock: 5_000_000, subnetRevealPeriodEpochs: 1, now: NOW };
    expect(revealRound({ ...p, netuid: 1 * 4096 + 1 })).toBe(23_732_559);
    expect(revealRound({ ...p, netuid: 1 })).not.toBe(23_732_559);
  });

  it('rounds down on fractional seconds', () => {
    // case 1 is 71_197_977 s ≡ 0 (mod 3); +2.9 s stays in the round, +3 s is the next one
    const p = { tempo: 100, currentBlock: 1000, netuid: 1, subnetRevealPeriodEpochs: 2 };
    expect(revealRound({ ...p, now: NOW + 2.9 })).toBe(23_732_659);
    expect(revealRound({ ...p, now: NOW + 3 })).toBe(23_732_660);
  });

  it('never returns a round below 1, and a passed reveal block waits 0 blocks', () => {
    // periods 0, netuid 0, tempo 10, block 8: epoch 0; first 0·11 − 1 saturates to 0; ingest 3 < 8
    const s = revealSchedule({ tempo: 10, currentBlock: 8, netuid: 0, subnetRevealPeriodEpochs: 0, now: QUICKNET.genesisTime + 1 });
    expect(s).toMatchObject({ firstRevealBlock: 0, targetIngestBlock: 3, secondsUntilIngest: 0, revealRound: 1 });
  });

  it('the round is the last one emitted by the ingest time', () => {
    for (let block = 0; block < 3000; block += 97) {
      for (const tempo of [1, 10, 99, 360]) {
        const now = NOW + (block % 7) * 0.37;
        const s = revealSchedule({ tempo, currentBlock: block, netuid: 3, subnetRevealPeriodEpochs: 1, now });
        const at = now + s.secondsUntilIngest - QUICKNET.genesisTime;
        expect(s.revealRound * QUICKNET.period).toBeLessThanOrEqual(at);
        expect((s.revealRound + 1) * QUICKNET.period).toBeGreaterThan(at);
        expect(s.firstRevealBlock).toBeGreaterThan(block);
      }
    }
  });
});

describe('revealRoundAfterBlocks (get_encrypted_commitment)', () => {
  it('adds round(blocks × blockTime) to whole seconds since genesis, then divides by the period', () => {
    expect(revealRoundAfterBlocks({ blocksUntilReveal: 10, now: NOW })).toBe(23_732_251); // (71_196_633 + 120) / 3
    expect(revealRoundAfterBlocks({ blocksUntilReveal: 1, now: NOW })).toBe(23_732_215); // (71_196_633 + 12) / 3
    // the clock's fraction is dropped first: ⌊NOW + 0.9⌋ + round(1.75) = 71_196_635 → 23_732_211
    expect(revealRoundAfterBlocks({ blocksUntilReveal: 7, blockTime: 0.25, now: NOW + 0.9 })).toBe(23_732_211);
    // Rust rounds 2.5 half away from zero, to 3: 71_196_636 / 3 = 23_732_212 (banker's rounding would give …211)
    expect(revealRoundAfterBlocks({ blocksUntilReveal: 5, blockTime: 0.5, now: NOW })).toBe(23_732_212);
  });
});

describe('argument checks', () => {
  const ok: RevealRoundParams = { tempo: 10, currentBlock: 100, netuid: 1, subnetRevealPeriodEpochs: 1, now: NOW };
  it.each([
    ['netuid', { ...ok, netuid: 65_536 }],
    ['tempo', { ...ok, tempo: -1 }],
    ['currentBlock', { ...ok, currentBlock: 1.5 }],
    ['blockTime', { ...ok, blockTime: 0 }],
    ['now', { ...ok, now: Number.NaN }],
  ] as const)('rejects a bad %s', (name, params) => {
    expect(() => revealRound(params)).toThrow(InvalidArgumentError);
    expect(() => revealRound(params)).toThrow(new RegExp(name));
  });
});
