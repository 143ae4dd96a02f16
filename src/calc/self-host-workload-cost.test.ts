import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allNumbers, hardwareArb, modelArb, workloadArb } from '../../test/helpers/calc-arbitraries.js';
import { deepseekV3, h100, llama70b } from '../../test/helpers/calc-fixtures.js';
import { HOURS_PER_MONTH, resolveAssumptions } from './assumptions.js';
import { gpuCost } from './hourly-cost.js';
import type { FittingSelfHostCost, SelfHostCandidate, SelfHostWorkloadCost } from './self-host-workload-cost.js';
import { replicasForPeak, selfHostCostAt, selfHostCostModel, selfHostWorkloadCost } from './self-host-workload-cost.js';
import type { Workload } from './workload.js';
import { resolveWorkload, withVolume } from './workload.js';

const fitting = (r: SelfHostWorkloadCost): FittingSelfHostCost => {
  if (!r.fits) throw new Error('expected a fit');
  return r;
};

const workload: Workload = {
  inputTokensPerMonth: 3e9,
  outputTokensPerMonth: 1e9,
  inputTokensPerRequest: 1500,
  outputTokensPerRequest: 500,
  peakToAverageRatio: 2,
};

describe('replicasForPeak', () => {
  it.each([
    [2500, 1000, 0.8, 4],
    [800, 1000, 0.8, 1],
    [801, 1000, 0.8, 2],
    [0.001, 1000, 0.8, 1],
  ])('peak %d, replica %d at %d → %d', (peak, replica, util, expected) => {
    expect(replicasForPeak(peak, replica, util)).toBe(expected);
  });
});

describe('selfHostWorkloadCost (hand-computed with a measured rate)', () => {
  // Measured 150 output tokens/s per GPU on 2-GPU replicas → 300 tokens/s per replica.
  // Peak = 1e9 / (730 × 3600) × 2 = 761.04 tokens/s; ÷ (300 × 0.8) = 3.17 → 4 replicas = 8 GPUs.
  // Cloud: 8 × $2.49 × 730 = $14,541.60 per month; blended over 4,000 Mtok = $3.635 per Mtok.
  const candidate: SelfHostCandidate = {
    model: llama70b,
    hardware: h100,
    pricing: 'cloud',
    deployment: { gpus: 2 },
    assumptions: { measuredOutputTokensPerSecondPerGpu: 150 },
  };
  const r = fitting(selfHostWorkloadCost(candidate, workload));

  it('replicas and GPUs', () => {
    expect(r.replicaOutputTokensPerSecond).toBe(300);
    expect(r.peakOutputTokensPerSecond).toBeCloseTo(761.035, 3);
    expect(r.replicas).toBe(4);
    expect(r.gpus).toBe(8);
  });

  it('reasoning tokens: 500 visible + 1,000 hidden per request → a third of the 300 tokens/s are visible', () => {
    // 300 × 500 / 1,500 = 100 visible tokens/s; 761.04 ÷ (100 × 0.8) = 9.51 → 10 replicas = 20 GPUs.
    const thinking = fitting(selfHostWorkloadCost({ ...candidate, reasoningTokensPerRequest: 1000 }, workload));
    expect(thinking.replicaOutputTokensPerSecond).toBeCloseTo(100, 12);
    expect(thinking.replicas).toBe(10);
    expect(thinking.totalUsdPerMonth).toBeCloseTo(20 * 2.49 * 730, 9);
    expect(() => selfHostWorkloadCost({ ...candidate, reasoningTokensPerRequest: -1 }, workload)).toThrow();
  });

  it('monthly cost and $/Mtok', () => {
    expect(r.totalUsdPerMonth).toBe(8 * 2.49 * 730);
    expect(r.blendedUsdPerMtok).toBeCloseTo(14541.6 / 4000, 12);
    // The input and output parts add up to the whole.
    expect((r.inputUsdPerMtok ?? 0) * 3000 + r.outputUsdPerMtok * 1000).toBeCloseTo(r.totalUsdPerMonth, 6);
    expect(r.averageUtilization).toBeCloseTo(761.035 / 2 / 1200, 4);
  });

  it('owned hardware costs the owned GPU cost of the same GPUs', () => {
    const owned = fitting(selfHostWorkloadCost({ ...candidate, pricing: 'owned' }, workload));
    const expected = gpuCost(h100, 8, 'owned', resolveAssumptions(h100, 'bf16', candidate.assumptions)).totalUsdPerMonth;
    expect(owned.totalUsdPerMonth).toBeCloseTo(expected, 9);
    expect(owned.cost.upfrontUsd).toBe(240_000);
  });

  it('warns about a request shape that disagrees with the monthly mix, and about missing ops cost', () => {
    const codes = fitting(selfHostWorkloadCost(candidate, { ...workload, inputTokensPerMonth: 1e9 })).warnings.map((w) => w.code);
    expect(codes).toContain('request-shape-mismatch');
    expect(codes).toContain('no-ops-cost');
  });

  it('a model that does not fit yields fits: false', () => {
    const r2 = selfHostWorkloadCost({ model: deepseekV3, hardware: h100, pricing: 'cloud' }, workload);
    expect(r2.fits).toBe(false);
    expect(r2.warnings.map((w) => w.code)).toContain('does-not-fit');
  });
});

