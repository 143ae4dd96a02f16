import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allNumbers, hardwareArb, modelArb, offeringArb, workloadArb } from '../../test/helpers/calc-arbitraries.js';
import { deepseekV3, gpt5, h100, hostedGptOss, llama70b } from '../../test/helpers/calc-fixtures.js';
import type { ApiPricing } from './api-workload-cost.js';
import { apiWorkloadCost } from './api-workload-cost.js';
import { breakEven, breakEvenVolume } from './break-even.js';
import type { SelfHostCandidate } from './self-host-workload-cost.js';
import { selfHostWorkloadCost } from './self-host-workload-cost.js';
import { withParameter } from './sensitivity.js';
import type { Workload } from './workload.js';
import { resolveWorkload, withVolume } from './workload.js';

describe('breakEvenVolume (closed form)', () => {
  it.each([
    // F, R, K, p → V*, replicas
    [0, 1000, 1e9, 2e-6, 5e8, 1], // pK = 2000 > R; x = 1 → m = 1 → V* = 1000 / 2e-6
    [500, 1000, 1e9, 1.2e-6, 8500 / 1.2e-6, 8], // x = 1500 / 200 = 7.5 → m = 8
    [0, 1000, 1e9, 1.5e-6, 2000 / 1.5e-6, 2], // x = 1000 / 500 = 2 → m = 2
  ])('F=%d R=%d K=%d p=%d → %d', (f, r, k, p, v, m) => {
    const found = breakEvenVolume(f, r, k, p);
    expect(found?.replicas).toBe(m);
    expect(found?.tokensPerMonth).toBeCloseTo(v, 0);
  });

  it('never when one replica costs at least what the API charges for its capacity', () => {
    expect(breakEvenVolume(0, 1000, 1e9, 1e-6)).toBeNull();
    expect(breakEvenVolume(0, 1000, 1e9, 0.5e-6)).toBeNull();
    expect(breakEvenVolume(100, 1000, 1e9, 0)).toBeNull();
  });
});

const workload: Workload = {
  inputTokensPerMonth: 3e9,
  outputTokensPerMonth: 1e9,
  inputTokensPerRequest: 1500,
  outputTokensPerRequest: 500,
  cachedInputShare: 0.2,
  peakToAverageRatio: 2,
};
const candidate: SelfHostCandidate = {
  model: llama70b,
  hardware: h100,
  pricing: 'cloud',
  deployment: { gpus: 2 },
  assumptions: { measuredOutputTokensPerSecondPerGpu: 150 },
};

describe('breakEven (hand-computed)', () => {
  // Replica: 2 × H100 at $2.49 → R = 2 × 2.49 × 730 = $3,635.40/month; 300 tokens/s.
  // Capacity in total tokens: 300 × 0.8 × 2,628,000 s ÷ (peak 2 × output share 0.25) = 1,261,440,000 per month.
  // GPT-5 with 20 % cached input: $13,075 per 4e9 tokens = 3.26875e-6 $/token → pK = $4,123.33.
  // x = 3,635.40 ÷ (4,123.33 − 3,635.40) = 7.45 → m = 8 → V* = 8 × 3,635.40 ÷ 3.26875e-6 = 8.897e9 tokens.
  const r = breakEven(candidate, gpt5, workload);

  it('reports the volume, its API spend and the replica count', () => {
    expect(r.outcome).toBe('breaks-even');
    expect(r.usdPerReplicaMonth).toBeCloseTo(3635.4, 9);
    expect(r.replicaCapacityTokensPerMonth).toBeCloseTo(1_261_440_000, 0);
    expect(r.replicasAtBreakEven).toBe(8);
    expect(r.breakEvenTokensPerMonth).toBeCloseTo((8 * 3635.4) / 3.26875e-6, -2);
    expect(r.breakEvenApiUsdPerMonth).toBeCloseTo(8 * 3635.4, 6);
    expect((r.breakEvenInputTokensPerMonth ?? 0) + (r.breakEvenOutputTokensPerMonth ?? 0)).toBeCloseTo(r.breakEvenTokensPerMonth ?? 0, 0);
  });

  it('savings at the workload volume: API $13,075 − 4 replicas × $3,635.40', () => {
    expect(r.savingsUsdPerMonth).toBeCloseTo(13075 - 4 * 3635.4, 6);
    expect(r.paybackMonths).toBeNull(); // cloud
  });

  it('at the reported volume the two costs agree, and from there self-hosting stays no dearer', () => {
    const w = resolveWorkload(workload);
    const v = r.breakEvenTokensPerMonth as number;
    const self = selfHostWorkloadCost(candidate, withVolume(w, v));
    const api = apiWorkloadCost(gpt5, withVolume(w, v)).totalUsdPerMonth;
    expect(self.fits && Math.abs(self.totalUsdPerMonth - api)).toBeLessThanOrEqual(3635.4 + 1e-6);
    for (const k of [1.0001, 1.3, 2, 10, 97.3]) {
      const s = selfHostWorkloadCost(candidate, withVolume(w, v * k));
      const a = apiWorkloadCost(gpt5, withVolume(w, v * k)).totalUsdPerMonth;
      expect(s.fits && s.totalUsdPerMonth).toBeLessThanOrEqual(a * (1 + 1e-9));
    }
    const below = selfHostWorkloadCost(candidate, withVolume(w, v * 0.9999));
    expect(below.fits && below.totalUsdPerMonth).toBeGreaterThan(apiWorkloadCost(gpt5, withVolume(w, v * 0.9999)).totalUsdPerMonth);
  });

  it('owned hardware reports payback months = upfront ÷ monthly savings', () => {
    const owned = breakEven({ ...candidate, pricing: 'owned' }, gpt5, {
      ...workload,
      inputTokensPerMonth: 30e9,
      outputTokensPerMonth: 10e9,
    });
    expect(owned.savingsUsdPerMonth).toBeGreaterThan(0);
    expect(owned.paybackMonths).toBeCloseTo(
      (owned.selfHost.fits ? owned.selfHost.cost.upfrontUsd : 0) / (owned.savingsUsdPerMonth as number),
      9,
    );
  });

  it('never against a market-floor price below the marginal self-host cost', () => {
    const never = breakEven(candidate, hostedGptOss, workload);
    expect(never.outcome).toBe('never');
    expect(never.breakEvenTokensPerMonth).toBeNull();
    expect(never.selfHostMarginalUsdPerMtok).toBeGreaterThan(never.apiBlendedUsdPerMtok);
  });

  it('does-not-fit when the model cannot be hosted', () => {
    expect(breakEven({ model: deepseekV3, hardware: h100, pricing: 'cloud' }, gpt5, workload).outcome).toBe('does-not-fit');
  });
});

