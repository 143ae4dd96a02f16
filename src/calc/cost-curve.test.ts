import { describe, expect, it } from 'vitest';
import { deepseekV3, gpt5, h100, llama70b } from '../../test/helpers/calc-fixtures.js';
import { costCurve } from './cost-curve.js';
import { CalcInputError } from './errors.js';
import type { SelfHostCandidate } from './self-host-workload-cost.js';

const workload = { inputTokensPerMonth: 3e9, outputTokensPerMonth: 1e9, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 };
const candidate: SelfHostCandidate = {
  model: llama70b,
  hardware: h100,
  pricing: 'cloud',
  deployment: { gpus: 2 },
  assumptions: { measuredOutputTokensPerSecondPerGpu: 150 },
};

describe('costCurve', () => {
  it('evaluates each volume with the workload mix; self-host steps by replicas, API is linear', () => {
    // Capacity per replica: 300 × 0.8 × 2,628,000 ÷ (2 × 0.25) = 1.26144e9 tokens/month
    const curve = costCurve(candidate, gpt5, workload, [1e8, 1.26144e9, 1.3e9, 4e9]);
    expect(curve.points.map((p) => p.replicas)).toEqual([1, 1, 2, 4]);
    expect(curve.points.map((p) => p.selfHostUsdPerMonth)).toEqual([1, 1, 2, 4].map((r) => r * 2 * 2.49 * 730));
    // GPT-5 without caching: (0.75 × 1.25 + 0.25 × 10) $/Mtok = $3.4375/Mtok
    expect(curve.points[3]?.apiUsdPerMonth).toBeCloseTo(4000 * 3.4375, 9);
    expect(curve.points[0]?.apiUsdPerMonth).toBeCloseTo(100 * 3.4375, 9);
  });

  it('reports null self-host cost when the model does not fit', () => {
    const curve = costCurve({ model: deepseekV3, hardware: h100, pricing: 'cloud' }, gpt5, workload, [1e9]);
    expect(curve.points[0]?.selfHostUsdPerMonth).toBeNull();
    expect(curve.warnings.map((w) => w.code)).toContain('does-not-fit');
  });

  it('rejects empty or non-positive volume lists', () => {
    expect(() => costCurve(candidate, gpt5, workload, [])).toThrow(CalcInputError);
    expect(() => costCurve(candidate, gpt5, workload, [1e9, 0])).toThrow(CalcInputError);
  });
});
