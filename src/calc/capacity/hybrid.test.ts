import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HybridInput } from './hybrid.js';
import { hybridBreakEvenTokensPerMonth, hybridPlanAt, optimalHybridCosts, optimalHybridPlan, selfHostedShare } from './hybrid.js';
import { shapeFromPeakToAverage } from './load-shape.js';

/**
 * A two-hour load shape: all traffic in 09:00 (weight 8) and 10:00 (weight 16), mean 1.
 * Volume 525.6e6 tokens/month, half output → average 525.6e6 × 0.5 / 2,628,000 s = 100 output
 * tokens/s → 800 tokens/s at 09:00 and 1,600 at 10:00. A replica serves 800 tokens/s within the SLO
 * (so 2 replicas cover the peak), costs $2,000/month; operations $500/month; the API $10/Mtok
 * → $5,256/month for the whole volume.
 *
 *   n = 0: API only                                     = $5,256
 *   n = 1: serves 800 + 800 of 2,400 → share 2/3;  $500 + $2,000 + $5,256 / 3 = $4,252  ← optimum
 *   n = 2: serves everything;                      $500 + $4,000               = $4,500
 * Savings: $1,004 against the API, $2,248 against pure self-hosting with N+1 ($500 + 3 × $2,000).
 */
const twoHours = Array.from({ length: 24 }, (_, h) => (h === 9 ? 8 : h === 10 ? 16 : 0));
const input: HybridInput = {
  hourlyWeights: twoHours,
  tokensPerMonth: 525.6e6,
  outputShare: 0.5,
  replicaOutputTokensPerSecond: 800,
  usdPerReplicaMonth: 2000,
  fixedUsdPerMonth: 500,
  apiUsdPerToken: 10e-6,
  maxReplicas: 2,
};

describe('selfHostedShare', () => {
  it('two busy hours at weight 12, average 100 tokens/s, one replica of 1,000: 2,000 of 2,400 served', () => {
    expect(selfHostedShare([12, 12, ...Array(22).fill(0)], 100, 1, 1000)).toBeCloseTo(1000 / 1200, 15);
    expect(selfHostedShare([12, 12, ...Array(22).fill(0)], 100, 0, 1000)).toBe(0);
  });
});

describe('hybrid plan on a two-hour load shape (hand-computed)', () => {
  it('costs each replica count', () => {
    expect(hybridPlanAt(input, 0).totalUsdPerMonth).toBeCloseTo(5256, 6);
    expect(hybridPlanAt(input, 1).totalUsdPerMonth).toBeCloseTo(4252, 6);
    expect(hybridPlanAt(input, 2).totalUsdPerMonth).toBeCloseTo(4500, 6);
  });

  it('one replica for the base, the API for the peak', () => {
    const plan = optimalHybridPlan(input);
    expect(plan.replicas).toBe(1);
    expect(plan.selfHostedTokenShare).toBeCloseTo(2 / 3, 12);
    expect(plan.apiUsdPerMonth).toBeCloseTo(1752, 6);
    expect(plan.hours[10]).toEqual({
      hour: 10,
      loadOutputTokensPerSecond: expect.closeTo(1600, 9),
      selfHostCapacityOutputTokensPerSecond: 800,
      selfHostedOutputTokensPerSecond: 800,
      overflowOutputTokensPerSecond: expect.closeTo(800, 9),
    });
    expect(plan.hours[3]?.overflowOutputTokensPerSecond).toBe(0);
  });

  it('break-even volume, unsaturated: p × V = F + Rm → V = $2,500 / $10 per Mtok = 250e6 tokens', () => {
    // At 250e6 the average is 47.6 tokens/s and the 10:00 peak 761 < 800: one replica serves all.
    expect(hybridBreakEvenTokensPerMonth(input)).toBeCloseTo(250e6, -1);
  });

  it('break-even volume in the overflow regime (F = 0, Rm = $3,000)', () => {
    // With average a (tokens/s), V = 5.256e6 × a. For 50 < a ≤ 100 one replica serves 8a + 800 of
    // 24a per second, i.e. served tokens = 219,000 × (8a + 800) = 1.752e6 a + 175.2e6.
    // p × served = 3,000 → served = 300e6 → a = 124.8e6 / 1.752e6 = 71.23 → V = 3 × 124.8e6 = 374.4e6.
    // Two replicas cost $6,000 → need ≥ 600e6 tokens: later. Break-even 374.4e6.
    const v = hybridBreakEvenTokensPerMonth({ ...input, fixedUsdPerMonth: 0, usdPerReplicaMonth: 3000 });
    expect(v).toBeCloseTo(374.4e6, -1);
  });

  it('never when one replica cannot pay for itself even fully used', () => {
    // Full use in the two active hours: 800 × 2/24 × 2,628,000 / 0.5 = 350.4e6 tokens → $3,504 < $4,000.
    expect(hybridBreakEvenTokensPerMonth({ ...input, fixedUsdPerMonth: 0, usdPerReplicaMonth: 4000 })).toBeNull();
  });
});

