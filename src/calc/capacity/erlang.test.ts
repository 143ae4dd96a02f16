import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalcInputError } from '../errors.js';
import { erlangB, erlangC, maxArrivalsForWait, meanWaitSeconds, waitQuantileSeconds } from './erlang.js';

describe('Erlang B and C against closed forms', () => {
  it('M/M/3 at λ = 2, μ = 1 (a = 2, ρ = 2/3)', () => {
    // P0 = 1 / (1 + 2 + 2²/2! + (2³/3!) / (1 − 2/3)) = 1 / (5 + 4) = 1/9
    // C  = (2³/3!) / (1 − 2/3) × P0 = 4/3 × 3 / 9 = 4/9;   Wq = C / (cμ − λ) = 4/9 s
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 14);
    expect(meanWaitSeconds({ servers: 3, arrivalsPerSecond: 2, serviceRatePerSecond: 1 })).toBeCloseTo(4 / 9, 14);
    // p95 wait: ln(C / 0.05) / (cμ − λ) = ln(80/9) = 2.18480
    expect(waitQuantileSeconds({ servers: 3, arrivalsPerSecond: 2, serviceRatePerSecond: 1 }, 0.95)).toBeCloseTo(Math.log(80 / 9), 12);
  });

  it('M/M/2 at a = 1: B = 0.2, C = 1/3', () => {
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 15);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 15);
  });

  it('M/M/1: P(wait) = ρ and Wq = ρ / (μ − λ)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: 0.1, max: 100, noNaN: true }), (rho, mu) => {
        expect(erlangC(1, rho)).toBeCloseTo(rho, 12);
        const wq = meanWaitSeconds({ servers: 1, arrivalsPerSecond: rho * mu, serviceRatePerSecond: mu });
        expect(wq).toBeCloseTo(rho / (mu - rho * mu), 9);
      }),
    );
  });

  it('an unstable queue waits forever', () => {
    expect(erlangC(2, 2)).toBe(1);
    expect(meanWaitSeconds({ servers: 2, arrivalsPerSecond: 3, serviceRatePerSecond: 1 })).toBe(Number.POSITIVE_INFINITY);
    expect(waitQuantileSeconds({ servers: 2, arrivalsPerSecond: 2, serviceRatePerSecond: 1 }, 0.5)).toBe(Number.POSITIVE_INFINITY);
  });

  it('the wait quantile is 0 while P(wait) ≤ 1 − p', () => {
    // M/M/2 at a = 1: C = 1/3 ≤ 0.5 → median wait 0; p90: ln((1/3)/0.1) / (2 − 1)
    const q = { servers: 2, arrivalsPerSecond: 1, serviceRatePerSecond: 1 };
    expect(waitQuantileSeconds(q, 0.5)).toBe(0);
    expect(waitQuantileSeconds(q, 0.9)).toBeCloseTo(Math.log(10 / 3), 14);
  });

  it('C never falls as load rises and never rises with more servers (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.double({ min: 0, max: 0.99, noNaN: true }), (c, rho) => {
        const a = rho * c;
        expect(erlangC(c, a)).toBeLessThanOrEqual(erlangC(c, Math.min(a * 1.01 + 1e-9, c * 0.999)) + 1e-12);
        expect(erlangC(c + 1, a)).toBeLessThanOrEqual(erlangC(c, a) + 1e-12);
        expect(Number.isFinite(erlangC(c, a))).toBe(true);
      }),
    );
  });
});

describe('maxArrivalsForWait', () => {
  it('inverts the quantile: M/M/1 median wait 0 up to ρ = 0.5', () => {
    expect(maxArrivalsForWait(1, 1, 0.5, 0)).toBeCloseTo(0.5, 12);
  });

  it('M/M/2 p90 wait ≤ ln(10/3) s at μ = 1 → λ = 1', () => {
    expect(maxArrivalsForWait(2, 1, 0.9, Math.log(10 / 3))).toBeCloseTo(1, 9);
  });

  it('rejects bad input with the field named', () => {
    expect(() => maxArrivalsForWait(0, 1, 0.5, 1)).toThrow(CalcInputError);
    expect(() => waitQuantileSeconds({ servers: 1, arrivalsPerSecond: 0.1, serviceRatePerSecond: 1 }, 1.5)).toThrow(/percentile/);
  });
});
