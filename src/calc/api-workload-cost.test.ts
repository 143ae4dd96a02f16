import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offeringArb, workloadArb } from '../../test/helpers/calc-arbitraries.js';
import { gemini25Pro, gpt5, hostedGptOss } from '../../test/helpers/calc-fixtures.js';
import { apiWorkloadCost } from './api-workload-cost.js';
import { CalcInputError } from './errors.js';
import { resolveWorkload, withVolume } from './workload.js';

const w = { inputTokensPerMonth: 3e9, outputTokensPerMonth: 1e9, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 };

describe('apiWorkloadCost (hand-computed)', () => {
  it('GPT-5, 20 % cached: 2,400 × 1.25 + 600 × 0.125 + 1,000 × 10 = $13,075', () => {
    const c = apiWorkloadCost(gpt5, { ...w, cachedInputShare: 0.2 });
    expect(c.uncachedInputUsdPerMonth).toBe(3000);
    expect(c.cachedInputUsdPerMonth).toBe(75);
    expect(c.outputUsdPerMonth).toBe(10000);
    expect(c.totalUsdPerMonth).toBe(13075);
    expect(c.inputUsdPerMtok).toBeCloseTo(3075 / 3000, 12);
    expect(c.outputUsdPerMtok).toBe(10);
    expect(c.blendedUsdPerMtok).toBeCloseTo(13075 / 4000, 12);
  });

  it('reasoning tokens are billed as output: 1,000 visible Mtok in requests of 500 + 1,500 reasoning → 4,000 Mtok billed', () => {
    const c = apiWorkloadCost({ ...gpt5, reasoningTokensPerRequest: 1500 }, w);
    // (500 + 1,500) / 500 = 4 → 3,000 × 1.25 + 4,000 × 10 = $43,750; per-Mtok figures stay per visible token.
    expect(c.totalUsdPerMonth).toBe(3000 * 1.25 + 4000 * 10);
    expect(c.outputUsdPerMtok).toBe(40);
    expect(() => apiWorkloadCost({ ...gpt5, reasoningTokensPerRequest: -1 }, w)).toThrow(CalcInputError);
  });

  it('batch: half the traffic at 50 % off → × 0.75', () => {
    expect(apiWorkloadCost(gpt5, { ...w, batchShare: 0.5 }).totalUsdPerMonth).toBe(0.75 * (3000 * 1.25 + 1000 * 10));
  });

  it('long-context tier: requests above 200K input are billed at the tier prices', () => {
    const below = apiWorkloadCost(gemini25Pro, { ...w, inputTokensPerRequest: 150_000 });
    const above = apiWorkloadCost(gemini25Pro, { ...w, inputTokensPerRequest: 250_000, cachedInputShare: 0.5 });
    expect(below.prices.longContextTier).toBe(false);
    expect(below.totalUsdPerMonth).toBe(3000 * 1.25 + 1000 * 10);
    expect(above.prices).toMatchObject({ longContextTier: true, inputUsdPerMtok: 2.5, cachedInputUsdPerMtok: 0.25, outputUsdPerMtok: 15 });
    expect(above.totalUsdPerMonth).toBe(1500 * 2.5 + 1500 * 0.25 + 1000 * 15);
  });

  it('without a cache price, cached tokens pay the input price', () => {
    expect(apiWorkloadCost(hostedGptOss, { ...w, cachedInputShare: 0.5 }).totalUsdPerMonth).toBeCloseTo(3000 * 0.039 + 1000 * 0.18, 9);
  });

  it('warns when a request exceeds the context window', () => {
    expect(apiWorkloadCost(gpt5, { ...w, inputTokensPerRequest: 500_000 }).warnings.map((x) => x.code)).toContain('api-context-exceeded');
  });

  it('rejects negative prices', () => {
    expect(() => apiWorkloadCost({ ...gpt5, outputUsdPerMtok: -1 }, w)).toThrow(CalcInputError);
  });
});

describe('apiWorkloadCost: properties', () => {
  it('more volume never lowers API cost; cost is linear in volume', () => {
    fc.assert(
      fc.property(offeringArb, workloadArb, fc.double({ min: 1, max: 1000, noNaN: true }), (o, wl, k) => {
        const base = resolveWorkload(wl);
        const a = apiWorkloadCost(o, base).totalUsdPerMonth;
        const b = apiWorkloadCost(o, withVolume(base, (base.inputTokensPerMonth + base.outputTokensPerMonth) * k)).totalUsdPerMonth;
        expect(b).toBeGreaterThanOrEqual(a);
        expect(b).toBeCloseTo(a * k, Math.max(0, 6 - Math.ceil(Math.log10(Math.max(1, b)))));
        expect(Number.isFinite(b)).toBe(true);
      }),
    );
  });

  it('reasoning tokens never lower the cost, and only the output part grows, by (v + R) / v', () => {
    fc.assert(
      fc.property(offeringArb, workloadArb, fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), (o, wl, r1, r2) => {
        const [lo, hi] = r1 <= r2 ? [r1, r2] : [r2, r1];
        const w = resolveWorkload(wl);
        const a = apiWorkloadCost({ ...o, reasoningTokensPerRequest: lo }, w);
        const b = apiWorkloadCost({ ...o, reasoningTokensPerRequest: hi }, w);
        expect(b.totalUsdPerMonth).toBeGreaterThanOrEqual(a.totalUsdPerMonth);
        expect(b.uncachedInputUsdPerMonth + b.cachedInputUsdPerMonth).toBe(a.uncachedInputUsdPerMonth + a.cachedInputUsdPerMonth);
        const none = apiWorkloadCost({ ...o, reasoningTokensPerRequest: 0 }, w).outputUsdPerMonth;
        const expected = (none * (w.outputTokensPerRequest + hi)) / w.outputTokensPerRequest;
        expect(Math.abs(b.outputUsdPerMonth - expected) / Math.max(1, expected)).toBeLessThan(1e-12);
      }),
    );
  });
});
