import { describe, expect, it } from 'vitest';
import { CalcInputError } from './errors.js';
import type { Workload } from './workload.js';
import { resolveWorkload, totalTokensPerMonth, withVolume } from './workload.js';

const w: Workload = { inputTokensPerMonth: 3e9, outputTokensPerMonth: 1e9, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 };

describe('resolveWorkload', () => {
  it('fills defaults explicitly', () => {
    expect(resolveWorkload(w)).toEqual({ ...w, cachedInputShare: 0, batchShare: 0, peakToAverageRatio: 2 });
  });

  it.each<[string, Partial<Workload>]>([
    ['workload.inputTokensPerMonth', { inputTokensPerMonth: -1 }],
    ['workload.outputTokensPerMonth', { outputTokensPerMonth: 0 }],
    ['workload.outputTokensPerMonth', { outputTokensPerMonth: Number.NaN }],
    ['workload.inputTokensPerRequest', { inputTokensPerRequest: 0 }],
    ['workload.outputTokensPerRequest', { outputTokensPerRequest: 0.5 }],
    ['workload.cachedInputShare', { cachedInputShare: 1 }],
    ['workload.batchShare', { batchShare: 1.1 }],
    ['workload.peakToAverageRatio', { peakToAverageRatio: 0.5 }],
  ])('rejects %s', (field, bad) => {
    try {
      resolveWorkload({ ...w, ...bad });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CalcInputError);
      expect((e as CalcInputError).field).toBe(field);
    }
  });
});

describe('withVolume', () => {
  it('scales input and output together, keeping the shape', () => {
    const scaled = withVolume(resolveWorkload(w), 8e9);
    expect(scaled.inputTokensPerMonth).toBe(6e9);
    expect(scaled.outputTokensPerMonth).toBe(2e9);
    expect(scaled.inputTokensPerRequest).toBe(1500);
    expect(totalTokensPerMonth(scaled)).toBe(8e9);
  });
});