const inputArb: fc.Arbitrary<HybridInput> = fc.record({
  hourlyWeights: fc
    .array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 24, maxLength: 24 })
    .filter((w) => w.some((x) => x > 0.01)),
  tokensPerMonth: fc.double({ min: 1e6, max: 1e10, noNaN: true }),
  outputShare: fc.double({ min: 0.05, max: 1, noNaN: true }),
  replicaOutputTokensPerSecond: fc.double({ min: 100, max: 1e5, noNaN: true }),
  usdPerReplicaMonth: fc.double({ min: 100, max: 1e5, noNaN: true }),
  fixedUsdPerMonth: fc.double({ min: 0, max: 1e5, noNaN: true }),
  apiUsdPerToken: fc.double({ min: 1e-8, max: 1e-4, noNaN: true }),
  maxReplicas: fc.constant(0),
});

function withPeakReplicas(i: HybridInput): HybridInput {
  const sum = i.hourlyWeights.reduce((a, b) => a + b, 0);
  const peakLoad = ((i.tokensPerMonth * i.outputShare) / 2_628_000) * ((Math.max(...i.hourlyWeights) * 24) / sum);
  // At most 1e10 × 24 / 2,628,000 / 100 ≈ 913 replicas with the generators below.
  return { ...i, maxReplicas: Math.max(1, Math.ceil(peakLoad / i.replicaOutputTokensPerSecond)) };
}

