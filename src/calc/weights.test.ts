import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepseekV3, gptOss120b, graniteHSmall, llama70b } from '../../test/helpers/calc-fixtures.js';
import { CalcInputError } from './errors.js';
import { expectedExpertsTouched, parameterSplit, weightBytes, weightBytesReadPerStep } from './weights.js';

describe('parameterSplit', () => {
  it('dense models are all non-expert', () => {
    const s = parameterSplit(llama70b);
    expect(s).toMatchObject({ isMoe: false, paramsPerExpert: 0, expertParams: 0, nonExpertParams: 70e9 });
  });

  it('gpt-oss-120b: p = (117 − 5.1) / (128 − 4), non-expert = 5.1 − 4p', () => {
    // By hand: p = 111.9e9 / 124 = 0.902419e9; non-expert = 5.1e9 − 3.609677e9 = 1.490323e9
    const s = parameterSplit(gptOss120b);
    expect(s.paramsPerExpert).toBeCloseTo(0.902419e9, -4);
    expect(s.nonExpertParams).toBeCloseTo(1.490323e9, -4);
    expect(s.expertParams + s.nonExpertParams).toBeCloseTo(117e9, -3);
  });

  it('shared experts cancel in total − active and stay in the always-read part', () => {
    const withShared = parameterSplit({ ...graniteHSmall, numSharedExperts: 1 });
    const without = parameterSplit({ ...graniteHSmall, numSharedExperts: 0 });
    expect(withShared).toEqual(without);
    // Granite 4.0 H-Small: p = 23e9 / 62; non-expert = 9e9 − 10p
    expect(withShared.paramsPerExpert).toBeCloseTo(23e9 / 62, 0);
    expect(withShared.nonExpertParams).toBeCloseTo(9e9 - (10 * 23e9) / 62, 0);
  });

  it('throws when active parameters cannot hold k experts', () => {
    // p = (100 − 10) / (10 − 9) = 90 B per expert, so active − 9 × 90 = −800 B: contradictory counts
    const bad = { ...gptOss120b, totalParamsB: 100, activeParamsB: 10, numExperts: 10, numExpertsActive: 9 };
    expect(() => parameterSplit(bad)).toThrow(CalcInputError);
  });
});

describe('weightBytes', () => {
  it('Llama 3.1 70B: 70e9 × 2 B = 140 GB at bf16, 70 GB at fp8', () => {
    expect(weightBytes(llama70b, 'bf16').totalBytes).toBe(140e9);
    expect(weightBytes(llama70b, 'fp8').totalBytes).toBe(70e9);
  });

  it('gpt-oss-120b native: MXFP4 experts + BF16 rest ≈ 64.3 GB (within 61–66 GB)', () => {
    const b = weightBytes(gptOss120b, 'mxfp4');
    // 128 × 0.902419e9 × 0.53125 = 61.365e9; 1.490323e9 × 2 = 2.981e9
    expect(b.expertBytes / 1e9).toBeCloseTo(61.365, 2);
    expect(b.nonExpertBytes / 1e9).toBeCloseTo(2.981, 2);
    expect(b.totalBytes / 1e9).toBeGreaterThan(61);
    expect(b.totalBytes / 1e9).toBeLessThan(66);
    expect(b.nonExpertPrecision).toBe('bf16');
  });

  it('a requested precision other than the native one applies to all weights', () => {
    const b = weightBytes(gptOss120b, 'fp8');
    expect(b.nonExpertPrecision).toBe('fp8');
    expect(b.totalBytes).toBeCloseTo(117e9, -3);
  });

  it('DeepSeek-V3 native FP8: 671 GB', () => {
    expect(weightBytes(deepseekV3, 'fp8').totalBytes).toBeCloseTo(671e9, -3);
  });
});

describe('expectedExpertsTouched', () => {
  it.each([
    [128, 4, 1, 4],
    [128, 4, 0, 0],
    [8, 2, 2, 8 * (1 - 0.75 ** 2)], // 3.5
    [128, 4, 64, 128 * (1 - (124 / 128) ** 64)], // ≈ 109.1
  ])('E=%d k=%d B=%d → %d', (e, k, b, expected) => {
    expect(expectedExpertsTouched(e, k, b)).toBeCloseTo(expected, 9);
  });

  it('never exceeds E, never falls as tokens grow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 512 }), fc.integer({ min: 1, max: 511 }), fc.integer({ min: 1, max: 4096 }), (e, kRaw, b) => {
        const k = Math.min(kRaw, e);
        const t = expectedExpertsTouched(e, k, b);
        expect(t).toBeLessThanOrEqual(e + 1e-9);
        expect(t).toBeGreaterThanOrEqual(k - 1e-9);
        expect(expectedExpertsTouched(e, k, b + 1)).toBeGreaterThanOrEqual(t - 1e-9);
      }),
    );
  });
});

describe('weightBytesReadPerStep', () => {
  it('gpt-oss-120b reads only the active experts at one token and approaches the full model at large batch', () => {
    const split = parameterSplit(gptOss120b);
    const bytes = weightBytes(gptOss120b, 'mxfp4', split);
    // 2.981e9 + 4 × 0.4794e9 = 4.899e9
    expect(weightBytesReadPerStep(split, bytes, 1) / 1e9).toBeCloseTo(4.899, 2);
    expect(weightBytesReadPerStep(split, bytes, 4096)).toBeCloseTo(bytes.totalBytes, -6);
  });

  it('dense models read every weight every step', () => {
    const split = parameterSplit(llama70b);
    expect(weightBytesReadPerStep(split, weightBytes(llama70b, 'bf16', split), 1)).toBe(140e9);
  });
});
