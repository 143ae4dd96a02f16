import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gptOss120b, h100, llama70b } from '../../../test/helpers/calc-fixtures.js';
import { selfHostCostAt, selfHostCostModel } from '../self-host-workload-cost.js';
import type { Workload } from '../workload.js';
import { resolveWorkload } from '../workload.js';
import { sizeCandidateForSlo } from './slo-candidate.js';
import type { ReplicaCurve, ReplicaPoint, Slo } from './slo-sizing.js';
import { concurrencyGrid, sizeForSlo, sloCapacity } from './slo-sizing.js';

/**
 * A hand-made replica curve. 1-GPU replica: TPOT 19.5, 20, 20.5, 21 ms at 1–4 sequences, idle TTFT
 * 0.3 s. 2-GPU replica: TPOT 10–11.5 ms (fast) but idle TTFT 0.31 s.
 */
const TPOT: Record<number, number[]> = { 1: [0.0195, 0.02, 0.0205, 0.021], 2: [0.01, 0.0105, 0.011, 0.0115] };
const TTFT: Record<number, number> = { 1: 0.3, 2: 0.31 };
const curve: ReplicaCurve = {
  sizes: [
    { gpusPerReplica: 1, maxConcurrency: 4 },
    { gpusPerReplica: 2, maxConcurrency: 4 },
  ],
  at: (gpus, c): ReplicaPoint => ({
    gpusPerReplica: gpus,
    concurrency: c,
    timePerOutputTokenSeconds: (TPOT[gpus] as number[])[c - 1] as number,
    idleTimeToFirstTokenSeconds: TTFT[gpus] as number,
  }),
};

describe('sloCapacity (hand-computed)', () => {
  it('M/M/2 slots, p90 TTFT budget ln(10/3) s: capacity 1 request/s', () => {
    // TPOT 10 ms × 100 output tokens = 1 s per request (μ = 1/s), 2 slots.
    // At λ = 1: C(2, 1) = 1/3, p90 wait = ln((1/3)/0.1) / (2 − 1) = ln(10/3). Target = idle + that.
    const slo: Slo = { timeToFirstTokenSeconds: 0.5 + Math.log(10 / 3), outputTokensPerSecondPerUser: 100, percentile: 0.9 };
    const c = sloCapacity(
      { gpusPerReplica: 1, concurrency: 2, timePerOutputTokenSeconds: 0.01, idleTimeToFirstTokenSeconds: 0.5 },
      100,
      slo,
      1,
    );
    expect(c.meets).toBe(true);
    expect(c.serviceSeconds).toBeCloseTo(1, 15);
    expect(c.capacityRequestsPerSecond).toBeCloseTo(1, 9);
    expect(c.plannedUtilization).toBeCloseTo(0.5, 9);
    expect(c.timeToFirstTokenAtCapacitySeconds).toBeCloseTo(slo.timeToFirstTokenSeconds, 9);
    // The utilisation cap binds below: 0.4 × 2 slots / 1 s = 0.8 requests/s.
    expect(sloCapacity(c.point, 100, slo, 0.4).capacityRequestsPerSecond).toBeCloseTo(0.8, 12);
  });
});

