import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capitalRecoveryFactor, monthlyCapitalCostUsd } from './capital-recovery.js';
import { CalcInputError } from './errors.js';

describe('capitalRecoveryFactor', () => {
  it.each([
    // r(1+r)^n / ((1+r)^n − 1)
    [0, 60, 1 / 60],
    [0.08 / 12, 60, 0.020276394288],
    [0.1, 1, 1.1], // one period: repay principal plus interest
    [0.05, 10, 0.129504574965],
  ])('rate %d over %d periods → %d', (rate, n, expected) => {
    expect(capitalRecoveryFactor(rate, n)).toBeCloseTo(expected, 10);
  });

  it('is at least straight-line 1/n and grows with the rate', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.05, noNaN: true }),
        fc.double({ min: 0, max: 0.05, noNaN: true }),
        fc.integer({ min: 1, max: 240 }),
        (r1, r2, n) => {
          const [lo, hi] = r1 <= r2 ? [r1, r2] : [r2, r1];
          expect(capitalRecoveryFactor(lo, n)).toBeGreaterThanOrEqual(1 / n - 1e-15);
          expect(capitalRecoveryFactor(hi, n)).toBeGreaterThanOrEqual(capitalRecoveryFactor(lo, n) - 1e-12);
        },
      ),
    );
  });

  it('rejects negative rates and non-integer periods', () => {
    expect(() => capitalRecoveryFactor(-0.01, 60)).toThrow(CalcInputError);
    expect(() => capitalRecoveryFactor(0.01, 0)).toThrow(CalcInputError);
    expect(() => capitalRecoveryFactor(0.01, 2.5)).toThrow(CalcInputError);
  });
});

describe('monthlyCapitalCostUsd', () => {
  it('$30,000 over 5 years at 8 % a year, compounded monthly: $608.29 a month', () => {
    expect(monthlyCapitalCostUsd(30000, 5, 0.08)).toBeCloseTo(608.2918, 3);
  });
  it('straight line at 0 %', () => {
    expect(monthlyCapitalCostUsd(36000, 3, 0)).toBe(1000);
  });
});
