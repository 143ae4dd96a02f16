import { describe, expect, it } from 'vitest';
import { llama70b } from '../../test/helpers/calc-fixtures.js';
import { kvCacheBytesPerSequence, kvLayout } from './kv-cache.js';
import {
  maxSequencesInMemory,
  planMemory,
  smallestTensorParallel,
  tensorParallelCandidates,
  usableMemoryBytesPerGpu,
} from './memory-fit.js';
import { weightBytes } from './weights.js';

describe('usableMemoryBytesPerGpu', () => {
  it('memory × utilisation', () => {
    expect(usableMemoryBytesPerGpu(80, 0.9)).toBe(72e9);
    expect(usableMemoryBytesPerGpu(141, 0.85)).toBeCloseTo(119.85e9, 0);
  });
});

describe('tensorParallelCandidates', () => {
  it.each([
    [1, [1]],
    [8, [1, 2, 4, 8]],
    [12, [1, 2, 4, 8, 12]],
    [72, [1, 2, 4, 8, 16, 32, 64, 72]],
  ])('up to %d → %j', (max, expected) => {
    expect(tensorParallelCandidates(max)).toEqual(expected);
  });
});

describe('maxSequencesInMemory', () => {
  it.each([
    [4e9, 671_088_640, 5],
    [0, 1000, 0],
    [-5, 1000, 0],
    [3000, 1000, 3],
  ])('budget %d / %d B per sequence → %d', (budget, perSeq, expected) => {
    expect(maxSequencesInMemory(budget, perSeq)).toBe(expected);
  });
});

describe('Llama 3.1 70B bf16 on H100 80 GB (hand-computed)', () => {
  // Weights: 70e9 params × 2 B = 140 GB.
  // One sequence of 1,024 in + 1,024 out = 2,048 tokens × 327,680 B = 671,088,640 B (0.67 GB).
  // At gpu_memory_utilization 0.90 each GPU offers 72 GB:
  //   TP 1: 72 − 140 < 0 → no.   TP 2: 144 − 140 = 4 GB → floor(4e9 / 0.671e9) = 5 sequences → fits.
  // At 0.85 each GPU offers 68 GB:
  //   TP 2: 136 − 140 < 0 → no.  TP 4: 272 − 140 = 132 GB → 196 sequences.
  const weights = weightBytes(llama70b, 'bf16').totalBytes;
  const perSequence = kvCacheBytesPerSequence(kvLayout(llama70b), 2048, 'bf16');

  it('sequence size', () => {
    expect(weights).toBe(140e9);
    expect(perSequence).toBe(671_088_640);
  });

  it('TP 1 does not fit; TP 2 fits 5 sequences at 0.90', () => {
    expect(planMemory(72e9, weights, perSequence, 1)).toMatchObject({ fits: false, kvBudgetBytes: 0, maxSequencesByMemory: 0 });
    expect(planMemory(72e9, weights, perSequence, 2)).toMatchObject({ fits: true, kvBudgetBytes: 4e9, maxSequencesByMemory: 5 });
    expect(smallestTensorParallel(72e9, weights, perSequence, 8)?.tensorParallel).toBe(2);
  });

  it('needs TP 4 at 0.85, holding 196 sequences', () => {
    const plan = smallestTensorParallel(68e9, weights, perSequence, 8);
    expect(plan?.tensorParallel).toBe(4);
    expect(plan?.maxSequencesByMemory).toBe(196);
    expect(plan?.weightBytesPerGpu).toBe(35e9);
  });

  it('returns null when even the largest group is too small', () => {
    expect(smallestTensorParallel(72e9, weights, perSequence, 1)).toBeNull();
  });

  it('a group whose budget cannot hold one full-length sequence does not fit', () => {
    // 144 − 140 = 4 GB but a 16,384-token sequence needs 5.37 GB
    expect(planMemory(72e9, weights, kvCacheBytesPerSequence(kvLayout(llama70b), 16384, 'bf16'), 2).fits).toBe(false);
  });
});