describe('selfHostWorkloadCost: properties', () => {
  it('the cloud contract: gpus × usdPerGpuHour × 730 + opsUsdPerMonth, replicas = max(1, ceil(peak ÷ (replica × utilisation)))', () => {
    fc.assert(
      fc.property(modelArb, hardwareArb, workloadArb, fc.double({ min: 0, max: 50000, noNaN: true }), (m, h, w, ops) => {
        const r = selfHostWorkloadCost({ model: m, hardware: h, pricing: 'cloud', assumptions: { opsUsdPerMonth: ops } }, w);
        if (!r.fits) return;
        const price = h.usdPerGpuHour as number;
        const peak = (w.outputTokensPerMonth / (HOURS_PER_MONTH * 3600)) * (w.peakToAverageRatio ?? 2);
        const replicas = Math.max(1, Math.ceil(peak / (r.deployment.outputTokensPerSecond.total * r.assumptions.targetUtilization)));
        expect(r.replicas).toBe(replicas);
        expect(r.gpus).toBe(replicas * r.deployment.gpusPerReplica);
        expect(r.totalUsdPerMonth).toBe(r.gpus * price * 730 + ops);
        for (const n of allNumbers(r)) expect(Number.isFinite(n)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('self-host cost never decreases with volume', () => {
    fc.assert(
      fc.property(
        modelArb,
        hardwareArb,
        workloadArb,
        fc.constantFrom('cloud', 'owned' as const),
        fc.double({ min: 1, max: 100, noNaN: true }),
        (m, h, w, pricing, k) => {
          const base = resolveWorkload(w);
          const model = selfHostCostModel({ model: m, hardware: h, pricing }, base);
          const a = selfHostCostAt(model, base);
          const b = selfHostCostAt(model, withVolume(base, (base.inputTokensPerMonth + base.outputTokensPerMonth) * k));
          if (!a.fits || !b.fits) return;
          expect(b.totalUsdPerMonth).toBeGreaterThanOrEqual(a.totalUsdPerMonth);
          expect(b.replicas).toBeGreaterThanOrEqual(a.replicas);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('selfHostWorkloadCost: reasoning tokens', () => {
  it('with a measured rate, more reasoning tokens never lower the cost; the visible rate is measured × v ÷ (v + R)', () => {
    fc.assert(
      fc.property(workloadArb, fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 0, max: 50_000 }), (w, r1, r2) => {
        const [lo, hi] = r1 <= r2 ? [r1, r2] : [r2, r1];
        const candidate = (r: number): SelfHostCandidate => ({
          model: llama70b,
          hardware: h100,
          pricing: 'cloud',
          deployment: { gpus: 2 },
          assumptions: { measuredOutputTokensPerSecondPerGpu: 150 },
          reasoningTokensPerRequest: r,
        });
        const a = selfHostWorkloadCost(candidate(lo), w);
        const b = selfHostWorkloadCost(candidate(hi), w);
        if (!a.fits || !b.fits) return;
        expect(b.totalUsdPerMonth).toBeGreaterThanOrEqual(a.totalUsdPerMonth);
        const v = resolveWorkload(w).outputTokensPerRequest;
        expect(b.replicaOutputTokensPerSecond).toBeCloseTo((300 * v) / (v + hi), 9);
      }),
      { numRuns: 100 },
    );
  });
});

describe('selfHostCostModel: replica size', () => {
  const w = resolveWorkload(workload);
  const fp8 = (gpus?: number): SelfHostCandidate => ({
    model: llama70b,
    hardware: h100,
    pricing: 'cloud',
    deployment: { precision: 'fp8', gpus },
  });

  it('without a fixed size keeps the tensor-parallel size with the most tokens/s per GPU', () => {
    // 70 GB of fp8 weights fit one 80 GB H100 (72 GB usable) with ~2 GB left for KV cache; every
    // larger size is evaluated, and the chosen one serves at least as much per GPU as any other.
    const chosen = selfHostCostModel(fp8(), w).deployment;
    if (!chosen.fits) throw new Error('expected a fit');
    const perGpu = [1, 2, 4, 8].map((g) => {
      const d = selfHostCostModel(fp8(g), w).deployment;
      return d.fits ? d.outputTokensPerSecond.perGpu : 0;
    });
    expect(chosen.outputTokensPerSecond.perGpu).toBe(Math.max(...perGpu));
    expect(chosen.gpusPerReplica).toBeGreaterThan(1);
    expect(perGpu[0]).toBeLessThan(chosen.outputTokensPerSecond.perGpu);
  });

  it('a fixed size is kept as given', () => {
    expect(selfHostCostModel(fp8(1), w).deployment.gpusPerReplica).toBe(1);
    expect(selfHostCostModel(fp8(4), w).deployment.gpusPerReplica).toBe(4);
  });

  it('with a measured rate (equal per GPU at every size) keeps the smallest size that fits', () => {
    const measured: SelfHostCandidate = { ...fp8(), assumptions: { measuredOutputTokensPerSecondPerGpu: 500 } };
    expect(selfHostCostModel(measured, w).deployment.gpusPerReplica).toBe(1);
  });
});