describe('hybrid properties', () => {
  it('never costs more than the cheaper pure option', () => {
    fc.assert(
      fc.property(inputArb.map(withPeakReplicas), fc.integer({ min: 0, max: 2 }), (i, spare) => {
        const plan = optimalHybridPlan(i);
        const api = i.apiUsdPerToken * i.tokensPerMonth;
        const selfHost = i.fixedUsdPerMonth + (i.maxReplicas + spare) * i.usdPerReplicaMonth;
        // maxReplicas covers the peak, so the pure self-host plan serves everything (share 1).
        expect(hybridPlanAt(i, i.maxReplicas).selfHostedTokenShare).toBeCloseTo(1, 9);
        const tolerance = 1e-7 * Math.max(api, selfHost);
        expect(plan.totalUsdPerMonth).toBeLessThanOrEqual(Math.min(api, selfHost) + tolerance);
        expect(plan.selfHostedTokenShare).toBeGreaterThanOrEqual(0);
        expect(plan.selfHostedTokenShare).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });

  it('finds the same least cost as costing every replica count (the bisection relies on convexity)', () => {
    fc.assert(
      fc.property(inputArb.map(withPeakReplicas), (i) => {
        let scanned = hybridPlanAt(i, 0).totalUsdPerMonth;
        for (let n = 1; n <= i.maxReplicas; n++) scanned = Math.min(scanned, hybridPlanAt(i, n).totalUsdPerMonth);
        const plan = optimalHybridPlan(i);
        expect(plan.totalUsdPerMonth).toBeLessThanOrEqual(scanned + 1e-9 * Math.max(1, scanned));
        expect(plan.totalUsdPerMonth).toBeCloseTo(hybridPlanAt(i, plan.replicas).totalUsdPerMonth, 9);
      }),
    );
  });

  it('optimalHybridCosts gives exactly the figures of optimalHybridPlan, without the hours', () => {
    fc.assert(
      fc.property(inputArb.map(withPeakReplicas), fc.integer({ min: 0, max: 3 }), (i, cap) => {
        for (const input of [i, { ...i, maxReplicas: cap }]) {
          const { hours, ...figures } = optimalHybridPlan(input);
          expect(hours).toHaveLength(24);
          expect(optimalHybridCosts(input)).toStrictEqual(figures);
        }
      }),
    );
  });

  it('sizes millions of replicas without costing each one (1e15 tokens/month)', () => {
    // Two busy hours, 1e15 tokens/month: 1.5e9 output tokens/s at 10:00, so 1.5e6 replicas of 1,000 cover the peak.
    const plan = optimalHybridPlan({ ...input, tokensPerMonth: 1e15, replicaOutputTokensPerSecond: 1000, maxReplicas: 2e6 });
    expect(Number.isFinite(plan.totalUsdPerMonth)).toBe(true);
    expect(plan.replicas).toBeGreaterThan(100_000);
    expect(plan.replicas).toBeLessThanOrEqual(2e6);
  });

  it('a flatter load shape never raises the hybrid cost', () => {
    fc.assert(
      fc.property(inputArb.map(withPeakReplicas), fc.double({ min: 0, max: 1, noNaN: true }), (i, mix) => {
        const sum = i.hourlyWeights.reduce((a, b) => a + b, 0);
        const flatter = i.hourlyWeights.map((w) => (1 - mix) * ((w * 24) / sum) + mix);
        const a = optimalHybridPlan(i).totalUsdPerMonth;
        const b = optimalHybridPlan({ ...i, hourlyWeights: flatter }).totalUsdPerMonth;
        expect(b).toBeLessThanOrEqual(a * (1 + 1e-9) + 1e-9);
      }),
    );
  });

  it('at the break-even volume the best hybrid with a replica costs no more than the API', () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom(1, 1.5, 2, 3, 5), (i, peak) => {
        const shaped = { ...i, hourlyWeights: shapeFromPeakToAverage(peak) };
        const v = hybridBreakEvenTokensPerMonth(shaped);
        if (v === null) return;
        const at = withPeakReplicas({ ...shaped, tokensPerMonth: v * (1 + 1e-9) });
        let best = Number.POSITIVE_INFINITY;
        for (let n = 1; n <= Math.max(1, at.maxReplicas); n++) best = Math.min(best, hybridPlanAt(at, n).totalUsdPerMonth);
        expect(best).toBeLessThanOrEqual(at.apiUsdPerToken * at.tokensPerMonth * (1 + 1e-6));
      }),
    );
  });

  it('just below the break-even volume no plan with a replica beats the API (it is the smallest)', () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom(1, 1.5, 2, 3, 5), (i, peak) => {
        const shaped = { ...i, hourlyWeights: shapeFromPeakToAverage(peak) };
        const v = hybridBreakEvenTokensPerMonth(shaped);
        if (v === null || v === 0) return;
        const at = withPeakReplicas({ ...shaped, tokensPerMonth: v * (1 - 1e-6) });
        const api = at.apiUsdPerToken * at.tokensPerMonth;
        for (let n = 1; n <= Math.max(1, at.maxReplicas); n++) {
          expect(hybridPlanAt(at, n).totalUsdPerMonth).toBeGreaterThan(api * (1 - 1e-9));
        }
      }),
    );
  });
});
