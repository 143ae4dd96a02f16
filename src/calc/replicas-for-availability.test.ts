import { describe, expect, it } from 'vitest';
import { gpt5, h100, llama70b } from '../../test/helpers/calc-fixtures.js';
import { breakEven } from './break-even.js';
import type { FittingSelfHostCost, SelfHostCandidate } from './self-host-workload-cost.js';
import { selfHostWorkloadCost } from './self-host-workload-cost.js';
import type { Workload } from './workload.js';

// Measured 150 output tokens/s per GPU on 2-GPU replicas → R = 300 tokens/s per replica.
// 3e9 input + 1e9 output tokens/month, peak ×2: peak 761.04 tokens/s ÷ (300 × 0.8) → 4 replicas.
const workload: Workload = {
  inputTokensPerMonth: 3e9,
  outputTokensPerMonth: 1e9,
  inputTokensPerRequest: 1500,
  outputTokensPerRequest: 500,
  peakToAverageRatio: 2,
};
const candidate = (spare: number): SelfHostCandidate => ({
  model: llama70b,
  hardware: h100,
  pricing: 'cloud',
  deployment: { gpus: 2 },
  assumptions: { measuredOutputTokensPerSecondPerGpu: 150, replicasForAvailability: spare },
});

describe('replicasForAvailability (N+1)', () => {
  it('adds spare replicas to the peak count: 4 + 1 = 5 replicas = 10 GPUs', () => {
    const r = selfHostWorkloadCost(candidate(1), workload) as FittingSelfHostCost;
    expect(r.replicas).toBe(5);
    expect(r.spareReplicas).toBe(1);
    expect(r.totalUsdPerMonth).toBeCloseTo(10 * 2.49 * 730, 9); // $18,177
  });

  it('break-even treats the spare as a fixed cost', () => {
    // Rm = 2 × 2.49 × 730 = $3,635.40; K = 300 × 0.8 × 2,628,000 / (2 × 0.25) = 1.26144e9 tokens;
    // GPT-5 on this mix: (3,000 × 1.25 + 1,000 × 10) / 4,000 = $3.4375/Mtok → pK = $4,336.20.
    // No spare: x = 3,635.4 / 700.8 = 5.19 → m = 6 → V* = 6 × 3,635.4 / 3.4375e-6 = 6.3455e9.
    // N+1: F = 3,635.4; x = 7,270.8 / 700.8 = 10.375 → m = 11 → V* = 12 × 3,635.4 / 3.4375e-6 = 12.691e9,
    // with 11 + 1 = 12 replicas there.
    const none = breakEven(candidate(0), gpt5, workload);
    const spare = breakEven(candidate(1), gpt5, workload);
    expect(none.breakEvenTokensPerMonth).toBeCloseTo((6 * 3635.4) / 3.4375e-6, -2);
    expect(spare.fixedUsdPerMonth).toBeCloseTo(3635.4, 9);
    expect(spare.breakEvenTokensPerMonth).toBeCloseTo((12 * 3635.4) / 3.4375e-6, -2);
    expect(spare.replicasAtBreakEven).toBe(12);
  });

  it('rejects a fractional or negative count', () => {
    expect(() => selfHostWorkloadCost(candidate(0.5), workload)).toThrow(/assumptions.replicasForAvailability/);
    expect(() => selfHostWorkloadCost(candidate(-1), workload)).toThrow(/assumptions.replicasForAvailability/);
  });
});