describe('sizeForSlo (hand-computed: one configuration just meets, one just misses)', () => {
  // SLO: 50 tokens/s per user (TPOT ≤ 20 ms), median TTFT ≤ 0.3 s, 100 output tokens per request.
  // 2-GPU replica: idle TTFT 0.31 s > 0.3 s → just misses at every concurrency.
  // 1-GPU replica: TPOT 20 ms at 2 sequences → exactly 50 tokens/s: just meets; 3 sequences
  //   (20.5 ms, 48.8 tokens/s) just miss. Wait budget 0.3 − 0.3 = 0: the median wait must be 0, i.e.
  //   P(wait) = C ≤ 0.5.
  //   c = 1: C = ρ ≤ 0.5 → λ = 0.5 / 1.95 s = 0.25641 requests/s.
  //   c = 2: C(2, a) = a² / (2 + a) ≤ 0.5 → a² − 0.5a − 1 = 0 → a = (0.5 + √4.25) / 2 = 1.28078;
  //          service 100 × 20 ms = 2 s → λ = a / 2 s = 0.64039 requests/s  ← more per GPU: chosen.
  // Peak 2 requests/s → ceil(2 / 0.64039) = ceil(3.123) = 4 replicas (+1 spare = 5 GPUs).
  const slo: Slo = { timeToFirstTokenSeconds: 0.3, outputTokensPerSecondPerUser: 50, percentile: 0.5 };
  const a = (0.5 + Math.sqrt(4.25)) / 2;

  it('picks 1 GPU × 2 sequences, 4 replicas', () => {
    const s = sizeForSlo(curve, 100, slo, 1, 2, 1);
    expect(s.met).toBe(true);
    expect(s.chosen.point).toMatchObject({ gpusPerReplica: 1, concurrency: 2 });
    expect(s.chosen.capacityRequestsPerSecond).toBeCloseTo(a / 2, 9);
    expect(s.replicasForPeak).toBe(4);
    expect(s.evaluated).toBe(8);
  });

  it('a hair stricter speed target: 2 sequences miss, 1 sequence remains → 8 replicas', () => {
    const s = sizeForSlo(curve, 100, { ...slo, outputTokensPerSecondPerUser: 50.01 }, 1, 2, 1);
    expect(s.chosen.point).toMatchObject({ gpusPerReplica: 1, concurrency: 1 });
    expect(s.chosen.capacityRequestsPerSecond).toBeCloseTo(0.5 / 1.95, 9);
    expect(s.replicasForPeak).toBe(8); // ceil(2 / 0.25641) = ceil(7.8)
  });

  it('a TTFT target a hair below 0.3 s: nothing meets; the best achievable figures are reported', () => {
    const s = sizeForSlo(curve, 100, { ...slo, timeToFirstTokenSeconds: 0.2999 }, 0.8, 2, 1);
    expect(s.met).toBe(false);
    expect(s.bestAchievable.outputTokensPerSecondPerUser).toBeCloseTo(100, 9); // 1 / 10 ms
    expect(s.bestAchievable.timeToFirstTokenSeconds).toBe(0.3);
    // Fallback: the fastest configuration (2 GPUs, 1 sequence), planned at the target utilisation:
    // 0.8 × 1 slot / (100 × 10 ms) = 0.8 requests/s → ceil(2 / 0.8) = 3 replicas.
    expect(s.chosen.point).toMatchObject({ gpusPerReplica: 2, concurrency: 1 });
    expect(s.replicasForPeak).toBe(3);
  });
});

describe('sizeForSlo with a concurrency fixed by the caller (hand-computed)', () => {
  // Same curve and SLO as above (50 tokens/s per user, median TTFT ≤ 0.3 s, 100 output tokens,
  // peak 2 requests/s, 1 spare, utilisation 0.8); only the fixed concurrency is tried on each size.
  const slo: Slo = { timeToFirstTokenSeconds: 0.3, outputTokensPerSecondPerUser: 50, percentile: 0.5 };
  const fixed = (c: number): ReplicaCurve => ({
    sizes: curve.sizes.map((s) => ({ ...s, maxConcurrency: c, fixedConcurrency: true })),
    at: curve.at,
  });
  // Erlang C(3, a = 2.4) = 11.52 / (6.28 + 11.52) = 288/445 (a³/3! × 3/(3 − a) over the sum).
  const mm3Wait = Math.log(288 / 445 / 0.5) / ((3 - 2.4) / 1.1);
  it.each([
    {
      name: '2 sequences meet on 1 GPU (20 ms): chosen as without the fix',
      c: 2,
      met: true,
      gpus: 1,
      capacity: (0.5 + Math.sqrt(4.25)) / 2 / 2,
      replicas: 4,
      ttft: 0.3,
    },
    {
      // 1 GPU: 20.5 ms is 48.8 tokens/s < 50; 2 GPUs: idle TTFT 0.31 s > 0.3 s. Nothing meets: the
      // fastest size at the fixed 3 sequences (2 GPUs, 11 ms) is costed at utilisation 0.8:
      // λ = 0.8 × 3 / (100 × 11 ms) = 2.1818/s (a = 2.4) → 1 replica; TTFT = M/M/3 median wait + 0.31 s.
      // (This case threw a TypeError before: the fallback looked for concurrency 1 only.)
      name: '3 sequences miss on every size: the fastest size at 3 sequences, its M/M/3 wait',
      c: 3,
      met: false,
      gpus: 2,
      capacity: (0.8 * 3) / 1.1,
      replicas: 1,
      ttft: mm3Wait + 0.31,
    },
  ])('$name', ({ c, met, gpus, capacity, replicas, ttft }) => {
    const s = sizeForSlo(fixed(c), 100, slo, 0.8, 2, 1);
    expect(s.met).toBe(met);
    expect(s.evaluated).toBe(2);
    expect(s.chosen.point).toMatchObject({ gpusPerReplica: gpus, concurrency: c });
    expect(s.chosen.capacityRequestsPerSecond).toBeCloseTo(capacity, 9);
    expect(s.replicasForPeak).toBe(replicas);
    expect(s.chosen.timeToFirstTokenAtCapacitySeconds).toBeCloseTo(ttft, 9);
  });
});