describe('breakEven: properties', () => {
  const caseArb = fc.record({
    m: modelArb,
    h: hardwareArb,
    w: workloadArb,
    o: offeringArb,
    pricing: fc.constantFrom('cloud', 'owned' as const),
    ops: fc.double({ min: 0, max: 20000, noNaN: true }),
  });

  it('at the break-even volume the costs agree within one replica step, and self-hosting stays no dearer above it', () => {
    fc.assert(
      fc.property(caseArb, fc.double({ min: 1, max: 50, noNaN: true }), ({ m, h, w, o, pricing, ops }, k) => {
        const c: SelfHostCandidate = { model: m, hardware: h, pricing, assumptions: { opsUsdPerMonth: ops } };
        const r = breakEven(c, o, w);
        for (const n of allNumbers(r)) expect(Number.isFinite(n)).toBe(true);
        if (r.breakEvenTokensPerMonth === null || r.breakEvenTokensPerMonth <= 0) return;
        const base = resolveWorkload(w);
        const at = withVolume(base, r.breakEvenTokensPerMonth);
        const self = selfHostWorkloadCost(c, at);
        if (!self.fits) return;
        const api = apiWorkloadCost(o, at).totalUsdPerMonth;
        expect(Math.abs(self.totalUsdPerMonth - api)).toBeLessThanOrEqual((r.usdPerReplicaMonth as number) * (1 + 1e-9) + 1e-6);
        const above = withVolume(base, r.breakEvenTokensPerMonth * k);
        const s2 = selfHostWorkloadCost(c, above);
        expect(s2.fits && s2.totalUsdPerMonth).toBeLessThanOrEqual(apiWorkloadCost(o, above).totalUsdPerMonth * (1 + 1e-9) + 1e-6);
      }),
      { numRuns: 150 },
    );
  });

  it('the break-even volume never rises as the API price rises', () => {
    fc.assert(
      fc.property(caseArb, fc.double({ min: 1, max: 20, noNaN: true }), ({ m, h, w, o, pricing, ops }, k) => {
        const base = {
          candidate: { model: m, hardware: h, pricing, assumptions: { opsUsdPerMonth: ops } },
          offering: o as ApiPricing,
          workload: w,
        };
        const cheap = breakEven(base.candidate, base.offering, base.workload);
        if (cheap.outcome === 'does-not-fit') return;
        const dear = withParameter(base, 'apiPriceMultiplier', k);
        const r = breakEven(dear.candidate, dear.offering, dear.workload);
        if (cheap.breakEvenTokensPerMonth !== null) {
          expect(r.breakEvenTokensPerMonth).not.toBeNull();
          expect(r.breakEvenTokensPerMonth as number).toBeLessThanOrEqual(cheap.breakEvenTokensPerMonth * (1 + 1e-9));
        }
      }),
      { numRuns: 150 },
    );
  });
});