describe('concurrencyGrid', () => {
  it('steps of about √2 and the maximum', () => {
    expect(concurrencyGrid(10)).toEqual([1, 2, 3, 4, 6, 8, 10]);
    expect(concurrencyGrid(256)).toEqual([1, 2, 3, 4, 6, 8, 11, 16, 23, 32, 45, 64, 91, 128, 181, 256]);
    expect(concurrencyGrid(1)).toEqual([1]);
  });
});

const workload: Workload = {
  inputTokensPerMonth: 10e9,
  outputTokensPerMonth: 2e9,
  inputTokensPerRequest: 2000,
  outputTokensPerRequest: 400,
  peakToAverageRatio: 3,
};

const sloArb = fc.record({
  timeToFirstTokenSeconds: fc.double({ min: 0.3, max: 10, noNaN: true }),
  outputTokensPerSecondPerUser: fc.double({ min: 5, max: 120, noNaN: true }),
  percentile: fc.double({ min: 0.5, max: 0.999, noNaN: true }),
});

describe('SLO sizing with the engine (properties)', () => {
  const candidates = [
    { model: gptOss120b, hardware: h100, pricing: 'cloud' as const },
    { model: llama70b, hardware: h100, pricing: 'cloud' as const, deployment: { precision: 'fp8' as const } },
  ];
  const cost = (c: (typeof candidates)[number], slo: Slo, w: Workload) => {
    const rw = resolveWorkload(w);
    const sized = sizeCandidateForSlo(c, rw, slo, 0.8, 1);
    if (sized === null) throw new Error('expected a fit');
    const r = selfHostCostAt(selfHostCostModel(sized.candidate, rw), rw);
    if (!r.fits) throw new Error('expected a fit');
    return { met: sized.sizing.met, usd: r.totalUsdPerMonth, replicas: r.replicas, sized };
  };

  it('the engine prices exactly the SLO-sized replica count (+1 spare)', () => {
    const r = cost(
      candidates[0] as (typeof candidates)[number],
      { timeToFirstTokenSeconds: 2, outputTokensPerSecondPerUser: 60, percentile: 0.99 },
      workload,
    );
    expect(r.met).toBe(true);
    expect(r.replicas).toBe(r.sized.sizing.replicasForPeak + 1);
  });

  it('a stricter SLO never lowers cost', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...candidates),
        sloArb,
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        fc.double({ min: 1, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (c, loose, ttftFactor, speedFactor, pShift) => {
          const strict: Slo = {
            timeToFirstTokenSeconds: loose.timeToFirstTokenSeconds * ttftFactor,
            outputTokensPerSecondPerUser: loose.outputTokensPerSecondPerUser * speedFactor,
            percentile: loose.percentile + (0.999 - loose.percentile) * pShift,
          };
          const a = cost(c, loose, workload);
          const b = cost(c, strict, workload);
          if (b.met) {
            expect(a.met).toBe(true);
            expect(b.usd).toBeGreaterThanOrEqual(a.usd);
          }
          if (!a.met) expect(b.met).toBe(false);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('a flatter load shape (lower peak-to-average) never raises cost', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...candidates),
        sloArb,
        fc.double({ min: 1, max: 6, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (c, slo, peak, flatten) => {
          const flatter = 1 + (peak - 1) * flatten;
          const a = cost(c, slo, { ...workload, peakToAverageRatio: peak });
          const b = cost(c, slo, { ...workload, peakToAverageRatio: flatter });
          expect(b.usd).toBeLessThanOrEqual(a.usd);
        },
      ),
      { numRuns: 25 },
    );
  });
});
